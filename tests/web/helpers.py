"""Signing in and posting forms through the test client, CSRF token included."""
from __future__ import annotations

import re
import time

import pyotp

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url: str = "/account/login") -> str:
    html = client.get(url).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def post(client, url: str, data: dict | None = None, token_from: str | None = None, **kwargs):
    """POST with a fresh CSRF token from ``token_from`` (or the sign-in page)."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client, token_from or "/account/login"))
    return client.post(url, data=data, **kwargs)


def next_code(user) -> str:
    """A TOTP code for a step this user has not used yet (codes are single-use)."""
    totp = pyotp.TOTP(user.totp_secret)
    step = max(int(time.time() // 30), user.last_totp_step + 1)
    return totp.at(step * 30)


def login(client, app, user, password: str) -> None:
    """Sign in through the real forms; staff also pass the second factor."""
    from directory.accounts.models import User
    from directory.extensions import db

    response = post(client, "/account/login", {"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    if response.headers["Location"].endswith("/account/login/code"):
        token = csrf_token(client, "/account/login/code")  # first visit sets up the app key
        with app.app_context():
            code = next_code(db.session.get(User, user.id))
        response = client.post("/account/login/code", data={"code": code, "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def session_cookie(client) -> str:
    cookie = client.get_cookie("__Host-signpost")
    return cookie.value if cookie else ""
