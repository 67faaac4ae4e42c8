"""`flask oruk import`: real feed shapes with their quirks, in a county of their own (Westmarch).

The fixtures (tests/oruk/fixtures/README.md lists each quirk) are read from files,
from a real local HTTP server standing in for a council's ORUK 1.0 API, and as a
CSV data package (folder and zip).
"""
from __future__ import annotations

import json
import shutil
import threading
import zipfile
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from directory.accounts.models import Role, User
from directory.audit import AuditEvent
from directory.extensions import db
from directory.listings.freshness import is_listed, is_overdue
from directory.listings.models import Service
from directory.moderation.models import ProblemReport, State, Submission
from directory.oruk.models import ImportLink
from tests.conftest import make_app
from tests.factories import make_user

FIXTURES = Path(__file__).parent / "fixtures"
WESTMARCH = Path(__file__).resolve().parents[1] / "counties" / "westmarch"


@pytest.fixture
def county(tmp_path):
    """Westmarch, set up as a deployer would, with a moderator and no listings yet."""
    app = make_app(tmp_path / "westmarch", COUNTY=str(WESTMARCH))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["places", "load", str(WESTMARCH)]).exit_code == 0
    with app.app_context():
        from directory.counties.pack import current_pack
        from directory.demo.data import demo_data
        from directory.demo.seed import _upsert_categories

        _upsert_categories(demo_data(current_pack()).categories)
        db.session.commit()
        make_user(Role.MODERATOR, email="mo@example.org")
    yield app
    from tests.conftest import _drop

    _drop(app)


class FeedServer(SimpleHTTPRequestHandler):
    """A council's ORUK 1.0 API, answered from the fixture files."""

    def translate_path(self, path):
        path = path.split("?", 1)[0]
        if path.rstrip("/").endswith("/services"):
            page = "2" if "page=2" in self.path else "1" if "page=1" in self.path or "page" not in self.path else "9"
            return str(FIXTURES / f"oruk1_services_page{page}.json")
        return str(FIXTURES / f"oruk1_service_{path.rsplit('/', 1)[-1]}.json")

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(FeedServer, directory=str(FIXTURES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api"
    server.shutdown()
    server.server_close()


def _import(app, *args):
    result = app.test_cli_runner().invoke(args=["oruk", "import", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def _report(app, tmp_path, source, *args) -> dict:
    path = tmp_path / "report.json"
    _import(app, source, "--report", path, *args)
    return json.loads(path.read_text())


def _by_name(report: dict) -> dict[str, dict]:
    return {r["name"]: r for r in report["records"]}


def test_a_dry_run_of_an_oruk1_api_reports_and_changes_nothing(county, feed_url, tmp_path):
    report = _report(county, tmp_path, feed_url, "--feed", "marrowby", "--dry-run")
    assert report["kind"] == "oruk1" and len(report["records"]) == 7
    records = _by_name(report)
    assert records["Kestrel Lane Youth Club"]["action"] == "create"
    assert any("no name" in r for rec in report["records"] for r in rec["reasons"])
    assert report["counts"]["cleaned"] >= 5 and report["unmapped_terms"]
    with county.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Submission)) == 0
        assert db.session.scalar(select(db.func.count()).select_from(ImportLink)) == 0


def test_an_import_waits_for_a_moderator_and_a_second_run_changes_nothing(county, feed_url, tmp_path):
    first = _report(county, tmp_path, feed_url, "--feed", "marrowby")
    created = first["counts"]["create"]
    with county.app_context():
        waiting = db.session.scalars(select(Submission)).all()
        assert len(waiting) == created and {s.state for s in waiting} == {State.PENDING}
        assert db.session.scalar(select(db.func.count()).select_from(Service)) == 0
    again = _report(county, tmp_path, feed_url, "--feed", "marrowby")
    assert again["counts"].get("create", 0) == 0 and again["counts"].get("update", 0) == 0
    assert again["counts"]["unchanged"] == created
    result = county.test_cli_runner().invoke(args=["oruk", "approve", "marrowby", "--as", "mo@example.org"])
    assert result.exit_code == 0 and f"Approved {created}" in result.output
    with county.app_context():
        live = db.session.scalars(select(Service)).all()
        assert len(live) == created and all(s.source_feed == "marrowby" for s in live)
    third = _report(county, tmp_path, feed_url, "--feed", "marrowby")
    assert third["counts"]["unchanged"] == created and third["counts"].get("update", 0) == 0


def test_approve_as_publishes_as_that_moderator_keeping_the_feed_s_check(county, feed_url, tmp_path):
    _import(county, feed_url, "--feed", "marrowby", "--approve-as", "mo@example.org")
    with county.app_context():
        services = {s.name: s for s in db.session.scalars(select(Service))}
        decisions = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "submission.approved")).all()
        moderator = db.session.scalar(select(User).where(User.email == "mo@example.org"))
        assert len(decisions) == len(services) and {d.actor_id for d in decisions} == {moderator.id}
        club = services["Kestrel Lane Youth Club"]
        assert club.source_checked is not None and club.source_checked < date.today() - timedelta(days=365)
        assert is_overdue(club) and is_listed(club)  # due for a check at once, but not hidden yet
        page = county.test_client().get(f"/services/{club.id}/{club.slug}").get_data(as_text=True)
    assert "This listing comes from the marrowby directory, which last checked it on" in page


