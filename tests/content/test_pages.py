"""Awareness pages: who may edit what, scheduling on the clock, revisions, uploads."""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from PIL import Image
from sqlalchemy import func, select

from content import operations
from content.models import Page, PageKind, PageStatus, Revision
from directory.accounts.models import User
from directory.core import utcnow
from directory.extensions import db
from directory.geo.models import Area
from directory.search import engine
from tests.factories import PASSWORD, make_area, make_user
from tests.moderation.world import ROLE_USERS
from tests.web.helpers import csrf_token, login

ROLES = ROLE_USERS


def pages_for(text: str, now: datetime):
    """Awareness pages the site search shows beside the services."""
    from directory.search.query import Filters

    return engine.find(text, Filters(), origin=None, now=now, page=1, page_size=1, related=5).related


@pytest.fixture
def world(app):
    with app.app_context():
        harlow, basildon = make_area(), make_area("basildon", "Basildon", "E07000066")
        db.session.add_all([harlow, basildon])
        db.session.commit()
        users = {key: make_user(role, areas=[db.session.merge(a) for a in (harlow, basildon) if a.slug in slugs])
                 for key, (role, slugs) in ROLES.items()}
        admin = db.session.get(User, users["admin"].id)
        hub = operations.new_page(admin, PageKind.HUB, "harlow", operations.Draft(
            title="Staying safe in Harlow", body="Harlow hub text", status=PageStatus.PUBLISHED),
            db.session.merge(harlow))
        return {"users": users, "hub_id": hub.id}


def form(**fields) -> dict:
    base = {"title": "A page", "summary": "", "body": "", "status": "draft"}
    base.update(fields)
    return base


def client_for(app, world, role):
    client = app.test_client()
    if role != "public":
        login(client, app, world["users"][role], PASSWORD)
    return client


EDIT_HUB = {"public": 302, "contributor": 403, "officer_here": 302, "officer_elsewhere": 404,
            "comms": 302, "moderator": 403, "admin": 302}


@pytest.mark.parametrize("role", ["public", *ROLES])
def test_who_may_edit_an_area_page(app, world, role):
    client = client_for(app, world, role)
    url = f"/content/{world['hub_id']}/edit"
    token = csrf_token(client, "/account/login") if role == "public" else csrf_token(client, "/account")
    response = client.post(url, data=form(title=f"Edited by {role}", status="published", csrf_token=token))
    with app.app_context():
        title = db.session.get(Page, world["hub_id"]).title
    if role == "public":
        assert "/account/login" in response.headers["Location"]
    else:
        assert response.status_code == EDIT_HUB[role]
    assert (title == f"Edited by {role}") is (role in {"officer_here", "comms", "admin"})


NEW_CAMPAIGN = {"public": 302, "contributor": 403, "officer_here": 403, "officer_elsewhere": 403,
                "comms": 302, "moderator": 403, "admin": 302}


@pytest.mark.parametrize("role", ["public", *ROLES])
def test_who_may_write_campaigns(app, world, role):
    client = client_for(app, world, role)
    token = csrf_token(client, "/account/login") if role == "public" else csrf_token(client, "/account")
    response = client.post("/content/new/campaign", data=form(slug=f"c-{role.replace('_', '-')}",
                                                               title="Campaign", csrf_token=token))
    with app.app_context():
        made = db.session.scalar(select(func.count()).select_from(Page).where(Page.kind == PageKind.CAMPAIGN))
    if role == "public":
        assert "/account/login" in response.headers["Location"]
    else:
        assert response.status_code == NEW_CAMPAIGN[role]
    assert made == (1 if NEW_CAMPAIGN[role] == 302 and role != "public" else 0)


def test_officers_write_their_own_areas_hub_only(app, world):
    with app.app_context():
        area = db.session.scalar(select(Area).where(Area.slug == "basildon"))
        here = db.session.get(User, world["users"]["officer_here"].id)
        there = db.session.get(User, world["users"]["officer_elsewhere"].id)
        assert not operations.may_write_hub(here, area) and operations.may_write_hub(there, area)
        guide = Page(kind=PageKind.GUIDE, slug="g")
        assert not operations.may_edit(here, guide)
        assert operations.may_edit(db.session.get(User, world["users"]["comms"].id), guide)


