"""The demand and gaps report: small numbers hidden, officers see their own areas, CSV = page."""
from __future__ import annotations

import csv
import html as html_lib
import io
import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory.accounts.models import Role
from directory.extensions import db
from directory.insights import report
from directory.insights.models import SearchCount
from tests.factories import PASSWORD, make_area, make_category, make_user
from tests.web.helpers import login


@pytest.mark.parametrize("values, shown", [
    ([], []),
    ([10, 20], [10, 20]),
    ([10, 3, 8], [10, None, None]),          # one small cell: the next smallest hides it
    ([2, 2, 9, 30], [None, None, None, 30]),  # two small cells adding to 4: one more
    ([1], [None]),
    ([6, 1, 1, 1, 1, 40], [None, None, None, None, None, 40]),  # four small cells adding to 4
    ([0, 0, 7], [None, None, 7]),  # empty cells alone hide nothing else
    ([0, 3, 7], [None, None, None]),
])
def test_small_numbers_are_hidden_with_enough_others(values, shown):
    assert report.suppress(values) == shown


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=30))
def test_no_hidden_cell_can_be_worked_out(values):
    shown = report.suppress(values)
    hidden = [v for v, s in zip(values, shown, strict=True) if s is None]
    assert all(s is None for v, s in zip(values, shown, strict=True) if v < report.SUPPRESS_BELOW)
    assert all(s == v for v, s in zip(values, shown, strict=True) if s is not None)
    if any(hidden):  # never a lone hidden cell, never a hidden group whose sum gives it away
        assert len(hidden) == len(values) or (len(hidden) >= 2 and sum(hidden) >= report.SUPPRESS_BELOW)


@pytest.fixture
def reported(app):
    """Counts in the last complete weeks for two areas, and staff to read them."""
    with app.app_context():
        harlow = make_area("harlow", "Harlow", "E07000073")
        db.session.add_all([harlow, make_area("colchester", "Colchester", "E07000071")])
        db.session.add_all([make_category("sport", "Sport"), make_category("drugs-alcohol", "Drugs and alcohol")])
        start, end = report.period()
        rows = [("harlow", "sport", "many", 40), ("harlow", "drugs-alcohol", "none", 12),
                ("harlow", "drugs-alcohol", "few", 2), ("colchester", "sport", "many", 9),
                ("colchester", "drugs-alcohol", "none", 3), ("not-given", "not-recognised", "none", 6)]
        for area, need, results, count in rows:
            db.session.add(SearchCount(day=start + timedelta(days=3), area=area, need=need, age_band="",
                                       language="en_GB", channel="site", results=results, count=count))
        # This week's counts are not in the report yet (whole weeks only).
        db.session.add(SearchCount(day=end + timedelta(days=1), area="harlow", need="sport", age_band="",
                                   language="en_GB", channel="site", results="many", count=1000))
        db.session.commit()
        users = {"officer": make_user(Role.DISTRICT_OFFICER, areas=[harlow]),
                 "moderator": make_user(Role.MODERATOR), "comms": make_user(Role.COMMS)}
    app.config["USERS"] = users
    return app


def _client(app, who):
    client = app.test_client()
    login(client, app, app.config["USERS"][who], PASSWORD)
    return client


def _page_rows(html: str) -> list[list[str]]:
    """(table title, labels, measure, value) for every cell of every table on the page."""
    rows = []
    for section in re.findall(r'<section class="insight".*?</section>', html, re.S):
        title = html_lib.unescape(re.search(r"<h2[^>]*>(.*?)</h2>", section).group(1))
        table = re.search(r"<table.*?</table>", section, re.S)
        if not table:
            continue
        heads = [html_lib.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table.group(0))]
        for tr in re.findall(r"<tr>(<td.*?)</tr>", table.group(0), re.S):
            cells = [html_lib.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
            labels_count = sum(1 for h in heads if h in ("Area", "Need", "Week starting"))
            labels, values = cells[:labels_count], cells[labels_count:]
            for measure, value in zip(heads[labels_count:], values, strict=True):
                rows.append([title, " / ".join(labels), measure, value])
    return rows


def test_county_staff_see_every_area_with_small_numbers_hidden(reported):
    html = _client(reported, "moderator").get("/insights").get_data(as_text=True)
    rows = _page_rows(html)
    needs = {r[1]: r[3] for r in rows if r[0] == "What people look for, by area"}
    assert needs["Harlow / Sport"] == "40" and needs["Harlow / Drugs and alcohol"] == "14"
    assert needs["Colchester / Sport"] == "9"
    # Colchester's 3 drugs searches are under 5, so the next smallest cell is hidden too.
    assert needs["Colchester / Drugs and alcohol"] == needs["Not given / Not recognised"] == "fewer than 5"
    unmet = {r[1]: r[3] for r in rows if r[0].startswith("Needs with few")}
    assert unmet == {"Harlow / Drugs and alcohol": "14", "Colchester / Drugs and alcohol": "fewer than 5",
                     "Not given / Not recognised": "fewer than 5"}
    assert "1000" not in html and "1040" not in html
    assert "<svg" in html and 'role="img"' in html


def test_a_district_officer_sees_only_their_areas(reported):
    client = _client(reported, "officer")
    html = client.get("/insights").get_data(as_text=True)
    assert "Harlow" in html and "Colchester" not in html and "Not given" not in html
    download = client.get("/insights.csv").get_data(as_text=True)
    assert "Harlow" in download and "Colchester" not in download and "Not given" not in download


@pytest.mark.parametrize("who", ["moderator", "officer", "comms"])
def test_the_csv_is_the_page(reported, who):
    client = _client(reported, who)
    page = _page_rows(client.get("/insights").get_data(as_text=True))
    response = client.get("/insights.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    sheet = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert sheet[0] == ["table", "labels", "measure", "value"]
    assert sheet[1:] == page and len(page) > 3


def test_weeks_cover_the_whole_period(reported):
    with reported.app_context():
        start, end = report.period(today=report.period()[1] + timedelta(days=3))
        assert start.weekday() == 0 and end.weekday() == 6 and (end - start).days == 12 * 7 - 1
        weekly = report.build_report(report.Scope(None), start, end)[2]
        quiet = report.build_report(report.Scope(frozenset({"nowhere"})), start, end)[2]
    assert len(weekly.rows) == 12
    assert quiet.rows == []  # a period with no searches says so, not "fewer than 5" twelve times
