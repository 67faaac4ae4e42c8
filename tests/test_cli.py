"""The flask commands a deployer runs, through Click's runner."""
from __future__ import annotations

from sqlalchemy import func, select

from directory.extensions import db
from directory.geo.models import Area, Place, Postcode, PostcodeDistrict
from directory.listings.models import Category, Service
from tests.conftest import HAS_FULL_POSTCODES, PLACES_DIR


def test_places_seed_and_search_commands(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["places", "load", str(PLACES_DIR)])
    assert result.exit_code == 0, result.output
    assert "448 postcode districts" in result.output and "14 areas" in result.output
    assert runner.invoke(args=["places", "load", "--if-empty"]).output.startswith("Place data already")

    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0 and "Seeded" in result.output
    assert "already" in runner.invoke(args=["seed-demo", "--if-empty"]).output

    with app.app_context():
        if HAS_FULL_POSTCODES:
            assert db.session.scalar(select(func.count()).select_from(Postcode)) > 100_000
        assert db.session.scalar(select(func.count()).select_from(Area)) == 14
        assert db.session.scalar(select(func.count()).select_from(Category)) >= 15
        assert db.session.scalar(select(func.count()).select_from(Service)) >= 150

    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0 and "matches" in result.output
    assert "Re-indexed 0" in runner.invoke(args=["search", "drain"]).output


def test_places_load_without_full_postcodes_uses_the_pack_alone(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["places", "load", str(tmp_path / "nowhere")])
    assert result.exit_code == 0, result.output
    assert "full postcodes resolve to their district" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Postcode)) == 0
        assert db.session.scalar(select(func.count()).select_from(PostcodeDistrict)) == 448
        assert db.session.scalar(select(func.count()).select_from(Place)) == 2500
