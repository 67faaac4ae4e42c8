"""Static files at hashed addresses with a year's immutable cache, one address for
every language, and compression for anyone not signed in (directory/assets.py)."""
from __future__ import annotations

import gzip
import hashlib
import re

import brotli
import pytest

from directory.config import PROJECT_ROOT
from tests.factories import PASSWORD, make_user
from tests.web.helpers import login

ASSET = re.compile(r'href="(/assets/([0-9a-f]{12})/css/site\.css)"')


def _stylesheet(html: str) -> tuple[str, str]:
    match = ASSET.search(html)
    assert match, "the page links its stylesheet at a hashed address"
    return match.group(1), match.group(2)


def test_pages_link_static_files_by_their_content_hash(client):
    url, version = _stylesheet(client.get("/").get_data(as_text=True))
    content = (PROJECT_ROOT / "static" / "css" / "site.css").read_bytes()
    assert version == hashlib.sha256(content).hexdigest()[:12]
    with client.get(url) as response:
        assert response.status_code == 200
        assert response.get_data() == content
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "/assets/" in client.get("/").get_data(as_text=True).split('<script src="', 1)[1][:10]


def test_every_language_shares_one_address(client):
    english, _version = _stylesheet(client.get("/").get_data(as_text=True))
    polish, _version = _stylesheet(client.get("/pl/").get_data(as_text=True))
    assert polish == english
    assert "/pl/static/" not in client.get("/pl/").get_data(as_text=True)


def test_an_old_version_gets_todays_file_without_the_long_cache(client):
    with client.get("/assets/000000000000/css/site.css") as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/assets/abc/css/nothing.css", "/assets/abc/../pyproject.toml",
                                  "/assets/abc/%2e%2e/pyproject.toml", "/assets/abc/../../etc/passwd"])
def test_no_file_outside_the_static_folder(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(("accept", "encoding", "decode"), [
    ("br, gzip", "br", brotli.decompress),
    ("gzip", "gzip", gzip.decompress),
])
def test_public_pages_are_compressed(client, accept, encoding, decode):
    plain = client.get("/").get_data()
    response = client.get("/", headers={"Accept-Encoding": accept})
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert decode(response.get_data()) == plain
    assert len(response.get_data()) < len(plain) / 2


def test_static_files_are_compressed_too(client):
    url, _version = _stylesheet(client.get("/").get_data(as_text=True))
    with client.get(url, headers={"Accept-Encoding": "gzip"}) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.get_data()) == (PROJECT_ROOT / "static" / "css" / "site.css").read_bytes()


def test_without_accept_encoding_nothing_is_compressed(client):
    assert "Content-Encoding" not in client.get("/", headers={"Accept-Encoding": ""}).headers


def test_signed_in_pages_are_not_compressed(app):
    """BREACH: a page with a CSRF token beside typed text is not compressed."""
    with app.app_context():
        user = make_user(email="compress@example.org")
    client = app.test_client()
    login(client, app, user, PASSWORD)
    response = client.get("/account", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "csrf_token" in response.get_data(as_text=True)
    assert "Content-Encoding" not in response.headers


def test_a_browser_that_has_the_file_gets_304(client):
    url, version = _stylesheet(client.get("/").get_data(as_text=True))
    with client.get(url, headers={"If-None-Match": f'"{version}"'}) as response:
        assert response.status_code == 304
        assert response.get_data() == b""


def test_static_files_do_not_vary_on_cookie(client):
    url, _version = _stylesheet(client.get("/").get_data(as_text=True))
    with client.get(url, headers={"Accept-Encoding": "gzip"}) as response:
        assert "Cookie" not in response.headers.get("Vary", "")


def test_signed_in_people_keep_static_files_in_their_cache(app):
    with app.app_context():
        user = make_user(email="cache@example.org")
    client = app.test_client()
    login(client, app, user, PASSWORD)
    url, _version = _stylesheet(client.get("/account").get_data(as_text=True))
    with client.get(url) as response:
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Cookie" not in response.headers.get("Vary", "")
