"""The moderated workflow: propose, submit, decide; and keeping listings fresh.

Every operation takes the acting user, checks permission, changes the data,
writes audit events (and the search outbox when public data changes) and commits.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from directory import audit
from directory.accounts.models import Role, User
from directory.accounts.permissions import Permission, can, require
from directory.core import utcnow
from directory.extensions import db
from directory.listings import operations as listings
from directory.listings.freshness import is_hidden, review_due
from directory.listings.models import Service, ServiceStatus
from directory.moderation import emails
from directory.moderation.models import EDITABLE, TRANSITIONS, ProblemReport, State, Submission
from directory.search import engine
from directory.search.models import enqueue


class ModerationError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyDecided(ModerationError):
    """Another moderator decided (or the author changed) the submission first."""


class ListingChanged(ModerationError):
    """The live listing changed after the submission was made."""


def _move(actor: User | None, submission: Submission, new: State, **details) -> None:
    """Change state through the transition table, with an audit event."""
    old = submission.state
    if new not in TRANSITIONS[old]:
        raise ModerationError(_("That cannot be done to a suggestion in this state."))
    submission.state = new
    submission.lock_version += 1
    audit.record(actor, f"submission.{new.value}", "submission", submission.id,
                 before={"state": old.value}, after={"state": new.value, **details})


# --- contributors ------------------------------------------------------------------


def start_submission(author: User, data: dict, target: Service | None = None) -> Submission:
    """Save a new draft: a new listing, or an edit to ``target``."""
    require(author, Permission.SUBMISSION_CREATE)
    submission = Submission(author=author, data=data, target=target, state=State.DRAFT,
                            base_version=target.version if target else None)
    db.session.add(submission)
    db.session.flush()
    audit.record(author, "submission.draft", "submission", submission.id,
                 after={"state": State.DRAFT.value, "target": target.id if target else None})
    db.session.commit()
    return submission


def _require_author(author: User, submission: Submission) -> None:
    if submission.author_id != author.id:
        # Other people's submissions are not theirs to see (AC-3): same as missing.
        raise NotFound()


def update_submission(author: User, submission: Submission, data: dict) -> Submission:
    _require_author(author, submission)
    if submission.state not in EDITABLE:
        raise ModerationError(_("This suggestion is with a moderator, so it cannot be changed now."))
    before = submission.data
    submission.data = data
    submission.lock_version += 1
    audit.record(author, "submission.edited", "submission", submission.id,
                 before=before, after=data)
    db.session.commit()
    return submission


def submit(author: User, submission: Submission) -> Submission:
    """Send a draft (or a changed submission) to the moderators."""
    _require_author(author, submission)
    _move(author, submission, State.PENDING)
    submission.submitted_at = utcnow()
    db.session.commit()
    return submission


def withdraw(author: User, submission: Submission) -> Submission:
    _require_author(author, submission)
    _move(author, submission, State.WITHDRAWN)
    db.session.commit()
    return submission


def my_submissions(author: User) -> list[Submission]:
    return list(db.session.scalars(
        select(Submission).where(Submission.author_id == author.id)
        .order_by(Submission.updated_at.desc())
    ))


def get_own(author: User, submission_id: str) -> Submission:
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        raise NotFound()
    _require_author(author, submission)
    return submission


# --- moderators ----------------------------------------------------------------------


def queue(user: User, area: str | None = None, category: str | None = None,
          older_than_days: int | None = None) -> list[Submission]:
    """Pending submissions this user may decide, oldest first."""
    require(user, Permission.QUEUE_VIEW)
    query = (select(Submission).where(Submission.state == State.PENDING)
             .options(selectinload(Submission.target).selectinload(Service.areas))
             .order_by(Submission.submitted_at))
    if older_than_days:
        query = query.where(Submission.submitted_at <= utcnow() - timedelta(days=older_than_days))
    found = []
    for submission in db.session.scalars(query):
        if submission.author_id != user.id and not can(user, Permission.SUBMISSION_DECIDE, submission):
            continue
        areas = submission.permission_areas()
        if area and (areas is None or area not in areas):
            continue
        if category and category not in submission.data.get("categories", []):
            continue
        found.append(submission)
    return found


def get_for_review(user: User, submission_id: str) -> Submission:
    """A submission the user may review; 404 for anything else (no enumeration)."""
    require(user, Permission.QUEUE_VIEW)
    submission = db.session.get(Submission, submission_id)
    if submission is None or submission.state is State.DRAFT:
        raise NotFound()
    if submission.author_id != user.id and not can(user, Permission.SUBMISSION_DECIDE, submission):
        raise NotFound()
    return submission


DECISIONS = {
    "approve": State.APPROVED,
    "reject": State.REJECTED,
    "request_changes": State.CHANGES_REQUESTED,
}


def decide(reviewer: User, submission: Submission, decision: str, reviewed_version: int,
           reason: str = "") -> Submission:
    """Approve, reject or ask for changes, exactly as reviewed.

    The state moves with a conditional UPDATE (still pending, same version), so of
    two moderators deciding at once one wins and the other gets AlreadyDecided.
    Approval applies the submission to the live tables in the same transaction.
    """
    require(reviewer, Permission.SUBMISSION_DECIDE, submission)
    new = DECISIONS.get(decision)
    if new is None:
        raise ModerationError(_("Choose approve, reject or ask for changes."))
    reason = reason.strip()
    if new is not State.APPROVED and not reason:
        raise ModerationError(_("Tell the person why, so they can put it right."))
    claimed = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.state == State.PENDING,
               Submission.lock_version == reviewed_version)
        .values(state=new, lock_version=Submission.lock_version + 1, reviewer_id=reviewer.id,
                reason=reason, decided_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise AlreadyDecided(_("Someone else has already dealt with this suggestion, or it "
                               "changed while you were reading it. Nothing was changed."))
    audit.record(reviewer, f"submission.{new.value}", "submission", submission.id,
                 before={"state": State.PENDING.value}, after={"state": new.value, "reason": reason})
    if new is State.APPROVED:
        try:
            _publish(reviewer, submission)
        except ListingChanged:
            db.session.rollback()
            raise
    db.session.commit()
    db.session.refresh(submission)
    engine.catch_up()
    emails.tell_author(submission)
    return submission


def _publish(reviewer: User, submission: Submission) -> Service:
    """Apply the approved submission through the listings' one write path."""
    try:
        service = listings.apply_approved(reviewer, submission.target, submission.data, submission.base_version)
    except listings.ListingChanged:
        raise ListingChanged(_("The listing has changed since this suggestion was made. "
                               "Ask the person to check their suggestion again.")) from None
    if submission.target is None:
        submission.target = service
    return service


