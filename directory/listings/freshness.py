"""When a listing is due for a check, and when it is too stale to show.

A listing is due REVIEW_MONTHS after its last check; REVIEW_GRACE_DAYS after that it
is hidden from the public (never deleted) until someone checks it again.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import current_app

from directory.listings.models import Service

DAYS_PER_MONTH = 30.44


def review_due(service: Service) -> date | None:
    if service.assured_date is None:
        return None
    months = current_app.config["REVIEW_MONTHS"]
    return service.assured_date + timedelta(days=round(months * DAYS_PER_MONTH))


def is_overdue(service: Service, today: date | None = None) -> bool:
    due = review_due(service)
    return due is not None and due < (today or date.today())


def is_hidden(service: Service, today: date | None = None) -> bool:
    """Past its grace period: out of pages, search and the API until checked."""
    due = review_due(service)
    grace = timedelta(days=current_app.config["REVIEW_GRACE_DAYS"])
    return due is not None and due + grace < (today or date.today())


def is_listed(service: Service, today: date | None = None) -> bool:
    """The one answer to "may the public see this listing now?"."""
    return service.is_public and not is_hidden(service, today)
