"""The open-data downloads (/open-data/...).

Built when first asked for after a change and kept in memory until the next one:
every change to what the public sees writes a search outbox row, so the outbox's
newest id says whether the copy in hand is still the directory as it is.
"""
from __future__ import annotations

import threading

from flask import Blueprint, Response, current_app
from sqlalchemy import func, select

from directory.accounts.permissions import public
from directory.extensions import db
from directory.oruk import export
from directory.search.models import SearchOutbox

bp = Blueprint("open_data", __name__, url_prefix="/open-data")

FILES = {"services.json": (export.json_document, "application/json"),
         "services-csv.zip": (export.csv_package, "application/zip")}
_lock = threading.Lock()
_built: dict[str, tuple[int, bytes]] = {}


def _current(name: str) -> bytes:
    head = db.session.scalar(select(func.max(SearchOutbox.id))) or 0
    key = f"{current_app.config['SQLALCHEMY_DATABASE_URI']} {name}"  # one process may serve several apps
    with _lock:
        kept = _built.get(key)
        if kept and kept[0] == head:
            return kept[1]
    body = FILES[name][0]()
    with _lock:
        _built[key] = (head, body)
    return body


@bp.get("/<any('services.json', 'services-csv.zip'):name>")
@public
def download(name: str):
    return Response(_current(name), mimetype=FILES[name][1], headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "public, max-age=300"})

