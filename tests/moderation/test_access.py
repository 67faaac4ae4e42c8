"""The roles table of DESIGN.md, cell by cell, through HTTP (AC-1 to AC-3, AC-8).

Each denied cell also checks that nothing changed. Object-level denials (an
officer acting outside their areas on a submission) answer 404, so ids cannot be
probed into other districts' pending data (AC-3).
"""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from directory.accounts.models import Invitation, Role
from directory.accounts.permissions import (
    AREA_SCOPED,
    PUBLIC,
    ROLE_PERMISSIONS,
    Permission,
    access_rule,
    can,
)
from directory.extensions import db
from directory.listings.models import Service
from directory.moderation.models import State, Submission
from tests.conftest import _drop, make_app
from tests.moderation.world import (
    build_world,
    form_fields,
    listing_data,
    pending_submission,
    signed_in_clients,
)
from tests.web.helpers import csrf_token

ROLES = ["public", "contributor", "officer_here", "officer_elsewhere", "comms", "moderator", "admin"]
LOGIN = 302  # a redirect to the sign-in page


@pytest.fixture(scope="module")
def world_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("access"))
    with app.app_context():
        world = build_world()
    app.config["WORLD"] = world
    yield app
    _drop(app)


@pytest.fixture(scope="module")
def clients(world_app):
    return signed_in_clients(world_app)


def _token(client) -> str:
    # Any page with a form works; the sign-in page has one for everybody.
    return csrf_token(client, "/account/login") if not _signed_in(client) else csrf_token(client, "/account")


def _signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def _status(response) -> int:
    if response.status_code == 302 and "/account/login" in response.headers["Location"]:
        return LOGIN
    return response.status_code


def _logged_in_redirect(response) -> bool:
    return response.status_code == 302 and "/account/login" not in response.headers["Location"]


# --- read-only cells ---------------------------------------------------------------

