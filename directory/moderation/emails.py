"""What the moderation workflow tells people by e-mail.

Links come from the configured public address (links.public_url), so they are right
from a request, from cron (flask remind) and whatever Host a request named.
"""
from __future__ import annotations

from flask_babel import gettext as _

from directory.accounts.models import User
from directory.links import in_language, public_url
from directory.listings.models import Service
from directory.mail import send_mail
from directory.moderation.models import State, Submission


def tell_author(submission: Submission) -> None:
    """The author hears of every decision, with the moderator's reason.

    A disabled account (someone who has left) gets nothing, nor an address in the
    reserved .invalid domain (RFC 2606), such as the feed importer's own."""
    if not submission.author.is_enabled or submission.author.email.endswith(".invalid"):
        return
    with in_language(submission.author.locale):
        _tell_author(submission)


def _tell_author(submission: Submission) -> None:
    messages = {
        State.APPROVED: _("Your suggestion \"%(name)s\" has been approved and is now live."),
        State.REJECTED: _("Your suggestion \"%(name)s\" was not approved. The reason:"),
        State.CHANGES_REQUESTED: _("Your suggestion \"%(name)s\" needs some changes. "
                                   "The moderator said:"),
    }
    body = messages[submission.state] % {"name": submission.data.get("name", "")}
    if submission.reason:
        body += "\n\n" + submission.reason
    body += "\n\n" + public_url("moderation.my_submissions")
    send_mail(submission.author.email, _("News about your suggestion"), body)


def _line(service: Service) -> str:
    link = public_url("listings.service", service_id=service.id, slug=service.slug)
    return f"- {service.name}: {link}"


def remind_staff(person: User, due: list[Service]) -> None:
    with in_language(person.locale):
        send_mail(person.email, _("Listings due for a check"), _(
            "These listings are due for a check. If a listing is still right, open it and "
            "press \"Still correct\".\n\n%(lines)s", lines="\n".join(map(_line, due))))


def remind_owner(owner: User, due: list[Service]) -> None:
    with in_language(owner.locale):
        send_mail(owner.email, _("Are these listings still right?"), _(
            "You helped with these listings and they are due for a check. If anything has "
            "changed, open the listing and choose \"Suggest an update\".\n\n%(lines)s",
            lines="\n".join(map(_line, due))))