def test_real_feed_quirks_are_cleaned(county, feed_url, tmp_path):
    _import(county, feed_url, "--feed", "marrowby", "--approve-as", "mo@example.org", "--area", "corran")
    with county.app_context():
        services = {s.name: s for s in db.session.scalars(select(Service))}
        # One id used for two services: both are kept, told apart.
        assert {"Marrowby Family Hub", "Kestrel Lane Holiday Kitchen"} <= set(services)
        kitchen = services["Kestrel Lane Holiday Kitchen"]
        assert kitchen.organization.name  # the list record's organisation, not the other service's
        sensory = services["Marrowby Sensory Room"]
        assert len(sensory.description) <= 5000 and "base64" not in sensory.description
        for service in services.values():
            assert "<" not in service.description and "&nbsp;" not in service.description
            assert service.url is None or service.url.startswith("https://")
            assert service.email is None or not service.email.endswith(".")
            assert all(p.number[0] in "0123456789" for p in service.phones)
        club = services["Kestrel Lane Youth Club"]
        assert (club.minimum_age, club.maximum_age) == (11, 19)
        carers = services["Westmarch Young Carers"]
        assert (carers.minimum_age, carers.maximum_age) == (None, None)  # -1 and 127 mean no limit
        assert club.locations[0].postal_code == "QX1 2AB" and (club.areas or club.county_wide)


def test_a_record_the_feed_drops_is_flagged_not_deleted(county, feed_url, tmp_path):
    _import(county, feed_url, "--feed", "marrowby", "--approve-as", "mo@example.org")
    smaller = tmp_path / "smaller.json"
    page = json.loads((FIXTURES / "oruk1_services_page1.json").read_text())
    kept = [r for r in page["content"] if r["name"] != "Kestrel Lane Youth Club"]
    smaller.write_text(json.dumps(kept))
    report = _report(county, tmp_path, smaller, "--feed", "marrowby")
    gone = [r for r in report["records"] if r["action"] == "missing"]
    assert "Kestrel Lane Youth Club" in {r["name"] for r in gone}
    with county.app_context():
        club = db.session.scalar(select(Service).where(Service.name == "Kestrel Lane Youth Club"))
        assert is_listed(club)
        reports = db.session.scalars(select(ProblemReport).where(ProblemReport.service_id == club.id)).all()
        assert len(reports) == 1 and "No longer in the marrowby feed" in reports[0].message


def test_a_local_edit_is_never_overwritten(county, feed_url, tmp_path):
    _import(county, feed_url, "--feed", "marrowby", "--approve-as", "mo@example.org")
    with county.app_context():
        club = db.session.scalar(select(Service).where(Service.name == "Kestrel Lane Youth Club"))
        club.summary, club.version = "Edited here by the district officer", club.version + 1
        db.session.commit()
    changed = tmp_path / "changed.json"
    detail = json.loads((FIXTURES / "oruk1_service_b3e1c7a2-5d4f-4a6b-8c9d-0e1f2a3b4c5d.json").read_text())
    detail["description"] = "A new description from the feed."
    changed.write_text(json.dumps([detail]))
    report = _report(county, tmp_path, changed, "--feed", "marrowby", "--approve-as", "mo@example.org")
    assert _by_name(report)["Kestrel Lane Youth Club"]["action"] == "conflict"
    with county.app_context():
        club = db.session.scalar(select(Service).where(Service.name == "Kestrel Lane Youth Club"))
        assert club.summary == "Edited here by the district officer"