VIEW_CELLS = {
    # action: (url template, {role: expected status})
    "search": ("/search", dict.fromkeys(ROLES, 200)),
    "view listing": ("/services/{sid}/{slug}", dict.fromkeys(ROLES, 200)),
    "report form": ("/services/{sid}/report", dict.fromkeys(ROLES, 200)),
    "suggest a new listing": ("/suggest/new", {**dict.fromkeys(ROLES, 200), "public": LOGIN}),
    "suggest an update": ("/services/{sid}/suggest", {**dict.fromkeys(ROLES, 200), "public": LOGIN}),
    "own suggestions": ("/suggestions", {**dict.fromkeys(ROLES, 200), "public": LOGIN}),
    "moderation queue": ("/moderation", {"public": LOGIN, "contributor": 403, "officer_here": 200,
                                         "officer_elsewhere": 200, "comms": 403, "moderator": 200,
                                         "admin": 200}),
    "officer dashboard": ("/dashboard", {"public": LOGIN, "contributor": 403, "officer_here": 200,
                                         "officer_elsewhere": 200, "comms": 403, "moderator": 200,
                                         "admin": 200}),
    # LOG-3: officers see their own areas' listings only (another area's answers as
    # missing, AC-3); comms staff and volunteers see no listing's history.
    "listing history": ("/services/{sid}/history", {"public": LOGIN, "contributor": 403,
                                                    "officer_here": 200, "officer_elsewhere": 404,
                                                    "comms": 403, "moderator": 200, "admin": 200}),
    "manage users": ("/admin/users", {**dict.fromkeys(ROLES, 403), "public": LOGIN, "admin": 200}),
    # The demand report: officers see it for their own areas (tests/insights check the rows).
    "imported listings": ("/moderation/imports", {"public": LOGIN, "contributor": 403, "officer_here": 200,
                                                  "officer_elsewhere": 200, "comms": 403, "moderator": 200,
                                                  "admin": 200}),
    "demand report": ("/insights", {"public": LOGIN, "contributor": 403, "officer_here": 200,
                                    "officer_elsewhere": 200, "comms": 200, "moderator": 200, "admin": 200}),
    "demand report download": ("/insights.csv", {"public": LOGIN, "contributor": 403, "officer_here": 200,
                                                 "officer_elsewhere": 200, "comms": 200, "moderator": 200,
                                                 "admin": 200}),
    "wording reports": ("/languages/reports", {**dict.fromkeys(ROLES, 403), "public": LOGIN, "comms": 200,
                                               "admin": 200}),
    "languages page": ("/languages", dict.fromkeys(ROLES, 200)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(VIEW_CELLS))
def test_view_cells(world_app, clients, action, role):
    url, expected = VIEW_CELLS[action]
    world = world_app.config["WORLD"]
    response = clients[role].get(url.format(sid=world.service_id, slug=world.service_slug))
    assert _status(response) == expected[role]


@pytest.mark.parametrize("role", ROLES[1:])
def test_everyone_reads_the_history_of_their_own_suggestions_only(world_app, clients, role):
    """Volunteers included; someone else's suggestion answers as missing."""
    world = world_app.config["WORLD"]
    with world_app.app_context():
        own = pending_submission(world.users[role], name=f"History of {role}")
        other_author = "moderator" if role != "moderator" else "admin"
        other = pending_submission(world.users[other_author], name=f"Not for {role}")
    mine = clients[role].get(f"/suggestions/{own}/history")
    assert mine.status_code == 200
    html = mine.get_data(as_text=True)
    assert f"History of {role}" in html and "Waiting for a moderator" in html
    assert world.users["moderator"].display_name not in html  # staff who acted are not named
    assert clients[role].get(f"/suggestions/{other}/history").status_code == 404


def test_the_public_cannot_read_a_suggestions_history(world_app, clients):
    world = world_app.config["WORLD"]
    with world_app.app_context():
        sid = pending_submission(world.users["contributor"], name="Private history")
    assert _status(clients["public"].get(f"/suggestions/{sid}/history")) == LOGIN


# --- cells that change things -------------------------------------------------------

DECIDE = {"public": LOGIN, "contributor": 403, "officer_here": "ok", "officer_elsewhere": 404,
          "comms": 403, "moderator": "ok", "admin": "ok"}


@pytest.mark.parametrize("decision, state", [("approve", State.APPROVED), ("reject", State.REJECTED),
                                             ("request_changes", State.CHANGES_REQUESTED)])
@pytest.mark.parametrize("role", ROLES)
def test_decide_someone_elses_submission(world_app, clients, role, decision, state):
    world = world_app.config["WORLD"]
    with world_app.app_context():
        sid = pending_submission(world.users["contributor"], name=f"Club {role} {decision}")
        version = db.session.get(Submission, sid).lock_version
    response = clients[role].post(f"/moderation/{sid}", data={
        "decision": decision, "lock_version": version, "reason": "Needs a phone number",
        "csrf_token": _token(clients[role])})
    with world_app.app_context():
        now = db.session.get(Submission, sid).state
    if DECIDE[role] == "ok":
        assert _logged_in_redirect(response) and now is state
    else:
        assert _status(response) == DECIDE[role] and now is State.PENDING


# A new listing for two areas goes live with an officer of both, or a moderator:
# one district never publishes into another's alone.
TWO_AREAS = {"officer_here": 404, "officer_elsewhere": 404, "officer_both": "ok",
             "moderator": "ok", "admin": "ok"}


@pytest.mark.parametrize("role", list(TWO_AREAS))
def test_a_listing_for_two_areas_needs_an_officer_of_both_or_a_moderator(world_app, clients, role):
    from directory.accounts.models import User
    from directory.moderation import operations

    world = world_app.config["WORLD"]
    with world_app.app_context():
        sid = pending_submission(world.users["contributor"], name=f"Two areas {role}",
                                 areas=["basildon", "harlow"])
        version = db.session.get(Submission, sid).lock_version
        queued = sid in {s.id for s in operations.queue(db.session.get(User, world.users[role].id))}
    response = clients[role].post(f"/moderation/{sid}", data={
        "decision": "approve", "lock_version": version, "csrf_token": _token(clients[role])})
    with world_app.app_context():
        now = db.session.get(Submission, sid).state
    if TWO_AREAS[role] == "ok":
        assert queued and _logged_in_redirect(response) and now is State.APPROVED
    else:
        assert not queued and response.status_code == 404 and now is State.PENDING


@pytest.mark.parametrize("role", [r for r in ROLES if r != "public"])
def test_nobody_approves_their_own_submission(world_app, clients, role):
    world = world_app.config["WORLD"]
    with world_app.app_context():
        sid = pending_submission(world.users[role], name=f"Own club {role}")
        version = db.session.get(Submission, sid).lock_version
    response = clients[role].post(f"/moderation/{sid}", data={
        "decision": "approve", "lock_version": version, "csrf_token": _token(clients[role])})
    assert response.status_code == 403
    with world_app.app_context():
        assert db.session.get(Submission, sid).state is State.PENDING


SUBMIT = {"public": LOGIN, **dict.fromkeys(ROLES[1:], "ok")}


@pytest.mark.parametrize("role", ROLES)
def test_submit_a_new_listing(world_app, clients, role):
    with world_app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Submission))
    data = form_fields(listing_data(name=f"Submitted by {role}"))
    response = clients[role].post("/suggest/new", data={**data, "action": "submit",
                                                        "csrf_token": _token(clients[role])})
    with world_app.app_context():
        after = db.session.scalar(select(func.count()).select_from(Submission))
    if SUBMIT[role] == "ok":
        assert _logged_in_redirect(response) and after == before + 1
    else:
        assert _status(response) == SUBMIT[role] and after == before


CONFIRM = {"public": LOGIN, "contributor": 403, "officer_here": "ok", "officer_elsewhere": 403,
           "comms": 403, "moderator": "ok", "admin": "ok"}


