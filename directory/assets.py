"""Static files at content-hashed addresses, and compressed responses.

``asset_url("css/site.css")`` is ``/assets/<hash>/css/site.css``: the address changes
whenever the file does, so browsers may keep it for a year without asking again
("immutable"), and a new release is picked up at once. It is the same address on
every language's pages (not ``/pl/static/...``), so one copy is cached.

Responses are compressed (Flask-Compress: brotli, else gzip) for people who are not
signed in. A signed-in person's pages hold a CSRF token beside text they typed, the
mix a BREACH attack reads through compression, so those stay uncompressed; public
pages hold no secret.
"""
from __future__ import annotations

import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, has_request_context, request
from flask_compress import Compress
from flask_login import current_user
from werkzeug.security import safe_join

from directory.accounts.permissions import public
from directory.accounts.sessions import SESSIONLESS_ENDPOINTS
from directory.i18n.locales import ENVIRON_ROOT

YEAR = 365 * 24 * 60 * 60
DIGEST_LENGTH = 12

bp = Blueprint("assets", __name__)
compress = Compress()


@lru_cache(maxsize=64)
def _read(path: str, modified_ns: int, size: int) -> tuple[bytes, str]:
    content = Path(path).read_bytes()
    return content, hashlib.sha256(content).hexdigest()[:DIGEST_LENGTH]


def _load(filename: str) -> tuple[bytes, str] | None:
    """A static file's bytes and content hash (None if there is none), held in
    memory and read again only when the file's time or size changes."""
    path = safe_join(current_app.static_folder, filename)
    if path is None or not Path(path).is_file():
        return None
    stat = Path(path).stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)


def digest(filename: str) -> str | None:
    """The content hash of a file in the static folder (None if there is none)."""
    found = _load(filename)
    return found[1] if found else None


def asset_url(filename: str) -> str:
    """The cacheable address of a static file, outside any language prefix."""
    found = digest(filename)
    if found is None:
        raise FileNotFoundError(f"static/{filename}")
    root = request.environ.get(ENVIRON_ROOT, request.script_root) if has_request_context() else ""
    return f"{root}/assets/{found}/{filename}"


@bp.get("/assets/<version>/<path:filename>")
@public
def asset(version: str, filename: str) -> Response:
    """A static file; kept for a year when the address names its current content.

    An older page may still ask for a previous version: it gets today's file, to be
    checked again next time rather than kept. Served from memory rather than
    streamed from disk, so that it can be compressed like a page."""
    found = _load(filename)
    if found is None:
        abort(404)
    content, current = found
    response = Response(content, mimetype=mimetypes.guess_type(filename)[0] or "application/octet-stream")
    response.set_etag(current)
    response.make_conditional(request)
    if version == current:
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_REGISTER", False)  # only through compress_public below
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
        "image/svg+xml", "application/xml", "text/xml", "application/atom+xml", "text/csv", "text/plain",
    ])
    compress.init_app(app)
    app.register_blueprint(bp)
    app.jinja_env.globals["asset_url"] = asset_url

    @app.after_request
    def compress_public(response: Response) -> Response:
        if request.endpoint not in SESSIONLESS_ENDPOINTS and current_user.is_authenticated:
            return response
        return compress.after_request(response)