@pytest.mark.parametrize("source", ["oruk3_services.json", "oruk3_service_full.json", "csv_package", "zip"])
def test_oruk3_files_and_csv_packages_import(county, tmp_path, source):
    path = FIXTURES / source
    if source == "zip":
        path = tmp_path / "package.zip"
        with zipfile.ZipFile(path, "w") as package:
            for file in (FIXTURES / "csv_package").iterdir():
                package.write(file, f"export/{file.name}")
    report = _report(county, tmp_path, path, "--feed", "third", "--approve-as", "mo@example.org",
                     "--area", "dunmere")
    assert report["counts"].get("create", 0) >= 1, report["counts"]
    with county.app_context():
        services = db.session.scalars(select(Service)).all()
        assert services and all(s.source_feed == "third" for s in services)


def test_terms_map_through_the_county_pack_and_the_rest_are_listed(county, tmp_path):
    report = _report(county, tmp_path, FIXTURES / "csv_package", "--feed", "skate", "--dry-run")
    assert not any("Skateboarding" in term for term in report["unmapped_terms"])  # in the pack's mapping
    assert "esdNeeds 69 Social inclusion" in report["unmapped_terms"]  # Westmarch has no such category


def test_likely_duplicates_across_feeds_are_listed_for_a_moderator(county, feed_url, tmp_path):
    _import(county, feed_url, "--feed", "marrowby", "--approve-as", "mo@example.org")
    other = tmp_path / "other.json"
    detail = json.loads((FIXTURES / "oruk1_service_b3e1c7a2-5d4f-4a6b-8c9d-0e1f2a3b4c5d.json").read_text())
    detail["id"], detail["name"] = "elsewhere-1", "Kestrel Lane Youth Club (Tuesdays)"
    detail["organization"] = {"id": "x", "name": "Another Trust"}
    other.write_text(json.dumps([detail]))
    record = _by_name(_report(county, tmp_path, other, "--feed", "other", "--dry-run"))[detail["name"]]
    assert record["action"] == "create" and record["duplicates"] == ["Kestrel Lane Youth Club"]


def test_records_without_a_place_are_refused_unless_the_feed_has_an_area(county, feed_url, tmp_path):
    refused = _by_name(_report(county, tmp_path, feed_url, "--feed", "m", "--dry-run"))
    assert refused["Kestrel Lane Holiday Kitchen"]["action"] == "refuse"
    placed = _by_name(_report(county, tmp_path, feed_url, "--feed", "m", "--dry-run", "--area", "corran"))
    assert placed["Kestrel Lane Holiday Kitchen"]["action"] == "create"
    walks = placed["Westmarch Wellbeing Walks"]
    assert walks["action"] == "refuse"  # its postcode is outside the county, so no area is guessed
    assert any("organisation: none given" in note for note in walks["cleaned"])
    assert placed["Marrowby Family Hub"]["action"] == "create"  # postcode found in the street address
    result = county.test_cli_runner().invoke(args=["oruk", "import", str(feed_url), "--area", "nowhere"])
    assert result.exit_code != 0 and "not one of this county's areas" in result.output


