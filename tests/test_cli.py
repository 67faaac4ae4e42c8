"""The flask commands a deployer runs, through Click's runner."""
from __future__ import annotations

from sqlalchemy import func, select

from directory.extensions import db
from directory.geo.models import Postcode
from directory.listings.models import Area, Category, Service
from tests.conftest import PLACES_DIR


def test_places_seed_and_search_commands(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["places", "load", str(PLACES_DIR)])
    assert result.exit_code == 0, result.output
    assert "postcodes" in result.output
    assert runner.invoke(args=["places", "load", "--if-empty"]).output.startswith("Place data already")

    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0 and "Seeded" in result.output
    assert "already" in runner.invoke(args=["seed-demo", "--if-empty"]).output

    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Postcode)) > 100_000
        assert db.session.scalar(select(func.count()).select_from(Area)) == 14
        assert db.session.scalar(select(func.count()).select_from(Category)) >= 15
        assert db.session.scalar(select(func.count()).select_from(Service)) >= 150

    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0 and "matches" in result.output
    assert "Re-indexed 0" in runner.invoke(args=["search", "drain"]).output


def test_places_load_from_a_missing_folder_fails_clearly(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["places", "load", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "missing" in result.output


def test_search_check_fails_when_index_and_database_differ(app):
    from tests.factories import make_service

    runner = app.test_cli_runner()
    with app.app_context():
        make_service(name="Indexed")
        db.session.add(Service(organization=db.session.scalar(select(Service)).organization,
                               name="Never indexed", slug="never-indexed"))
        db.session.commit()  # bypasses the outbox on purpose
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1 and "Missing from index: 1" in result.output
