"""A short run of the mixed-load script (tests/faults/mixed_load.py) in every
`make test`: gunicorn workers on PostgreSQL, searches and page views while staff
processes approve suggestions and edit a page; no error, nothing stale. The full
minute on 4 workers is run by hand, its output quoted in the README."""
from __future__ import annotations

from tests.faults import mixed_load
from tests.faults.postgres import requires_postgres


@requires_postgres
def test_a_short_mixed_load_loses_nothing(capsys):
    status = mixed_load.main(["--seconds", "6", "--workers", "2", "--threads", "4", "--services", "300",
                              "--approvals", "6"])
    report = capsys.readouterr().out
    assert status == 0, report
    assert "0 errors; no stale or lost search entries" in report