def test_an_unreadable_source_is_explained(county, tmp_path):
    result = county.test_cli_runner().invoke(args=["oruk", "import", str(tmp_path / "nothing.json")])
    assert result.exit_code != 0 and "could not be read" in result.output
    (tmp_path / "bad.json").write_text("{not json")
    result = county.test_cli_runner().invoke(args=["oruk", "import", str(tmp_path / "bad.json")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    result = county.test_cli_runner().invoke(args=["oruk", "import", "x.txt", "--approve-as", "nobody@x.org"])
    assert result.exit_code != 0


REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "oruk" / "examples" / "real"


@pytest.mark.parametrize("name", ["bristol_oruk1_services.json", "north-lincolnshire_oruk1_services_sample.json"])
def test_the_real_council_samples_give_a_report(app, tmp_path, name):
    if not (REAL / name).exists():
        pytest.skip(f"the real council samples are not beside the project ({REAL}); CI has them")
    sample = tmp_path / name
    shutil.copy(REAL / name, sample)  # read from a temporary copy; the samples stay outside the project
    report = _report(app, tmp_path, sample, "--dry-run")
    counts = report["counts"]
    assert report["kind"] == "oruk1" and len(report["records"]) > 100
    assert counts["cleaned"] > 50 and counts.get("refuse", 0) > 0
    # Councils outside this county: refused with that reason, never listed.
    assert all(r["reasons"] for r in report["records"] if r["action"] == "refuse")


def test_sync_rereads_every_configured_feed(county, feed_url):
    runner = county.test_cli_runner()
    county.config["ORUK_FEEDS"] = {}
    assert runner.invoke(args=["oruk", "sync"]).exit_code != 0
    county.config["ORUK_FEEDS"] = {"marrowby": feed_url}
    first = runner.invoke(args=["oruk", "sync"])
    assert first.exit_code == 0 and "sent to the moderators" in first.output, first.output
    again = runner.invoke(args=["oruk", "sync"])
    assert "0 new and 0 changed" in again.output


def _signed_in(app, user):
    from tests.factories import PASSWORD
    from tests.web.helpers import login

    client = app.test_client()
    login(client, app, user, PASSWORD)
    return client


def test_a_moderator_approves_a_feed_s_batch_on_the_imports_page(county, feed_url):
    from tests.web.helpers import csrf_token

    _import(county, feed_url, "--feed", "marrowby", "--area", "corran")
    with county.app_context():
        moderator = db.session.scalar(select(User).where(User.email == "mo@example.org"))
        from directory.geo.models import Area

        dunmere = db.session.scalar(select(Area).where(Area.slug == "dunmere"))
        officer = make_user(Role.DISTRICT_OFFICER, areas=[dunmere], email="officer@example.org")
        contributor = make_user(Role.CONTRIBUTOR, email="vol@example.org")
        waiting = db.session.scalar(select(db.func.count()).select_from(Submission)
                                    .where(Submission.state == State.PENDING))
        moderator, officer, contributor = (SimpleNamespace(email=u.email, id=u.id)
                                           for u in (moderator, officer, contributor))
    assert waiting >= 3
    elsewhere = _signed_in(county, officer).get("/moderation/imports").get_data(as_text=True)
    assert "Nothing from this feed is waiting for you." in elsewhere
    assert _signed_in(county, contributor).get("/moderation/imports").status_code == 403
    client = _signed_in(county, moderator)
    page = client.get("/moderation/imports").get_data(as_text=True)
    assert "marrowby" in page and f"Approve all {waiting} listings" in page and "Last import:" in page
    token = csrf_token(client, "/moderation/imports")
    assert client.post("/moderation/imports/marrowby/approve").status_code == 400  # no CSRF token
    assert client.post("/moderation/imports/nowhere/approve", data={"csrf_token": token}).status_code == 404
    done = client.post("/moderation/imports/marrowby/approve", data={"csrf_token": token}, follow_redirects=True)
    assert f"Approved {waiting} listings from marrowby." in done.get_data(as_text=True)
    with county.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Service)) == waiting
        assert set(db.session.scalars(select(Submission.state))) == {State.APPROVED}


def test_suggestions_approved_on_the_review_page_are_followed_up_without_false_conflicts(county, tmp_path):
    from directory.moderation import operations as moderation

    feed = tmp_path / "feed.json"
    detail = json.loads((FIXTURES / "oruk1_service_b3e1c7a2-5d4f-4a6b-8c9d-0e1f2a3b4c5d.json").read_text())
    feed.write_text(json.dumps([detail]))

    def approve_everything():
        with county.app_context():
            moderator = db.session.scalar(select(User).where(User.email == "mo@example.org"))
            for submission in db.session.scalars(select(Submission).where(Submission.state == State.PENDING)).all():
                moderation.decide(moderator, submission, "approve", submission.lock_version)

    _import(county, feed, "--feed", "one")
    approve_everything()
    counts = _report(county, tmp_path, feed, "--feed", "one")["counts"]
    assert counts["unchanged"] == 1 and not {"create", "update", "conflict"} & set(counts)
    detail["description"] = "Now on Fridays too."
    feed.write_text(json.dumps([detail]))
    assert _by_name(_report(county, tmp_path, feed, "--feed", "one"))[detail["name"]]["action"] == "update"
    approve_everything()
    again = _report(county, tmp_path, feed, "--feed", "one")
    assert again["counts"]["unchanged"] == 1 and "conflict" not in again["counts"]
    with county.app_context():
        club = db.session.scalar(select(Service).where(Service.name == detail["name"]))
        assert club.description == "Now on Fridays too." and club.source_feed == "one"
