"""Registering, signing in, second factor, lockout, reset and sessions, over HTTP."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from directory.accounts.models import Role, User, UserToken
from directory.core import utcnow
from directory.extensions import db
from tests.factories import PASSWORD, make_area, make_user
from tests.web.helpers import csrf_token, login, next_code, post, session_cookie

GENERIC = "The e-mail address or password is not right"


def register(client, email, password, name="Robin"):
    return post(client, "/account/register", {"display_name": name, "email": email, "password": password},
                token_from="/account/register")


def confirm_from_mail(client, mailbox, email):
    link = next(l for l in mailbox.links_to(email) if "/account/confirm/" in l)
    path = link.split("localhost", 1)[1]
    return post(client, path, token_from=path)


@pytest.mark.parametrize("password", ["x" * 64, "ü密码ø" * 25 + "abc"])
def test_register_confirm_by_email_and_sign_in(app, mailbox, password):
    client = app.test_client()
    response = register(client, "robin@example.org", password)
    assert response.status_code == 200 and "Check your e-mail" in response.get_data(as_text=True)
    # Not confirmed yet: cannot sign in.
    response = post(client, "/account/login", {"email": "robin@example.org", "password": password})
    assert "confirm your e-mail" in response.get_data(as_text=True)
    assert confirm_from_mail(client, mailbox, "robin@example.org").status_code == 302
    response = post(client, "/account/login", {"email": "Robin@Example.org", "password": password})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200


def test_registering_an_existing_address_looks_the_same_and_mails_the_owner(app, mailbox):
    with app.app_context():
        make_user(email="taken@example.org")
    client = app.test_client()
    first = register(client, "taken@example.org", "another good password here")
    second = register(client, "new@example.org", "another good password here")
    assert first.status_code == second.status_code == 200
    assert "already have an account" in mailbox.last_to("taken@example.org").get_content()
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "taken@example.org")).role is Role.CONTRIBUTOR


def test_login_errors_are_identical_for_unknown_and_wrong(app):
    with app.app_context():
        make_user(email="sam@example.org")
    client = app.test_client()
    unknown = post(client, "/account/login", {"email": "nobody@example.org", "password": "whatever123"})
    wrong = post(client, "/account/login", {"email": "sam@example.org", "password": "whatever123"})
    assert unknown.status_code == wrong.status_code == 400
    pick = lambda r: re.search(r'<p class="field-error"[^>]*>(.*?)</p>', r.get_data(as_text=True), re.S).group(1)  # noqa: E731
    assert pick(unknown) == pick(wrong) and GENERIC in pick(unknown)


def test_eleventh_failure_locks_even_with_the_right_password_then_reset_unlocks(app, mailbox):
    with app.app_context():
        user = make_user(email="lock@example.org")
    client = app.test_client()
    for _ in range(10):
        post(client, "/account/login", {"email": "lock@example.org", "password": "wrong password!"})
    with app.app_context():
        assert db.session.get(User, user.id).locked_until > utcnow()
    assert "locked" in mailbox.last_to("lock@example.org")["Subject"]
    # A different client (another worker, another address): still locked, right password too.
    response = post(app.test_client(), "/account/login", {"email": "lock@example.org", "password": PASSWORD})
    assert response.status_code == 400 and GENERIC in response.get_data(as_text=True)
    # The unlock path: reset the password by e-mail.
    post(client, "/account/forgot", {"email": "lock@example.org"}, token_from="/account/forgot")
    link = next(l for l in mailbox.links_to("lock@example.org") if "/account/reset/" in l)
    path = link.split("localhost", 1)[1]
    assert post(client, path, {"password": "a brand new passphrase"}, token_from=path).status_code == 302
    response = post(client, "/account/login", {"email": "lock@example.org", "password": "a brand new passphrase"})
    assert response.status_code == 302


def test_reset_links_are_single_use_short_lived_and_stored_hashed(app, mailbox):
    with app.app_context():
        make_user(email="reset@example.org")
    client = app.test_client()
    post(client, "/account/forgot", {"email": "reset@example.org"}, token_from="/account/forgot")
    link = next(l for l in mailbox.links_to("reset@example.org") if "/account/reset/" in l)
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalars(select(UserToken.token_hash)).all()
        assert token not in stored and len(stored[0]) == 64
    path = f"/account/reset/{token}"
    assert post(client, path, {"password": "first new passphrase"}, token_from=path).status_code == 302
    replay = post(client, path, {"password": "second new passphrase"}, token_from=path)
    assert replay.status_code == 400 and "does not work any more" in replay.get_data(as_text=True)
    # An expired link is refused too.
    post(client, "/account/forgot", {"email": "reset@example.org"}, token_from="/account/forgot")
    link = next(l for l in mailbox.links_to("reset@example.org") if "/account/reset/" in l)
    path = link.split("localhost", 1)[1]
    with time_machine.travel(utcnow() + timedelta(hours=2)):
        assert post(client, path, {"password": "third new passphrase"}, token_from=path).status_code == 400


def test_forgot_password_for_unknown_address_looks_the_same(app, mailbox):
    client = app.test_client()
    response = post(client, "/account/forgot", {"email": "ghost@example.org"}, token_from="/account/forgot")
    assert response.status_code == 200 and "If that address has an account" in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_staff_need_the_second_factor_and_codes_are_single_use(app):
    with app.app_context():
        mod = make_user(Role.MODERATOR, email="mod@example.org")
    client = app.test_client()
    response = post(client, "/account/login", {"email": "mod@example.org", "password": PASSWORD})
    assert response.headers["Location"].endswith("/account/login/code")
    # Password alone reaches nothing that needs a signed-in person.
    assert client.get("/moderation").status_code == 302
    with app.app_context():
        code = next_code(db.session.get(User, mod.id))
    ok = post(client, "/account/login/code", {"code": code}, token_from="/account/login/code")
    assert ok.status_code == 302 and client.get("/moderation").status_code == 200
    # The same code cannot be used again, in another session.
    other = app.test_client()
    post(other, "/account/login", {"email": "mod@example.org", "password": PASSWORD})
    reused = post(other, "/account/login/code", {"code": code}, token_from="/account/login/code")
    assert reused.status_code == 400 and other.get("/moderation").status_code == 302


def test_second_factor_accepts_one_step_either_side_only(app):
    import pyotp

    from directory.accounts.operations import verify_second_factor

    with app.app_context():
        user = make_user(Role.MODERATOR)
        totp = pyotp.TOTP(user.totp_secret)
        now = 1_900_000_000
        assert not verify_second_factor(user, totp.at(now - 60), at=now)
        assert not verify_second_factor(user, totp.at(now + 60), at=now)
        assert verify_second_factor(user, totp.at(now + 30), at=now)


def test_cli_admin_has_no_default_password_and_must_change_it(app):
    with app.app_context():
        assert db.session.scalar(select(User)) is None  # a fresh database has no users
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "boss@example.org"])
    password = result.output.strip().rsplit(" ", 1)[1]
    client = app.test_client()
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == "boss@example.org"))
        assert admin.role is Role.ADMIN and admin.must_change_password
    login(client, app, admin, password)
    assert client.get("/admin/users").headers["Location"].endswith("/account/password")
    response = post(client, "/account/password", {"current_password": password, "password": "my own long passphrase"},
                    token_from="/account/password")
    assert response.status_code == 302
    assert client.get("/admin/users").status_code == 200


def test_session_cookie_attributes(app):
    with app.app_context():
        make_user(email="c@example.org")
    client = app.test_client()
    response = post(client, "/account/login", {"email": "c@example.org", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-signpost=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Path=/" in cookie and "Domain" not in cookie


def test_pre_login_cookie_is_anonymous_after_login(app):
    with app.app_context():
        make_user(email="d@example.org")
    client = app.test_client()
    csrf_token(client)
    before = session_cookie(client)
    post(client, "/account/login", {"email": "d@example.org", "password": PASSWORD})
    replay = app.test_client()
    replay.set_cookie("__Host-signpost", before)
    assert replay.get("/account").status_code == 302


def test_logout_ends_the_session_on_the_server(app):
    with app.app_context():
        user = make_user(email="e@example.org")
    client = app.test_client()
    login(client, app, user, PASSWORD)
    copy = session_cookie(client)
    response = post(client, "/account/logout", token_from="/account")
    assert response.status_code == 302 and "cookies" in response.headers["Clear-Site-Data"]
    replay = app.test_client()
    replay.set_cookie("__Host-signpost", copy)
    assert replay.get("/account").status_code == 302


def test_password_change_and_disable_end_other_sessions(app):
    with app.app_context():
        user = make_user(email="f@example.org")
        admin = make_user(Role.ADMIN)
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, app, user, PASSWORD)
    login(phone, app, user, PASSWORD)
    post(laptop, "/account/password", {"current_password": PASSWORD, "password": "another long passphrase"},
         token_from="/account/password")
    assert laptop.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302
    boss = app.test_client()
    login(boss, app, admin, PASSWORD)
    post(boss, f"/admin/users/{user.id}/disable", token_from="/admin/users")
    assert laptop.get("/account").status_code == 302


def test_change_password_needs_the_current_one(app):
    with app.app_context():
        user = make_user()
    client = app.test_client()
    login(client, app, user, PASSWORD)
    response = post(client, "/account/password", {"current_password": "not it at all", "password": "new long passphrase"},
                    token_from="/account/password")
    assert response.status_code == 400 and "current password is not right" in response.get_data(as_text=True)


@pytest.mark.parametrize("elapsed, signed_in", [
    (timedelta(minutes=29), True), (timedelta(minutes=31), False),
])
def test_idle_timeout(app, elapsed, signed_in):
    with app.app_context():
        user = make_user()
    client = app.test_client()
    with time_machine.travel(utcnow(), tick=False) as clock:
        login(client, app, user, PASSWORD)
        clock.shift(elapsed)
        assert (client.get("/account").status_code == 200) is signed_in


def test_absolute_lifetime(app):
    """Busy all day, never idle for long: still signed out after 12 hours."""
    with app.app_context():
        user = make_user()
    client = app.test_client()
    step = timedelta(minutes=29, seconds=59)
    with time_machine.travel(utcnow(), tick=False) as clock:
        login(client, app, user, PASSWORD)
        for _ in range(24):  # 11 h 59 min 36 s in all
            clock.shift(step)
            assert client.get("/account").status_code == 200
        clock.shift(step)
        assert client.get("/account").status_code == 302


def test_signed_in_pages_are_not_cached(app):
    with app.app_context():
        user = make_user()
    client = app.test_client()
    login(client, app, user, PASSWORD)
    assert client.get("/account").headers["Cache-Control"] == "no-store"
    assert client.get("/search?q=x", follow_redirects=True).headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_next_cannot_leave_the_site(app, target):
    with app.app_context():
        make_user(email="g@example.org")
    client = app.test_client()
    response = post(client, f"/account/login?next={target}", {"email": "g@example.org", "password": PASSWORD},
                    token_from="/account/login")
    assert response.headers["Location"] == "/account"


def test_next_within_the_site_is_followed(app):
    with app.app_context():
        make_user(email="h@example.org")
    client = app.test_client()
    response = post(client, "/account/login?next=/suggestions", {"email": "h@example.org", "password": PASSWORD},
                    token_from="/account/login")
    assert response.headers["Location"] == "/suggestions"


def test_staff_invitation_creates_a_scoped_officer(app, mailbox):
    with app.app_context():
        admin = make_user(Role.ADMIN)
        db.session.add(make_area())
        db.session.commit()
    boss = app.test_client()
    login(boss, app, admin, PASSWORD)
    response = post(boss, "/admin/users/invite", {"email": "officer@example.org", "role": "district_officer",
                                                  "areas": ["harlow"]}, token_from="/admin/users/invite")
    assert response.status_code == 302
    link = next(l for l in mailbox.links_to("officer@example.org") if "/account/invitation/" in l)
    path = link.split("localhost", 1)[1]
    invited = app.test_client()
    response = post(invited, path, {"display_name": "Olu", "password": "officer long passphrase"}, token_from=path)
    assert response.status_code == 302
    with app.app_context():
        officer = db.session.scalar(select(User).where(User.email == "officer@example.org"))
        assert officer.role is Role.DISTRICT_OFFICER and officer.area_slugs == {"harlow"}
    assert post(invited, path, {"display_name": "Olu", "password": "officer long passphrase"},
                token_from="/account/login").status_code == 400
