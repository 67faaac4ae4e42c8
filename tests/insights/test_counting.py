"""The demand report's counting: one aggregate count per search, nothing personal, nothing lost."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select

from directory.counties.pack import current_pack
from directory.extensions import db
from directory.geo.loading import load_places
from directory.insights import counting
from directory.insights.models import SearchCount, ServiceCount
from tests.factories import make_category, make_location, make_service
from tests.web.servers import gunicorn

# Exactly the fields the issue allows, besides the day and the count.
ALLOWED = {"day", "area", "need", "age_band", "language", "channel", "results", "count"}


@pytest.fixture
def counted(app):
    """An app with the county's places and a handful of services in Harlow."""
    with app.app_context():
        load_places(current_pack())
        from directory.geo.models import Area

        harlow = db.session.scalar(select(Area).where(Area.slug == "harlow"))
        drugs = make_category("drugs-alcohol", "Drugs and alcohol", keywords="drugs drug cannabis alcohol")
        for n in range(6):
            make_service(name=f"Drug support {n}", summary="Help with drugs", categories=[drugs], areas=[harlow],
                         url="https://example.org/help", email="help@example.org",
                         commissioned_by="VVU" if n == 0 else None,
                         locations=[make_location(51.77, 0.09)])
    return app


def _rows(app):
    with app.app_context():
        counting.flush(app)
        return [{c: getattr(r, c) for c in ALLOWED} for r in db.session.scalars(select(SearchCount))]


def test_the_table_holds_only_the_listed_fields(app):
    with app.app_context():
        columns = {c["name"] for c in inspect(db.engine).get_columns("insight_search")}
    assert columns == ALLOWED


def test_a_search_adds_exactly_one_count_however_often_it_is_seen(counted):
    client = counted.test_client()
    location = client.post("/search", data={"q": "someone sentinelword drugs", "near": "CM20 1AB",
                                            "age": "14"}).headers["Location"]
    for url in (location, location, location + "?page=1"):
        assert client.get(url).status_code == 200
    rows = _rows(counted)
    assert len(rows) == 1
    row = rows[0]
    assert row["count"] == 1 and row["channel"] == "site" and row["area"] == "harlow"
    assert row["need"] == "drugs-alcohol" and row["age_band"] == "11-15" and row["results"] == "many"
    assert row["language"] == "en_GB"
    assert "sentinelword" not in repr(rows) and "CM20" not in repr(rows)
    # A second search is a second count.
    client.get(client.post("/search", data={"q": "zzzz qqqq"}).headers["Location"])
    rows = _rows(counted)
    assert sorted((r["need"], r["area"], r["results"], r["count"]) for r in rows) == [
        ("drugs-alcohol", "harlow", "many", 1), ("not-recognised", "not-given", "none", 1)]


def test_a_search_seen_by_two_workers_is_counted_once(counted):
    client = counted.test_client()
    location = client.post("/search", data={"q": "drugs"}).headers["Location"]
    client.get(location)
    token = location.rsplit("/", 1)[1]
    buffer = counted.extensions["insights"]
    key = next(iter(buffer.tokens.values()))
    assert _rows(counted)[0]["count"] == 1
    buffer.tokens[token] = key  # as another worker that served the same page would hold it
    assert _rows(counted)[0]["count"] == 1


def test_api_searches_are_counted_once_per_search_not_per_page(counted):
    client = counted.test_client()
    client.get("/api/v1/search?q=drugs&area=harlow")
    client.get("/api/v1/search?q=drugs&area=harlow&page=2")
    rows = _rows(counted)
    assert [(r["channel"], r["area"], r["count"]) for r in rows] == [("api", "harlow", 1)]


def test_views_and_contacts_are_counted_per_service(counted):
    client = counted.test_client()
    with counted.app_context():
        from directory.listings.models import Service

        service = db.session.scalar(select(Service).where(Service.name == "Drug support 0"))
        page, sid = f"/services/{service.id}/{service.slug}", service.id
    html = client.get(page).get_data(as_text=True)
    assert f'href="/services/{sid}/contact/website"' in html and f'href="/services/{sid}/contact/email"' in html
    website = client.get(f"/services/{sid}/contact/website")
    assert website.status_code == 302 and website.headers["Location"] == "https://example.org/help"
    assert client.get(f"/services/{sid}/contact/email").headers["Location"] == "mailto:help@example.org"
    assert client.get(f"/services/{sid}/contact/anywhere").status_code == 404
    with counted.app_context():
        counting.flush(counted)
        counts = {r.kind: r.count for r in db.session.scalars(select(ServiceCount))}
    assert counts == {"view": 1, "contact": 2}


def test_counting_can_be_turned_off(counted):
    counted.config["INSIGHTS_ENABLED"] = False
    client = counted.test_client()
    client.get(client.post("/search", data={"q": "drugs"}).headers["Location"])
    assert _rows(counted) == []


def test_counts_are_kept_when_the_database_is_away(counted, monkeypatch):
    client = counted.test_client()
    client.get("/api/v1/search?q=drugs")
    real = counting._add_to

    def away(*args, **kwargs):
        raise OSError("database went away")

    monkeypatch.setattr(counting, "_add_to", away)
    with counted.app_context():
        assert counting.flush(counted) == 0
    monkeypatch.setattr(counting, "_add_to", real)
    assert [r["count"] for r in _rows(counted)] == [1]


def test_old_counts_are_deleted_after_the_retention_period(counted):
    with counted.app_context():
        today = counting._today(counted)
        for day in (today, today - timedelta(days=729), today - timedelta(days=731)):
            db.session.add(SearchCount(day=day, area="harlow", need="sport", age_band="", language="en_GB",
                                       channel="site", results="many", count=7))
        db.session.commit()
        counting.prune(counted)
        kept = sorted(db.session.scalars(select(SearchCount.day)))
    assert kept == [today - timedelta(days=729), today]


@pytest.mark.parametrize("age, band", [(None, ""), (5, "under-11"), (11, "11-15"), (15, "11-15"), (16, "16-18"),
                                       (18, "16-18"), (25, "19-25"), (26, "26-plus"), (120, "26-plus")])
def test_age_bands(age, band):
    assert counting.age_band(age) == band


def test_no_count_is_lost_when_gunicorn_restarts_its_workers(counted, tmp_path):
    # Workers hold counts for an hour here, so only the graceful-stop hook can write them.
    with gunicorn(counted, tmp_path / "gunicorn.log", INSIGHTS_FLUSH_SECONDS="3600") as (base, _log):
        import urllib.request

        for n in range(12):
            urllib.request.urlopen(f"{base}/api/v1/search?q=drugs&age={10 + n % 3}", timeout=10).read()
        with counted.app_context():
            assert db.session.scalar(select(db.func.count()).select_from(SearchCount)) == 0
    with counted.app_context():
        total = db.session.scalar(select(db.func.sum(SearchCount.count)))
    assert total == 12

