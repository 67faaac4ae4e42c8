"""Headers, errors and cookies on the public side (HDR-1..6, SAFE-5, SRCH)."""
from __future__ import annotations

import pytest

from directory.security import CSP

PUBLIC_URLS = ["/", "/search?q=football", "/search?near=ZZ99", "/categories", "/areas/harlow",
               "/help-now", "/api/v1/search?q=x", "/no-such-page", "/static/css/site.css",
               "/advice", "/advice/spotting-the-signs-of-county-lines", "/campaigns", "/campaigns/the-real-cost",
               "/campaigns.atom", "/privacy", "/.well-known/security.txt"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_response_has_strict_headers(client, url):
    response = client.get(url)
    response.close()
    assert response.headers["Content-Security-Policy"] == CSP
    assert "object-src 'none'" in CSP and "base-uri 'none'" in CSP and "frame-ancestors 'none'" in CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "geolocation=(self)" in response.headers["Permissions-Policy"]
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    content_type = response.headers["Content-Type"]
    # JSON is UTF-8 by definition (RFC 8259) and takes no charset parameter.
    assert "charset=utf-8" in content_type or content_type == "application/json" or url.startswith("/static")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_visitors_get_no_cookies(client, url):
    response = client.get(url)
    response.close()
    assert "Set-Cookie" not in response.headers


def test_csp_allows_no_third_party_hosts():
    assert "http" not in CSP and "*" not in CSP


def test_trace_is_not_allowed(client):
    assert client.open("/", method="TRACE").status_code == 405


def test_a_crash_shows_a_friendly_page_without_a_traceback(demo_app, monkeypatch):
    from directory.listings import operations

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(operations, "search_directory", boom)
    demo_app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = demo_app.test_client().get("/search?q=x", follow_redirects=True)
    finally:
        demo_app.config["PROPAGATE_EXCEPTIONS"] = None
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in html and "secret internals" not in html
    assert "Sorry, something went wrong" in html
    assert response.headers["Content-Security-Policy"] == CSP


def test_hsts_in_production_config(app_factory, monkeypatch):
    monkeypatch.setenv("SIGNPOST_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://signpost.example.org")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379")
    app = app_factory()
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert app.config["SESSION_COOKIE_SECURE"] and not app.debug


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    from directory import create_app
    from directory.config import ConfigError

    monkeypatch.setenv("SIGNPOST_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_search_is_rate_limited_per_address(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, SEARCH_RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [client.get("/api/v1/search?q=x").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/search?q=x", follow_redirects=True)
    assert limited.status_code == 429 and limited.headers.get("Retry-After")
