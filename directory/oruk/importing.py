"""Importing a feed: plan what would change, then send it through moderation.

``plan`` reads nothing but the feed and our tables and writes nothing, so a dry run
is exactly the report a real run would act on. ``apply`` turns each new or changed
record into a suggestion from the importer's own (disabled) account, which a
moderator approves like any other; with ``approve_as`` that person's decision is
recorded for each one at once. Nothing is deleted: a record the feed no longer
has is flagged for review with a problem report on its listing.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from directory import audit
from directory.accounts.models import Role, User
from directory.core import utcnow
from directory.extensions import db
from directory.listings.editing import service_to_data
from directory.listings.freshness import review_period
from directory.listings.models import Service, ServiceStatus
from directory.listings.operations import save_service
from directory.moderation import operations as moderation
from directory.moderation.models import State, Submission
from directory.oruk import cleaning
from directory.oruk.mapping import Mapped, Vocabulary, to_listing
from directory.oruk.matching import Matcher
from directory.oruk.models import ImportLink
from directory.oruk.reading import Feed

IMPORTER_EMAIL = "oruk-import@signpost.invalid"


@dataclass
class Outcome:
    key: str
    name: str
    action: str  # create, update, unchanged, conflict, refuse or missing
    reasons: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    service_id: str | None = None
    mapped: Mapped | None = None

    @property
    def flagged(self) -> bool:
        return bool(self.duplicates) or self.action in ("conflict", "missing")


@dataclass
class Report:
    feed: str
    source: str
    kind: str
    outcomes: list[Outcome] = field(default_factory=list)
    unmapped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = Counter(o.action for o in self.outcomes)
        counts["flagged"] = sum(o.flagged for o in self.outcomes)
        counts["cleaned"] = sum(bool(o.cleaned) for o in self.outcomes)
        return dict(counts)

    def as_dict(self) -> dict:
        return {"feed": self.feed, "source": self.source, "kind": self.kind, "counts": self.counts(),
                "unmapped_terms": dict(self.unmapped.most_common()), "notes": self.notes,
                "records": [{k: v for k, v in asdict(o).items() if k != "mapped"} for o in self.outcomes]}

    def as_text(self) -> str:
        counts = self.counts()
        lines = [f"Feed {self.feed} ({self.kind}) from {self.source}",
                 ", ".join(f"{counts.get(k, 0)} {label}" for k, label in (
                     ("create", "to create"), ("update", "to update"), ("unchanged", "left alone"),
                     ("flagged", "flagged"), ("refuse", "refused"), ("conflict", "in conflict"),
                     ("missing", "no longer in the feed"), ("cleaned", "cleaned")))]
        for outcome in self.outcomes:
            if outcome.action != "unchanged" or outcome.flagged:
                why = "; ".join(outcome.reasons + [f"likely duplicate of {d}" for d in outcome.duplicates])
                lines.append(f"  {outcome.action:9} {outcome.name[:60]} [{outcome.key}]" + (f": {why}" if why else ""))
            for note in outcome.cleaned:
                lines.append(f"            cleaned {note}")
        if self.unmapped:
            lines.append("Terms with no category here (add them to the pack's oruk_taxonomy.toml):")
            lines += [f"  {n:4} {term}" for term, n in self.unmapped.most_common()]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


def _keys(records: list[dict], feed: str) -> list[str]:
    """Each record's key in the feed; an id used twice is told apart by the name."""
    seen: Counter = Counter(str(r.get("id") or "").strip() for r in records)
    keys = []
    for n, record in enumerate(records):
        raw = str(record.get("id") or "").strip() or f"row-{n + 1}"
        if seen[raw] > 1:
            raw = f"{raw}#{cleaning.feed_key(feed, record.get('name')) or n}"
        keys.append(raw[:300])
    return keys