def test_public_sees_only_published_pages_on_the_clock(app, world):
    with app.app_context():
        comms = db.session.get(User, world["users"]["comms"].id)
        start = utcnow() + timedelta(days=1)
        operations.new_page(comms, PageKind.GUIDE, "scheduled-guide", operations.Draft(
            title="Knife crime myths", summary="Myths busted", body="Carrying a knife makes you less safe.",
            status=PageStatus.PUBLISHED, publish_at=start, unpublish_at=start + timedelta(days=7)))
        operations.new_page(comms, PageKind.GUIDE, "draft-guide", operations.Draft(
            title="Unfinished zebrafish", body="draft words", status=PageStatus.DRAFT))
    client = app.test_client()
    assert client.get("/advice/draft-guide").status_code == 404
    assert client.get("/advice/scheduled-guide").status_code == 404
    with app.app_context():
        assert pages_for("knife myths", datetime.now()) == []
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert client.get("/advice/scheduled-guide").status_code == 200
        assert "Knife crime myths" in client.get("/advice").get_data(as_text=True)
        with app.app_context():
            assert [hit.url for hit in pages_for("knife myths", datetime.now())] == ["/advice/scheduled-guide"]
        assert "/advice/scheduled-guide" in client.get("/search?q=knife+myths", follow_redirects=True).get_data(as_text=True)
    with time_machine.travel(start + timedelta(days=8), tick=False):
        assert client.get("/advice/scheduled-guide").status_code == 404
        with app.app_context():
            assert pages_for("knife myths", datetime.now()) == []
    with app.app_context():
        assert pages_for("zebrafish", datetime.now()) == []


def test_every_save_is_a_revision_and_an_old_one_can_be_restored(app, world):
    client = client_for(app, world, "comms")
    url = f"/content/{world['hub_id']}/edit"
    for title in ("Second title", "Third title"):
        client.post(url, data=form(title=title, status="published", csrf_token=csrf_token(client, url)))
    with app.app_context():
        page = db.session.get(Page, world["hub_id"])
        assert [r.number for r in page.revisions] == [3, 2, 1] and page.title == "Third title"
        first = page.revisions[-1].id
    history = client.get(f"/content/{world['hub_id']}/history").get_data(as_text=True)
    assert "Restore version 1" in history
    response = client.post(f"/content/{world['hub_id']}/restore/{first}",
                           data={"csrf_token": csrf_token(client, f"/content/{world['hub_id']}/history")})
    assert response.status_code == 302
    with app.app_context():
        page = db.session.get(Page, world["hub_id"])
        assert page.title == "Staying safe in Harlow" and page.current.number == 4
        assert db.session.scalar(select(func.count()).select_from(Revision)) == 4
    assert "Staying safe in Harlow" in app.test_client().get("/areas/harlow").get_data(as_text=True)


def test_preview_shows_the_page_without_saving(app, world):
    client = client_for(app, world, "comms")
    url = f"/content/{world['hub_id']}/edit"
    response = client.post(url, data=form(title="Preview only", body="## Hello\n\n<script>x</script>",
                                          status="published", action="preview",
                                          csrf_token=csrf_token(client, url)))
    html = response.get_data(as_text=True)
    assert "This is a preview" in html and "<h2>Hello</h2>" in html and "<script>x" not in html
    with app.app_context():
        assert db.session.get(Page, world["hub_id"]).title == "Staying safe in Harlow"


def _png(size=(40, 30), gps=False) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (51.0, 46.0, 0.0)}  # GPSInfo
        exif[0x010E] = "secret description"
    image.save(out, format="JPEG" if gps else "PNG", exif=exif.tobytes() if gps else b"")
    return out.getvalue()


