"""`flask oruk export`, then `flask oruk import` into an empty instance, gives the same directory."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from directory.accounts.models import Role
from directory.counties.pack import current_pack
from directory.demo.data import demo_data
from directory.demo.seed import _upsert_categories
from directory.extensions import db
from directory.geo.loading import load_places
from directory.listings.editing import service_to_data
from directory.listings.freshness import is_listed
from directory.listings.models import Service
from directory.moderation.models import State, Submission
from directory.oruk.models import ImportLink
from tests.factories import make_user

# Not published, so not in an export: the safeguarding checks behind the badge.
PRIVATE = ("safeguarding_policy", "staff_dbs_checked", "safeguarding_lead")


def _public(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in PRIVATE}


def _listings(app) -> tuple[dict[tuple[str, str], dict], set[tuple[str, str]]]:
    """Every listed service's public form data, and which have a confidential place."""
    with app.app_context():
        services = [s for s in db.session.scalars(select(Service)) if is_listed(s)]
        data = {(s.organization.name, s.name): _public(service_to_data(s)) for s in services}
        return data, {(s.organization.name, s.name) for s in services if any(loc.confidential for loc in s.locations)}


@pytest.fixture
def empty(app):
    """A new instance: its county's places and categories, an admin, and no listings."""
    with app.app_context():
        load_places(current_pack())
        _upsert_categories(demo_data(current_pack()).categories)
        db.session.commit()
        make_user(Role.ADMIN, email="admin@example.org")
    return app


def test_export_then_import_gives_back_the_same_directory(demo_app, empty, tmp_path):
    exported = demo_app.test_cli_runner().invoke(args=["oruk", "export", "--out", str(tmp_path)])
    assert exported.exit_code == 0, exported.output
    runner = empty.test_cli_runner()
    result = runner.invoke(args=["oruk", "import", str(tmp_path / "services.json"), "--feed", "essex-signpost",
                                 "--approve-as", "admin@example.org", "--report", str(tmp_path / "report.json")])
    assert result.exit_code == 0, result.output
    (before, private), (after, _none) = _listings(demo_app), _listings(empty)
    assert len(json.loads((tmp_path / "services.json").read_text())) == len(before) > 150
    assert set(after) == set(before) and private
    different = {key: [f for f in before[key] if before[key][f] != after[key][f]] for key in before
                 if before[key] != after[key]}
    # A confidential place was published as its town and postcode district only, and
    # that is all that comes back: everything else is the same, field by field.
    shown = {k: {f: (before[k][f], after[k][f]) for f in v} for k, v in different.items() if k not in private}
    assert not shown, list(shown.items())[:3]
    assert set(different) == {k for k in private if before[k]["location"] != after[k]["location"]}
    assert all(fields == ["location"] for fields in different.values())
    for key in private:
        place = after[key]["location"]
        assert place["address_1"] == "" and " " not in place["postal_code"]

    report = json.loads((tmp_path / "report.json").read_text())
    assert report["counts"]["create"] >= len(before) and "refuse" not in report["counts"]
    with empty.app_context():
        approved = db.session.scalars(select(Submission.state)).all()
        assert set(approved) == {State.APPROVED}
        imported = db.session.scalar(select(Service).where(Service.source_feed == "essex-signpost").limit(1))
        assert imported is not None
        links = db.session.scalar(select(db.func.count()).select_from(ImportLink))
    assert links == report["counts"]["create"]

    again = runner.invoke(args=["oruk", "import", str(tmp_path / "services.json"), "--feed", "essex-signpost",
                                "--approve-as", "admin@example.org"])
    assert again.exit_code == 0, again.output
    assert "0 new and 0 changed" in again.output
    assert _listings(empty)[0] == after