def _resolve_pending(feed: str) -> None:
    """Suggestions a moderator has approved since: their links now point at the listing.

    The listing's version right after that approval is the base for spotting a later
    local edit; the listing learns which feed it came from and that feed's check date.
    """
    for link in db.session.scalars(select(ImportLink).where(ImportLink.feed == feed,
                                                            ImportLink.submission_id.is_not(None))):
        submission = db.session.get(Submission, link.submission_id)
        if submission is None or submission.state is not State.APPROVED or submission.target is None:
            continue
        approved_as = (submission.base_version or 0) + 1
        if link.imported_version is None or link.imported_version < approved_as:
            link.service_id = submission.target_id
            link.imported_version = approved_as
            submission.target.source_feed = feed
            submission.target.source_checked = link.source_checked
    db.session.commit()


def plan(feed: Feed, name: str, default_area: str = "") -> Report:
    """What importing ``feed`` as ``name`` would do, record by record. Writes nothing.

    ``default_area`` (an area slug) places records that give no place and no area,
    for a feed that one council publishes about its own area."""
    _resolve_pending(name)
    report = Report(name, feed.source, feed.kind, notes=list(feed.notes))
    words, matcher = Vocabulary(default_area), Matcher()
    links = {link.external_id: link for link in db.session.scalars(select(ImportLink).where(ImportLink.feed == name))}
    keys = _keys(feed.records, name)
    for key, record in zip(keys, feed.records, strict=True):
        mapped = to_listing(record, words)
        outcome = Outcome(key, str(record.get("name") or key), "refuse", cleaned=mapped.cleaned, mapped=mapped)
        report.unmapped.update(mapped.unmapped)
        if mapped.data is None:
            outcome.reasons = mapped.refused
        else:
            _decide(outcome, links.get(key), matcher)
        report.outcomes.append(outcome)
    for key, link in links.items():
        if key not in keys and link.service_id:
            service = db.session.get(Service, link.service_id)
            if service is not None and service.status is ServiceStatus.ACTIVE:
                report.outcomes.append(Outcome(key, service.name, "missing", service_id=service.id, reasons=[
                    "no longer in the feed: flagged for review, not deleted"]))
    return report


def _decide(outcome: Outcome, link: ImportLink | None, matcher: Matcher) -> None:
    mapped = outcome.mapped
    if link is not None and link.record_hash == mapped.digest:
        outcome.action, outcome.service_id = "unchanged", link.service_id
        if link.service_id is None:
            outcome.reasons.append("waiting for a moderator")
        return
    service = db.session.get(Service, link.service_id) if link is not None and link.service_id else None
    if service is None and link is None:
        service, why = matcher.existing(mapped)
        if service is not None:
            outcome.reasons.append(why)
    if service is None:
        if link is not None and link.submission_id:
            outcome.action = "unchanged"
            outcome.reasons.append("waiting for a moderator (the feed has changed it since)")
            return
        outcome.action = "create"
        outcome.duplicates = matcher.likely_duplicates(mapped)
        return
    outcome.service_id = service.id
    if link is not None and link.imported_version is not None and service.version != link.imported_version:
        outcome.action = "conflict"
        outcome.reasons.append("edited here since the last import: not overwritten, check both")
        return
    outcome.action = "unchanged" if service_to_data(service) == mapped.data else "update"


def importer() -> User:
    """The importer's own account: it can suggest, never sign in.

    Its password hash is not a hash, so no password matches it, and its address is in
    the reserved .invalid domain, so no reset e-mail can reach anyone."""
    user = db.session.scalar(select(User).where(User.email == IMPORTER_EMAIL))
    if user is None:
        user = User(email=IMPORTER_EMAIL, display_name="Open Referral import", password_hash="!",
                    role=Role.CONTRIBUTOR, is_enabled=True, email_confirmed_at=utcnow())
        db.session.add(user)
        db.session.commit()
    return user


def _effective_check(checked: date | None) -> date | None:
    """A feed's old check makes the listing due at once, never hidden before the grace period."""
    if checked is None:
        return None
    return max(checked, date.today() - review_period() - timedelta(days=1))


