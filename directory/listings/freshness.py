"""When a listing is due for a check, and when it is too stale to show.

A listing is due REVIEW_MONTHS after its last check; REVIEW_GRACE_DAYS after that it
is hidden from the public (never deleted) until someone checks it again.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import current_app

from directory.listings.models import Service

DAYS_PER_MONTH = 30.44


def review_period() -> timedelta:
    """How long a check lasts before the listing is due again."""
    return timedelta(days=round(current_app.config["REVIEW_MONTHS"] * DAYS_PER_MONTH))


def grace_period() -> timedelta:
    """How long a due listing stays public before it is hidden."""
    return timedelta(days=current_app.config["REVIEW_GRACE_DAYS"])


def oldest_listed_check(today: date | None = None) -> date:
    """A listing last checked before this day is hidden (``is_hidden`` as a date)."""
    return (today or date.today()) - review_period() - grace_period()


def review_due(service: Service) -> date | None:
    if service.assured_date is None:
        return None
    return service.assured_date + review_period()


def is_overdue(service: Service, today: date | None = None) -> bool:
    due = review_due(service)
    return due is not None and due < (today or date.today())


def is_hidden(service: Service, today: date | None = None) -> bool:
    """Past its grace period: out of pages, search and the API until checked."""
    due = review_due(service)
    return due is not None and due + grace_period() < (today or date.today())


def is_listed(service: Service, today: date | None = None) -> bool:
    """The one answer to "may the public see this listing now?"."""
    return service.is_public and not is_hidden(service, today)