# --- freshness and problem reports ------------------------------------------------------


def report_problem(service: Service, message: str, contact: str) -> ProblemReport:
    """Anyone may report a problem; it is queued for the area's officers and moderators."""
    report = ProblemReport(service=service, message=message.strip()[:2000],
                           contact=contact.strip()[:254])
    db.session.add(report)
    db.session.flush()
    audit.record(None, "report.created", "problem_report", report.id)
    db.session.commit()
    return report


def open_reports(user: User) -> list[ProblemReport]:
    require(user, Permission.REPORTS_VIEW)
    reports = db.session.scalars(
        select(ProblemReport).where(ProblemReport.resolved_at.is_(None))
        .order_by(ProblemReport.created_at)
    )
    return [r for r in reports if can(user, Permission.REPORTS_VIEW, r)]


def listings_due(user: User, today: date | None = None) -> list[Service]:
    """Active listings in the user's remit whose review date has passed or is this month."""
    require(user, Permission.DASHBOARD_VIEW)
    today = today or date.today()
    soon = today + timedelta(days=30)
    services = db.session.scalars(
        select(Service).where(Service.status == ServiceStatus.ACTIVE)
        .options(selectinload(Service.areas)).order_by(Service.assured_date)
    )
    return [s for s in services
            if (due := review_due(s)) is not None and due <= soon
            and can(user, Permission.LISTING_CONFIRM, s)]


def remind(today: date | None = None) -> int:
    """E-mail about listings due for a check: each area's district officers (and
    moderators, for county-wide listings), who can confirm them, and the listing's
    owners (the volunteers whose suggestions made it), who can suggest an update.
    Hides long-overdue listings. Returns how many e-mails were sent."""
    today = today or date.today()
    staff = db.session.scalars(
        select(User).where(User.is_enabled.is_(True),
                           User.role.in_([Role.DISTRICT_OFFICER, Role.MODERATOR]))
    ).all()
    sent = 0
    for person in staff:
        due = [s for s in listings_due(person, today) if review_due(s) <= today]
        if due:
            emails.remind_staff(person, due)
            sent += 1
    for owner, due in _owners_of_due_listings(today).items():
        emails.remind_owner(owner, due)
        sent += 1
    _hide_long_overdue(today)
    return sent


def _owners_of_due_listings(today: date) -> dict[User, list[Service]]:
    """Enabled authors of approved suggestions, with their listings now due."""
    rows = db.session.execute(
        select(Submission.author_id, Submission.target_id)
        .where(Submission.state == State.APPROVED, Submission.target_id.is_not(None))
        .distinct()
    ).all()
    owners: dict[User, list[Service]] = {}
    for author_id, service_id in rows:
        author = db.session.get(User, author_id)
        service = db.session.get(Service, service_id)
        due = review_due(service) if service is not None else None
        if author is not None and author.is_enabled and due is not None and due <= today \
                and service.status is ServiceStatus.ACTIVE:
            owners.setdefault(author, []).append(service)
    return owners


def _hide_long_overdue(today: date) -> None:
    """Queue listings past their grace period so the index drops them (never deleted)."""
    services = db.session.scalars(select(Service).where(Service.status == ServiceStatus.ACTIVE))
    for service in services:
        if is_hidden(service, today):
            enqueue("service", service.id)
    db.session.commit()
    engine.catch_up()

