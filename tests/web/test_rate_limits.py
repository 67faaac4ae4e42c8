"""RATE-1 to RATE-3: limits on public forms and search, shared across workers."""
from __future__ import annotations

import urllib.error
import urllib.request
import uuid

from tests.factories import make_user
from tests.web.helpers import post
from tests.web.servers import gunicorn

REDIS = "redis://127.0.0.1:6379"


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