def _campaign(app, world) -> str:
    with app.app_context():
        comms = db.session.get(User, world["users"]["comms"].id)
        return operations.new_page(comms, PageKind.CAMPAIGN, "img", operations.Draft(
            title="With image", status=PageStatus.PUBLISHED)).id


def _upload(client, page_id, data: bytes, name: str, alt="A red square", field="hero_image"):
    url = f"/content/{page_id}/edit"
    return client.post(url, data={**form(title="With image", status="published", hero_alt=alt),
                                  field: (io.BytesIO(data), name), "resource_title": "Poster",
                                  "csrf_token": csrf_token(client, url)},
                       content_type="multipart/form-data")


def test_hero_image_is_reencoded_without_metadata_and_needs_alt_text(app, world):
    page_id = _campaign(app, world)
    client = client_for(app, world, "comms")
    missing_alt = _upload(client, page_id, _png(gps=True), "photo.jpg", alt="")
    assert missing_alt.status_code == 400 and "Describe the image" in missing_alt.get_data(as_text=True)
    assert _upload(client, page_id, _png(gps=True), "../../photo.jpg").status_code == 302
    with app.app_context():
        upload = db.session.get(Page, page_id).hero_image
        assert upload.download_name == "photo.jpg" and ".." not in upload.stored_name
        file_url = f"/files/{upload.id}"
    response = app.test_client().get(file_url)
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" in response.headers
    stored = Image.open(io.BytesIO(response.get_data()))
    assert 0x8825 not in stored.getexif() and 0x010E not in stored.getexif()
    response.close()


FILE_READERS = {"public": 404, "contributor": 404, "officer_here": 404, "officer_elsewhere": 404,
                "comms": 200, "moderator": 404, "admin": 200}


@pytest.mark.parametrize("role", list(FILE_READERS))
def test_a_draft_campaigns_files_are_not_public_until_it_is(app, world, role):
    """A file is served to everyone only while a live page uses it; before that, only
    to the people who may edit a page that uses it (here comms staff and admins)."""
    with app.app_context():
        comms = db.session.get(User, world["users"]["comms"].id)
        page_id = operations.new_page(comms, PageKind.CAMPAIGN, "secret-plan", operations.Draft(
            title="Not launched yet", status=PageStatus.DRAFT)).id
    editor = client_for(app, world, "comms")
    url = f"/content/{page_id}/edit"
    saved = editor.post(url, data={**form(title="Not launched yet", status="draft", hero_alt="A red square"),
                                   "hero_image": (io.BytesIO(_png()), "hero.png"),
                                   "csrf_token": csrf_token(editor, url)}, content_type="multipart/form-data")
    assert saved.status_code == 302
    with app.app_context():
        file_url = f"/files/{db.session.get(Page, page_id).hero_image_id}"
    response = client_for(app, world, role).get(file_url)
    assert response.status_code == FILE_READERS[role]
    if response.status_code == 200:
        assert "no-store" in response.headers["Cache-Control"]
    response.close()
    # Once the campaign is published, everyone may fetch it.
    with app.app_context():
        page = db.session.get(Page, page_id)
        page.status = PageStatus.PUBLISHED
        db.session.commit()
    live = app.test_client().get(file_url)
    assert live.status_code == 200 and "no-store" not in live.headers.get("Cache-Control", "")
    live.close()


@pytest.mark.parametrize("data, name", [
    (b"<html><script>alert(1)</script></html>", "poster.jpg"),
    (b"GIF89a" + b"\x00" * 20 + b"<script>alert(1)</script>", "poster.png"),
    (b"\x89PNG\r\n\x1a\n" + b"not really a png", "poster.png"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "poster.svg"),
])
def test_files_that_are_not_what_they_claim_are_refused(app, world, data, name):
    page_id = _campaign(app, world)
    client = client_for(app, world, "comms")
    response = _upload(client, page_id, data, name)
    assert response.status_code == 400 and "PNG, JPEG or WebP" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Page, page_id).hero_image is None


