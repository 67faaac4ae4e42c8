"""RATE-1 to RATE-3: limits on public forms and search, shared across workers."""
from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from directory.config import PROJECT_ROOT
from tests.factories import make_service, make_user
from tests.web.helpers import TOKEN, post
from tests.web.servers import REDIS, database_url, gunicorn


def test_login_is_rate_limited_per_address(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        make_user(email="r@example.org")
    client = app.test_client()
    codes = [post(client, "/account/login", {"email": "r@example.org", "password": "wrong guess!"}).status_code
             for _ in range(4)]
    assert codes == [400, 400, 400, 429]


def test_spoofed_forwarded_for_does_not_reset_the_limit(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, SEARCH_RATE_LIMIT="3 per minute", PROXY_COUNT=1)
    client = app.test_client()
    codes = [
        client.get("/api/v1/search?q=x", headers={"X-Forwarded-For": f"10.0.0.{n}, 203.0.113.7"}).status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    # The real client address (the proxy's last hop) still has its own budget.
    other = client.get("/api/v1/search?q=x", headers={"X-Forwarded-For": "203.0.113.8"})
    assert other.status_code == 200


def test_limits_hold_across_four_gunicorn_workers_with_redis(app, tmp_path):
    settings = {
        "RATELIMIT_STORAGE_URI": REDIS,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "SEARCH_RATE_LIMIT": "5 per minute",
    }
    with gunicorn(app, tmp_path / "gunicorn.log", workers=4, **settings) as (base, _log):
        codes = []
        for _ in range(40):
            try:
                codes.append(urllib.request.urlopen(base + "/api/v1/search?q=x", timeout=10).status)
            except urllib.error.HTTPError as error:
                codes.append(error.code)
    assert codes.count(200) == 5 and codes.count(429) == 35


class Visitor:
    """A browser-like client over real HTTP: keeps its session cookie and CSRF token.

    (http.cookiejar will not send a Secure cookie over http://127.0.0.1; browsers do.)"""

    def __init__(self, base: str):
        self.base = base
        self.cookie = ""

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        if self.cookie:
            request.add_header("Cookie", self.cookie)
        try:
            response = urllib.request.urlopen(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookie = header.split(";", 1)[0]
        return response.status, response.read().decode()

    def post_form(self, path: str, fields: dict) -> int:
        _status, page = self._open(urllib.request.Request(self.base + path))
        data = {**fields, "csrf_token": TOKEN.search(page).group(1)}
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST"))[0]


LIMITED_FORMS = {
    # name: (path, fields, setting)
    "sign-in": ("/account/login", {"email": "someone@example.org", "password": "not the password"},
                "LOGIN_RATE_LIMIT"),
    "password reset": ("/account/forgot", {"email": "someone@example.org"}, "FORM_RATE_LIMIT"),
    "registration": ("/account/register", {"display_name": "R", "email": "r@example.org",
                                           "password": "password123"}, "FORM_RATE_LIMIT"),
    "problem report": ("/services/{sid}/report", {"message": "The phone number is wrong"},
                       "FORM_RATE_LIMIT"),
}


@pytest.mark.parametrize("form", list(LIMITED_FORMS))
def test_form_limits_hold_across_two_gunicorn_workers(app, tmp_path, form):
    """RATE-2: 3 a minute means 3 in all, whichever worker answers each request."""
    path, fields, setting = LIMITED_FORMS[form]
    with app.app_context():
        service_id = make_service(name="Limited club").id
    with gunicorn(app, tmp_path / "gunicorn.log", workers=2, **{setting: "3 per minute"}) as (base, _log):
        visitor = Visitor(base)
        codes = [visitor.post_form(path.format(sid=service_id), fields) for _ in range(8)]
    assert codes.count(429) == 5 and 429 not in codes[:3], codes


def test_gunicorn_refuses_several_workers_with_per_worker_limits(app, tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url(app), "SECRET_KEY": "test",
           "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"], "WEB_CONCURRENCY": "2",
           "RATELIMIT_STORAGE_URI": "memory://", "PORT": "0"}
    env.pop("RATELIMIT_ENABLED", None)
    finished = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert finished.returncode != 0
    assert "rate limits would be counted per worker" in finished.stdout + finished.stderr
