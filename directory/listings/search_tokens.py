"""Discreet search: what someone searched for is kept on the server, never in a URL.

The search form posts; the answer is a redirect to ``/results/<token>``, where the
token is random, says nothing, and ends after SEARCH_TOKEN_MINUTES. Browser history,
synced history and address-bar suggestions then hold only that token, and once
it has ended it leads nowhere. Expired tokens are deleted whenever a new one is made.
"""
from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import JSON, Boolean, String, delete
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from directory.core import utcnow
from directory.extensions import db
from directory.listings.params import SearchInputError, SearchParams, parse_search_args


class SearchToken(db.Model):
    __tablename__ = "search_token"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    # The search as query arguments (SearchParams.query_args without the page).
    params: Mapped[dict] = mapped_column(JSON)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    # Set once the search has been counted in the demand report, so reloading
    # or paging through the results does not count it again.
    counted: Mapped[bool] = mapped_column(Boolean, default=False)


def store(params: SearchParams, now: datetime | None = None) -> str:
    """Keep a search for a short while and return its new token."""
    now = now or utcnow()
    db.session.execute(delete(SearchToken).where(SearchToken.expires_at < now))
    token = secrets.token_urlsafe(16)
    minutes = current_app.config["SEARCH_TOKEN_MINUTES"]
    if params.lat is not None:
        # SAFE-6: a location is kept only to about a kilometre.
        params = replace(params, lat=round(params.lat, 2), lon=round(params.lon, 2))
    db.session.add(SearchToken(token=token, params=params.query_args(page=None),
                               expires_at=now + timedelta(minutes=minutes)))
    db.session.commit()
    return token


def load(token: str, page: int = 1, now: datetime | None = None) -> SearchParams | None:
    """The search a token stands for, at ``page``; None once it has ended or if unknown."""
    if len(token) > 32:
        return None
    found = db.session.get(SearchToken, token)
    if found is None or found.expires_at < (now or utcnow()):
        return None
    try:
        params = parse_search_args(MultiDict(found.params))
    except SearchInputError:
        return None  # written by an older release with rules since changed
    return replace(params, page=page)