def _link(report: Report, outcome: Outcome) -> ImportLink:
    """The record's link, made if new, marked seen now and holding this record's hash."""
    link = db.session.get(ImportLink, (report.feed, outcome.key)) or ImportLink(feed=report.feed,
                                                                               external_id=outcome.key)
    link.last_seen_at, link.missing_since = utcnow(), None
    link.record_hash = outcome.mapped.digest
    link.source_checked = outcome.mapped.checked
    if link.service_id is None and outcome.service_id and not link.submission_id:
        link.service_id = outcome.service_id  # matched a listing that already says the same
        link.imported_version = db.session.get(Service, outcome.service_id).version
    db.session.add(link)
    return link


def apply(report: Report, approve_as: User | None = None) -> dict[str, int]:
    """Act on a plan: suggestions for new and changed records, flags for the rest."""
    author = importer()
    done: Counter = Counter()
    for outcome in report.outcomes:
        if outcome.action in ("create", "update"):
            target = db.session.get(Service, outcome.service_id) if outcome.service_id else None
            submission = moderation.start_submission(author, outcome.mapped.data, target)
            moderation.submit(author, submission)
            link = _link(report, outcome)
            link.submission_id, link.service_id = submission.id, target.id if target else None
            db.session.commit()
            if approve_as is not None:
                _approve(approve_as, submission, link)
            done[outcome.action] += 1
        elif outcome.action == "unchanged" and outcome.mapped is not None:
            _link(report, outcome)
        elif outcome.action == "missing":
            link = db.session.get(ImportLink, (report.feed, outcome.key))
            if link.missing_since is None:
                link.missing_since = utcnow()
                moderation.report_problem(db.session.get(Service, outcome.service_id),
                                          f"No longer in the {report.feed} feed: please check it is still running.", "")
            done["missing"] += 1
    audit.record(approve_as or author, "import.run", "feed", report.feed, after=report.counts())
    db.session.commit()
    return dict(done)


def _approve(reviewer: User, submission: Submission, link: ImportLink) -> None:
    """Approve as ``reviewer`` (their decision, audited), keeping the feed's own check date."""
    decided = moderation.decide(reviewer, submission, "approve", submission.lock_version)
    service = decided.target
    service.source_feed, service.source_checked = link.feed, link.source_checked
    checked = _effective_check(link.source_checked)
    if checked is not None:
        service.assured_date = checked
    link.service_id, link.imported_version = service.id, service.version
    save_service(service, actor=reviewer)


def waiting(feed: str, reviewer: User) -> list[Submission]:
    """A feed's suggestions still waiting that ``reviewer`` may decide, oldest first."""
    ids = set(db.session.scalars(select(ImportLink.submission_id).where(
        ImportLink.feed == feed, ImportLink.submission_id.is_not(None))))
    return [s for s in moderation.queue(reviewer) if s.id in ids]


def feeds() -> list[str]:
    return list(db.session.scalars(select(ImportLink.feed).distinct().order_by(ImportLink.feed)))


def approve_batch(feed: str, reviewer: User) -> tuple[int, int]:
    """Approve every suggestion of ``feed`` that ``reviewer`` may decide; (approved, skipped).

    Each is its own decision, as reviewed, audited in the reviewer's name; one that
    someone else decided or whose listing changed meanwhile is skipped, not forced."""
    approved = skipped = 0
    links = {link.submission_id: link for link in db.session.scalars(
        select(ImportLink).where(ImportLink.feed == feed, ImportLink.submission_id.is_not(None)))}
    for submission in waiting(feed, reviewer):
        try:
            _approve(reviewer, submission, links[submission.id])
            approved += 1
        except moderation.ModerationError:
            skipped += 1
    return approved, skipped


def write_report(report: Report, path) -> None:
    path.write_text(json.dumps(report.as_dict(), indent=1, default=str, ensure_ascii=False), encoding="utf-8")