@pytest.mark.parametrize("role", ROLES)
def test_mark_still_correct(world_app, clients, role):
    world = world_app.config["WORLD"]
    with world_app.app_context():
        service = db.session.get(Service, world.service_id)
        service.assured_date = None
        db.session.commit()
    response = clients[role].post(f"/services/{world.service_id}/still-correct",
                                  data={"csrf_token": _token(clients[role])})
    with world_app.app_context():
        checked = db.session.get(Service, world.service_id).assured_date is not None
    if CONFIRM[role] == "ok":
        assert _logged_in_redirect(response) and checked
    else:
        assert _status(response) == CONFIRM[role] and not checked


@pytest.mark.parametrize("role", ROLES)
def test_invite_staff(world_app, clients, role):
    email = f"new-{role}@example.org"
    response = clients[role].post("/admin/users/invite", data={
        "email": email, "role": "moderator", "csrf_token": _token(clients[role])})
    with world_app.app_context():
        invited = db.session.scalar(select(Invitation).where(Invitation.email == email)) is not None
    if role == "admin":
        assert _logged_in_redirect(response) and invited
    else:
        assert _status(response) == (LOGIN if role == "public" else 403) and not invited


# --- the rows with no screens yet (awareness pages and campaigns come later) -----------

CONTENT_ROWS = {
    Permission.AREA_CONTENT_EDIT: {Role.CONTRIBUTOR: False, Role.DISTRICT_OFFICER: "own areas",
                                   Role.COMMS: True, Role.MODERATOR: False, Role.ADMIN: True},
    Permission.CAMPAIGN_EDIT: {Role.CONTRIBUTOR: False, Role.DISTRICT_OFFICER: False,
                               Role.COMMS: True, Role.MODERATOR: False, Role.ADMIN: True},
}


class _InArea:
    def __init__(self, slug):
        self.slug = slug

    def permission_areas(self):
        return {self.slug}


class _Person:
    """A signed-in user for permission checks without a request."""

    is_authenticated = True
    id = "someone"

    def __init__(self, role, areas):
        self.role = role
        self.area_slugs = set(areas)


@pytest.mark.parametrize("permission", list(CONTENT_ROWS))
@pytest.mark.parametrize("role", list(Role))
def test_content_rows_of_the_table(permission, role):
    person = _Person(role, {"harlow"})
    allowed_here = can(person, permission, _InArea("harlow"))
    allowed_there = can(person, permission, _InArea("basildon"))
    expected = CONTENT_ROWS[permission][role]
    if expected == "own areas":
        assert allowed_here and not allowed_there
    else:
        assert allowed_here is expected and allowed_there is expected


# --- conventions -------------------------------------------------------------------------


def test_every_route_declares_who_may_use_it(world_app):
    missing = [rule.endpoint for rule in world_app.url_map.iter_rules()
               if access_rule(world_app, rule.endpoint) is None]
    assert missing == []


def test_an_undeclared_route_is_refused(tmp_path):
    app = make_app(tmp_path)
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    assert app.test_client().get("/forgotten").status_code == 403
    _drop(app)


# Posts that need no CSRF token, each with the reason. The search form posts only so
# that what was typed stays out of the URL: it changes nothing a person owns, and an
# anonymous search must not need a session cookie (issue 12). security.py still
# refuses it from another site.
NO_CSRF_NEEDED = {"listings.search"}


def test_every_state_changing_route_needs_a_csrf_token(world_app, clients):
    world = world_app.config["WORLD"]
    values = {"service_id": world.service_id, "submission_id": "x", "user_id": "x", "token": "x",
              "kind": "campaign", "page_id": "x", "revision_id": "x", "feed": "x", "locale": "pl"}
    posts = [rule for rule in world_app.url_map.iter_rules()
             if "POST" in rule.methods and rule.endpoint not in NO_CSRF_NEEDED]
    assert len(posts) >= 10
    for rule in posts:
        url = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
        response = clients["admin"].post(url, data={"anything": "1"})
        assert response.status_code == 400, url


def test_no_route_changes_state_on_get(world_app):
    writers = {"accounts.logout", "admin.disable", "moderation.withdraw", "moderation.still_correct"}
    for rule in world_app.url_map.iter_rules():
        if rule.endpoint in writers:
            assert "GET" not in rule.methods, rule.endpoint


def test_cross_site_posts_are_refused(world_app, clients):
    response = clients["moderator"].post("/account/logout", data={"csrf_token": _token(clients["moderator"])},
                                         headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


def test_a_broken_permission_rule_denies(world_app, clients, monkeypatch):
    from directory.accounts import permissions

    def broken(*args, **kwargs):
        raise RuntimeError("bug in a rule")

    monkeypatch.setattr(permissions, "_allowed", broken)
    assert clients["admin"].get("/admin/users").status_code == 403


def test_role_table_is_what_design_md_says():
    assert ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)
    assert Permission.SUBMISSION_DECIDE not in ROLE_PERMISSIONS[Role.COMMS]
    assert Permission.SUBMISSION_DECIDE not in ROLE_PERMISSIONS[Role.CONTRIBUTOR]
    assert Permission.USERS_MANAGE not in ROLE_PERMISSIONS[Role.MODERATOR]
    assert Permission.SUBMISSION_DECIDE in AREA_SCOPED
    assert PUBLIC == "public"
