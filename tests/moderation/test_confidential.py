"""A confidential location's details reach only the people allowed to see them.

Its own area's officers, moderators and admins may see a refuge's venue, street
and full postcode; nobody else receives them, in any page, form, diff, e-mail or
API answer. The public page shows only the town and postcode district, to
everyone. A suggestion can still change the address without being shown it.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from directory.accounts.models import User
from directory.extensions import db
from directory.listings.models import Service
from directory.moderation import operations
from directory.moderation.models import Submission
from tests.conftest import _drop, make_app
from tests.factories import make_location, make_service
from tests.moderation.world import build_world, form_fields, listing_data, signed_in_clients
from tests.web.helpers import csrf_token

ROLES = ["public", "contributor", "officer_here", "officer_elsewhere", "comms", "moderator", "admin"]
ALLOWED = {"officer_here", "moderator", "admin"}
SECRETS = ("Safe House Sentinel", "7 Hidden Lane", "CM20 2QP")
LOGIN = 302


@pytest.fixture(scope="module")
def refuge_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("refuge"))
    with app.app_context():
        world = build_world()
        harlow = world_area("harlow")
        refuge = make_service(
            name="Harlow Safe Space", slug="harlow-safe-space", areas=[harlow],
            locations=[make_location(51.7731, 0.0921, name=SECRETS[0], address_1=SECRETS[1],
                                     city="Harlow", postal_code=SECRETS[2], confidential=True)])
    app.config["WORLD"] = world
    app.config["REFUGE"] = refuge.id
    yield app
    _drop(app)


def world_area(slug):
    from directory.geo.models import Area

    return db.session.scalar(db.select(Area).where(Area.slug == slug))


@pytest.fixture(scope="module")
def clients(refuge_app):
    return signed_in_clients(refuge_app)


def _secrets_in(html: str) -> set[str]:
    return {secret for secret in SECRETS if secret in html}


def _proposal(app, author_role: str, **changes) -> str:
    """A pending edit of the refuge by ``author_role``, through the operations."""
    world = app.config["WORLD"]
    with app.app_context():
        author = db.session.get(User, world.users[author_role].id)
        refuge = db.session.get(Service, app.config["REFUGE"])
        data = listing_data(name=refuge.name, **changes)
        submission = operations.start_submission(author, data, refuge)
        operations.submit(author, submission)
        return submission.id


# --- public pages: the town and district only, for everyone -------------------------

PUBLIC_PAGES = ["/services/{sid}/harlow-safe-space", "/search?q=safe+space", "/api/v1/search?q=safe+space",
                "/areas/harlow", "/api/oruk/v3/services/{sid}", "/api/oruk/v3/services?search=safe+space",
                "/open-data/services.json"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_never_show_the_details(refuge_app, clients, role, url):
    response = clients[role].get(url.format(sid=refuge_app.config["REFUGE"]), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Harlow Safe Space" in html and _secrets_in(html) == set()


def test_the_oruk_api_masks_the_place_as_the_pages_do(refuge_app, clients):
    import json

    client = clients["public"]
    for url in ("/api/oruk/v3/locations?per_page=200", "/api/oruk/v3/service_at_locations?per_page=200",
                "/open-data/services-csv.zip"):
        body = client.get(url).get_data()
        if url.endswith(".zip"):
            import io
            import zipfile

            package = zipfile.ZipFile(io.BytesIO(body))
            body = b"".join(package.read(name) for name in package.namelist())
        assert _secrets_in(body.decode("utf-8")) == set(), url
    record = client.get(f"/api/oruk/v3/services/{refuge_app.config['REFUGE']}").get_json()
    place = record["service_at_locations"][0]["location"]
    assert place["addresses"][0]["address_1"] == "" and place["addresses"][0]["postal_code"] == "CM20"
    assert "name" not in place and round(place["latitude"], 2) == place["latitude"]
    assert _secrets_in(json.dumps(record)) == set()


# --- the suggest form: pre-filled with the details only for those allowed -----------


@pytest.mark.parametrize("role", ROLES)
def test_suggest_an_update_form(refuge_app, clients, role):
    response = clients[role].get(f"/services/{refuge_app.config['REFUGE']}/suggest")
    if role == "public":
        assert response.status_code == LOGIN
        return
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    if role in ALLOWED:
        assert _secrets_in(html) == set(SECRETS) and 'id="private-address"' not in html
    else:
        assert _secrets_in(html) == set() and 'id="private-address"' in html


# --- the moderation diff ------------------------------------------------------------

REVIEW = {"public": LOGIN, "contributor": 403, "officer_here": 200, "officer_elsewhere": 404,
          "comms": 403, "moderator": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_review_of_a_new_address_shows_the_old_one_only_to_those_allowed(refuge_app, clients, role):
    new_address = {"name": "", "address_1": "9 New Road", "city": "Harlow", "postal_code": "CM20 1AB",
                   "confidential": True}
    sid = _proposal(refuge_app, "contributor", location=new_address)
    response = clients[role].get(f"/moderation/{sid}")
    assert response.status_code == REVIEW[role]
    if response.status_code == 200:
        html = response.get_data(as_text=True)
        assert "9 New Road" in html and _secrets_in(html) == set(SECRETS)


def test_a_staff_author_sees_their_own_proposal_without_the_old_address(refuge_app, clients):
    """An officer of another area may open their own suggestion, not the refuge's address."""
    sid = _proposal(refuge_app, "officer_elsewhere", location={
        "name": "", "address_1": "9 New Road", "city": "Harlow", "postal_code": "CM20 1AB",
        "confidential": True})
    response = clients["officer_elsewhere"].get(f"/moderation/{sid}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "9 New Road" in html
    assert _secrets_in(html) == set() and "The private address (not shown)" in html


# --- suggesting without seeing it ----------------------------------------------------


def _suggest(refuge_app, client, **location_fields):
    url = f"/services/{refuge_app.config['REFUGE']}/suggest"
    fields = form_fields(listing_data(name="Harlow Safe Space", summary="A safe place, now open on Sundays.",
                                      location=None))
    fields.update(location_fields)
    return client.post(url, data={**fields, "action": "submit", "csrf_token": csrf_token(client, url)})


def _latest_submission(app, role) -> Submission:
    world = app.config["WORLD"]
    return db.session.scalars(db.select(Submission).where(Submission.author_id == world.users[role].id)
                              .order_by(Submission.created_at.desc())).first()


def test_an_empty_address_over_a_private_one_keeps_it(refuge_app, clients, mailbox):
    response = _suggest(refuge_app, clients["contributor"])
    assert response.status_code == 302
    with refuge_app.app_context():
        submission = _latest_submission(refuge_app, "contributor")
        assert submission.data["location"] == {"kept_private": True}
        sid, version = submission.id, submission.lock_version
    # The volunteer's own edit form does not show it either.
    edit = clients["contributor"].get(f"/suggestions/{sid}/edit")
    assert edit.status_code == 302  # pending: with a moderator now
    review = clients["moderator"].get(f"/moderation/{sid}").get_data(as_text=True)
    assert "Address" not in review.split("What would change")[1].split("</table>")[0]
    approved = clients["moderator"].post(f"/moderation/{sid}", data={
        "decision": "approve", "lock_version": version, "csrf_token": csrf_token(clients["moderator"], "/account")})
    assert approved.status_code == 302
    with refuge_app.app_context():
        refuge = db.session.get(Service, refuge_app.config["REFUGE"])
        location = refuge.locations[0]
        assert refuge.summary == "A safe place, now open on Sundays."
        assert (location.name, location.address_1, location.postal_code, location.confidential) == \
            (SECRETS[0], SECRETS[1], SECRETS[2], True)
    # The author's e-mail about the decision carries nothing of the address.
    author = refuge_app.config["WORLD"].users["contributor"].email
    assert _secrets_in(mailbox.last_to(author).get_content()) == set()


def test_a_new_address_replaces_the_private_one_and_stays_private(refuge_app, clients):
    response = _suggest(refuge_app, clients["officer_elsewhere"], location_name="", address_1="3 Other Street",
                        city="Harlow", postal_code="CM20 1AB", confidential="y")
    assert response.status_code == 302
    with refuge_app.app_context():
        submission = _latest_submission(refuge_app, "officer_elsewhere")
        assert submission.data["location"]["address_1"] == "3 Other Street"
        assert submission.data["location"]["confidential"] is True


def test_a_draft_kept_private_stays_hidden_when_edited_again(refuge_app, clients):
    url = f"/services/{refuge_app.config['REFUGE']}/suggest"
    client = clients["comms"]
    fields = form_fields(listing_data(name="Harlow Safe Space", location=None))
    assert client.post(url, data={**fields, "action": "save", "csrf_token": csrf_token(client, url)}).status_code == 302
    with refuge_app.app_context():
        sid = _latest_submission(refuge_app, "comms").id
    edit = client.get(f"/suggestions/{sid}/edit")
    html = edit.get_data(as_text=True)
    assert edit.status_code == 200 and _secrets_in(html) == set() and 'id="private-address"' in html
    # The "keep it private" box starts ticked, so a new address typed here stays private.
    checkbox = re.search(r'<input[^>]*id="confidential"[^>]*>', html).group(0)
    assert "checked" in checkbox


def test_reminders_about_the_refuge_carry_no_details(refuge_app, mailbox):
    with refuge_app.app_context():
        refuge = db.session.get(Service, refuge_app.config["REFUGE"])
        refuge.assured_date = date.today() - timedelta(days=200)
        db.session.commit()
        operations.remind()
    officer = refuge_app.config["WORLD"].users["officer_here"].email
    assert "Harlow Safe Space" in mailbox.last_to(officer).get_content()
    assert all(_secrets_in(m.get_content()) == set() for m in mailbox.messages)
