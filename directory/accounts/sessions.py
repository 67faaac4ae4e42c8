"""Signed-in sessions: loading the user, timeouts and server-side ending (SESS-*)."""
from __future__ import annotations

import time

from flask import Flask, Response, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, logout_user

from directory.extensions import db, login_manager

LOGIN_AT = "_login_at"
SEEN_AT = "_seen_at"
# Pages a user who must change their password may still reach.
PASSWORD_CHANGE_ENDPOINTS = {"accounts.change_password", "accounts.logout", "static"}
# Files that are the same for everyone and hold no secret: no session is read for
# them, so they are not marked "Vary: Cookie" or "no-store" and stay in the cache.
SESSIONLESS_ENDPOINTS = {"static", "assets.asset"}
# Quick exit must work even while the database is away: it ends the session
# without loading the person first.
EXIT_ENDPOINT = "pages.exit_site"


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie, left out of the files in SESSIONLESS_ENDPOINTS.

    Flask-Login looks at the session after every request, which would mark even a
    stylesheet "Vary: Cookie"; for these files the session is neither saved nor
    varied on (nothing in their response depends on it)."""

    def save_session(self, app: Flask, session, response: Response) -> None:
        if request.endpoint in SESSIONLESS_ENDPOINTS:
            return
        super().save_session(app, session, response)


@login_manager.user_loader
def load_user(session_key: str):
    """The session stores "<id>:<session_version>"; a bumped version ends it."""
    from directory.accounts.models import User

    user_id, _, version = session_key.partition(":")
    user = db.session.get(User, user_id)
    if user is None or not user.is_enabled or str(user.session_version) != version:
        return None
    return user


def login_required_response() -> Response:
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def start(user) -> None:
    """Begin a fresh session for ``user`` (SESS-2: nothing from before survives)."""
    from flask_login import login_user

    session.clear()
    login_user(user)
    now = int(time.time())
    session[LOGIN_AT] = now
    session[SEEN_AT] = now
    session.permanent = False


def end() -> None:
    logout_user()
    session.clear()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.session_interface = SessionInterface()
    login_manager.session_protection = None  # versioned ids and timeouts do this job
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    lifetime = app.config["SESSION_MAX_HOURS"] * 3600

    @app.before_request
    def expire_sessions():
        if request.endpoint in SESSIONLESS_ENDPOINTS or request.endpoint == EXIT_ENDPOINT:
            return None
        if not current_user.is_authenticated:
            return None
        now = int(time.time())
        if now - session.get(SEEN_AT, 0) > idle or now - session.get(LOGIN_AT, 0) > lifetime:
            end()
            return login_required_response()
        session[SEEN_AT] = now
        if current_user.must_change_password and request.endpoint not in PASSWORD_CHANGE_ENDPOINTS:
            return redirect(url_for("accounts.change_password"))
        return None

    @app.after_request
    def no_store_when_signed_in(response: Response) -> Response:
        if request.endpoint not in SESSIONLESS_ENDPOINTS and current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