def test_decompression_bombs_and_big_files_are_refused(app, world):
    page_id = _campaign(app, world)
    client = client_for(app, world, "comms")
    bomb = io.BytesIO()
    Image.new("1", (6000, 6000)).save(bomb, format="PNG")  # 36 megapixels, a few KB
    assert len(bomb.getvalue()) < 2 * 1024 * 1024
    response = _upload(client, page_id, bomb.getvalue(), "bomb.png")
    assert response.status_code == 400 and "too large" in response.get_data(as_text=True)
    # A 3 MB body is refused from its length, before anything is parsed or stored.
    big = client.post(f"/content/{page_id}/edit", data=b"x" * (3 * 1024 * 1024),
                      content_type="multipart/form-data; boundary=edge")
    assert big.status_code == 413


def test_pdf_poster_is_served_as_a_download(app, world):
    page_id = _campaign(app, world)
    client = client_for(app, world, "comms")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    assert _upload(client, page_id, pdf, "poster.pdf", field="resource").status_code == 302
    page = app.test_client().get("/campaigns/img").get_data(as_text=True)
    assert "Poster" in page
    with app.app_context():
        upload = db.session.get(Page, page_id).resources[0].upload
    response = app.test_client().get(f"/files/{upload.id}")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    response.close()


def test_campaigns_current_past_featured_and_feed(app, world):
    today = date.today()
    with app.app_context():
        comms = db.session.get(User, world["users"]["comms"].id)
        operations.new_page(comms, PageKind.CAMPAIGN, "now-on", operations.Draft(
            title="Now on", summary="Running", status=PageStatus.PUBLISHED, featured=True,
            starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=10)))
        operations.new_page(comms, PageKind.CAMPAIGN, "long-gone", operations.Draft(
            title="Long gone", status=PageStatus.PUBLISHED, starts_on=today - timedelta(days=90),
            ends_on=today - timedelta(days=30)))
    client = app.test_client()
    listing = client.get("/campaigns").get_data(as_text=True)
    assert listing.index("Now on") < listing.index("Past campaigns") < listing.index("Long gone")
    home = client.get("/").get_data(as_text=True)
    assert "Now on" in home and "Long gone" not in home
    feed = client.get("/campaigns.atom")
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    assert "<title>Now on</title>" in feed.get_data(as_text=True)
    with time_machine.travel(datetime.combine(today + timedelta(days=11), datetime.min.time()), tick=False):
        assert "Now on" not in client.get("/").get_data(as_text=True)
        with app.app_context():
            assert pages_for("now on running", datetime.now()) == []


def test_hub_page_shows_content_events_and_the_areas_services(app, world):
    from tests.factories import make_service

    with app.app_context():
        harlow = db.session.scalar(select(Area).where(Area.slug == "harlow"))
        make_service(name="Harlow Boxing Club", areas=[harlow])
        admin = db.session.get(User, world["users"]["admin"].id)
        page = db.session.get(Page, world["hub_id"])
        operations.save(admin, page, operations.Draft(
            title="Staying safe in Harlow", body="Hub words", status=PageStatus.PUBLISHED,
            events=[(date.today() + timedelta(days=5), "Parents' evening", "Harlow Library"),
                    (date.today() - timedelta(days=5), "Old event", "Gone")]))
    html = app.test_client().get("/areas/harlow").get_data(as_text=True)
    assert "Hub words" in html and "Parents&#39; evening" in html and "Old event" not in html
    assert "Harlow Boxing Club" in html and "Get help now" in html


@pytest.mark.parametrize("line, ok", [
    ("Call Childline | tel:08001111", True), ("Find a youth club | /categories/youth-clubs", True),
    ("Fearless | https://www.fearless.org", True), ("Evil | //evil.example", False),
    ("Evil | javascript:alert(1)", False), ("Plain | http://insecure.example", False), ("No url", False),
])
def test_calls_to_action_allow_helplines_https_and_this_sites_pages(line, ok):
    from content.forms import parse_calls_to_action

    if ok:
        assert parse_calls_to_action(line)
    else:
        with pytest.raises(ValueError):
            parse_calls_to_action(line)
