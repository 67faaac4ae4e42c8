"""Regression tests for the security review of issue 8: forged hosts, enumeration
through the password rules, second-factor guessing, and CR/LF in ``next``."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from directory.accounts.models import Role, User
from directory.extensions import db
from directory.listings.models import Service
from directory.moderation import operations as moderation
from tests.factories import PASSWORD, make_area, make_service, make_user
from tests.web.helpers import TOKEN, csrf_token, login, next_code, post

EVIL = {"Host": "evil.example"}


# --- links come from PUBLIC_BASE_URL, and unknown hosts are refused -------------------


@pytest.mark.parametrize("url", ["/", "/account/forgot", "/api/v1/search?q=x", "/search?q=x",
                                 "/campaigns.atom"])
def test_a_request_for_an_untrusted_host_is_refused(app, url):
    response = app.test_client().get(url, headers=EVIL)
    assert response.status_code == 400
    assert "Content-Security-Policy" in response.headers


def test_a_forged_host_gets_no_reset_email(app, mailbox):
    with app.app_context():
        make_user(email="reset@example.org")
    client = app.test_client()
    token = csrf_token(client, "/account/forgot")
    response = client.post("/account/forgot", data={"email": "reset@example.org", "csrf_token": token},
                           headers=EVIL)
    assert response.status_code == 400
    assert not [m for m in mailbox.messages if m["To"] == "reset@example.org"]


def test_email_links_use_the_public_base_url_not_the_request_host(app_factory, mailbox):
    app = app_factory(PUBLIC_BASE_URL="https://signpost.example.org",
                      TRUSTED_HOSTS=["signpost.example.org", "localhost", "other.localhost"])
    with app.app_context():
        make_user(email="links@example.org")
    client = app.test_client()
    # A host on the allow-list, but not the public one: links still name the public one.
    other = {"Host": "other.localhost"}
    page = client.get("/account/forgot", headers=other).get_data(as_text=True)
    token = TOKEN.search(page).group(1)
    response = client.post("/account/forgot", data={"email": "links@example.org", "csrf_token": token},
                           headers=other)
    assert response.status_code == 200
    links = mailbox.links_to("links@example.org")
    assert links and all(link.startswith("https://signpost.example.org/account/reset/") for link in links)


def test_api_urls_use_the_public_base_url(app_factory):
    app = app_factory(PUBLIC_BASE_URL="https://signpost.example.org")
    with app.app_context():
        make_service(name="Basketball club")
    answer = app.test_client().get("/api/v1/search?q=basketball").get_json()
    assert answer["results"] and all(r["url"].startswith("https://signpost.example.org/services/")
                                     for r in answer["results"])


def test_reminders_build_links_outside_a_request(app_factory, mailbox):
    """flask remind runs from cron: no request, no Host, the configured address."""
    app = app_factory(PUBLIC_BASE_URL="https://signpost.example.org")
    with app.app_context():
        area = make_area()
        db.session.add(area)
        db.session.commit()
        service = make_service(name="Old club", areas=[area])
        db.session.get(Service, service.id).assured_date = date.today() - timedelta(days=400)
        db.session.commit()
        officer = make_user(Role.DISTRICT_OFFICER, areas=[area])
        assert moderation.remind() >= 1
    assert mailbox.links_to(officer.email)[0].startswith("https://signpost.example.org/services/")


def _production(monkeypatch, **settings) -> dict:
    """config.load() for production with the given settings (None = unset)."""
    from directory.config import load

    base = {"SIGNPOST_ENV": "production", "SECRET_KEY": "from-the-environment",
            "PUBLIC_BASE_URL": "https://signpost.example.org", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379"}
    for name, value in {**base, **settings}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return load(Path("/nonexistent"))


def test_production_needs_a_public_base_url(monkeypatch):
    from directory.config import ConfigError

    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        _production(monkeypatch, PUBLIC_BASE_URL=None)
    assert _production(monkeypatch)["TRUSTED_HOSTS"] == ["signpost.example.org"]


def test_production_refuses_rate_limits_counted_per_worker(monkeypatch):
    from directory.config import ConfigError

    with pytest.raises(ConfigError, match="RATELIMIT_STORAGE_URI"):
        _production(monkeypatch, RATELIMIT_STORAGE_URI=None)


# --- malformed requests get a clean 4xx ---------------------------------------------


@pytest.mark.parametrize("host", ["a" * 64 + ".example", "x..y", "local host", "[::1"])
def test_malformed_hosts_get_a_clean_400(app, host):
    response = app.test_client().get("/", headers={"Host": host})
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["/%0d%0aX-Injected:%201", "/%0aSet-Cookie:%20x=1", "/ok%00", "/%7f"])
def test_control_characters_in_next_are_not_followed(app, target):
    with app.app_context():
        user = make_user()
    client = app.test_client()
    login(client, app, user, PASSWORD)
    response = client.get(f"/account/login?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert "X-Injected" not in response.headers
    assert all(c.startswith("__Host-signpost=") for c in response.headers.getlist("Set-Cookie"))


# --- registration: a weak password reads the same for new and existing addresses -------


def test_a_weak_password_cannot_tell_existing_accounts_apart(app, mailbox):
    with app.app_context():
        make_user(email="taken@example.org")
    client = app.test_client()
    answers = []
    for email in ("taken@example.org", "fresh@example.org"):
        response = post(client, "/account/register",
                        {"display_name": "Robin", "email": email, "password": "password123"},
                        token_from="/account/register")
        body = response.get_data(as_text=True)
        answers.append((response.status_code, "too common" in body or "easy to guess" in body,
                        "Check your e-mail" in body))
    assert answers[0] == answers[1] and answers[0][0] == 400
    assert not mailbox.messages  # neither address was told anything
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "fresh@example.org")) is None


# --- the second factor: wrong codes are counted per account, in the database --------


def _password_step(app, client, user):
    response = post(client, "/account/login", {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/account/login/code")


def _wrong_code(client):
    token = csrf_token(client, "/account/login/code")
    return client.post("/account/login/code", data={"code": "000000", "csrf_token": token})


def test_a_pending_sign_in_ends_after_five_wrong_codes(app):
    with app.app_context():
        user = make_user(Role.MODERATOR)
    client = app.test_client()
    _password_step(app, client, user)
    statuses = [_wrong_code(client).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 302]
    # The pending sign-in is gone: the code page sends them back to the password.
    assert client.get("/account/login/code").headers["Location"].endswith("/account/login")


def test_replaying_the_pending_cookie_does_not_reset_the_count(app):
    with app.app_context():
        user = make_user(Role.MODERATOR)
    client = app.test_client()
    _password_step(app, client, user)
    cookie = client.get_cookie("__Host-signpost").value
    for _ in range(5):
        _wrong_code(client)
    client.set_cookie("__Host-signpost", cookie, domain="localhost", secure=True, path="/")
    # The old cookie still names a live pending sign-in, but its count is in the
    # database: the very next wrong code ends it, not the fifth.
    assert _wrong_code(client).status_code == 302


def test_wrong_codes_across_sign_ins_lock_the_account(app, mailbox):
    """The correct password no longer clears the count for staff: only a full sign-in does."""
    with app.app_context():
        user = make_user(Role.MODERATOR, email="guessed@example.org")
    client = app.test_client()
    for _ in range(2):
        _password_step(app, client, user)
        for _ in range(5):
            _wrong_code(client)
    assert "locked" in mailbox.last_to("guessed@example.org").get_content()
    # Locked: even the right password and a right code do not get in now.
    response = post(client, "/account/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(User, user.id).locked_until is not None


def test_a_full_sign_in_clears_the_count(app):
    with app.app_context():
        user = make_user(Role.MODERATOR)
    client = app.test_client()
    _password_step(app, client, user)
    for _ in range(3):
        _wrong_code(client)
    with app.app_context():
        code = next_code(db.session.get(User, user.id))
    token = csrf_token(client, "/account/login/code")
    assert client.post("/account/login/code", data={"code": code, "csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(User, user.id).failed_logins == 0
