"""/moderation/imports: each feed's waiting suggestions, and approving a feed's batch."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from directory.accounts.permissions import Permission, requires
from directory.audit import AuditEvent
from directory.extensions import db
from directory.oruk import importing

bp = Blueprint("imports", __name__)


def _last_run(feed: str) -> AuditEvent | None:
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import.run",
                                                      AuditEvent.record_id == feed)
                             .order_by(AuditEvent.created_at.desc()).limit(1))


@bp.get("/moderation/imports")
@requires(Permission.QUEUE_VIEW)
def show():
    rows = [(feed, importing.waiting(feed, current_user), _last_run(feed)) for feed in importing.feeds()]
    return render_template("oruk/imports.html", rows=rows)


@bp.post("/moderation/imports/<feed>/approve")
@requires(Permission.SUBMISSION_DECIDE)
def approve(feed: str):
    if feed not in importing.feeds():
        abort(404)
    approved, skipped = importing.approve_batch(feed, current_user)
    message = _("Approved %(count)s listings from %(feed)s.", count=approved, feed=feed)
    if skipped:
        message += " " + _("%(count)s had changed or were decided by someone else, and were left.", count=skipped)
    flash(message, "success")
    return redirect(url_for(".show"))
