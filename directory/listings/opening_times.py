"""What a page says about a service's opening times: the one-line open or closed
label, bank holidays by name, the days and times, in the page's language.

The rule itself is directory/opening.py, shared with search's "open now" filter.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from flask_babel import format_date, format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from directory.counties.holidays import SUBSTITUTE
from directory.counties.pack import current_pack
from directory.listings.operations import local_now


def weekday_name(index: int) -> str:
    names = (
        _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"),
        _("Friday"), _("Saturday"), _("Sunday"),
    )
    return names[index]


def clock(value: time | datetime) -> str:
    """A time of day on the 24-hour clock, as the opening times table shows it: 18:00."""
    return format_time(value if isinstance(value, time) else value.time(), "HH:mm", rebase=False)


# The bank holidays' names in the pack's table, in the page's language.
BANK_HOLIDAY_NAMES = {
    "New Year's Day": _l("New Year's Day"),
    "Good Friday": _l("Good Friday"),
    "Easter Monday": _l("Easter Monday"),
    "Early May bank holiday": _l("Early May bank holiday"),
    "Spring bank holiday": _l("Spring bank holiday"),
    "Summer bank holiday": _l("Summer bank holiday"),
    "Christmas Day": _l("Christmas Day"),
    "Boxing Day": _l("Boxing Day"),
}


def bank_holiday_name(name: str) -> str:
    """A bank holiday's name to show: "Boxing Day (substitute day)" is "Boxing Day"."""
    name = name.removesuffix(SUBSTITUTE)
    return str(BANK_HOLIDAY_NAMES.get(name, name))


@dataclass(frozen=True)
class OpeningLabel:
    """What a page says about a service's opening times now (``opening_status``)."""

    is_open: bool
    changes_at: datetime | None  # county time, no tzinfo; None if no change within a week
    text: str  # one line: "Open now. Closes at 21:00."
    bank_holiday: str | None  # today's bank holiday, when that is why it is closed


def _when(moment: datetime, now: datetime) -> tuple[str, dict]:
    """Which day ``moment`` is, seen from ``now``: today, tomorrow, a day this week or a date."""
    days = (moment.date() - now.date()).days
    if days == 0:
        return "today", {}
    if days == 1:
        return "tomorrow", {}
    if days < 7:
        return "day", {"day": weekday_name(moment.weekday())}
    return "date", {"date": format_date(moment.date(), "EEEE d MMMM")}


def opening_text(is_open: bool, changes_at: datetime | None, now: datetime,
                 bank_holiday: str | None = None) -> str:
    """The one-line label: "Open now. Closes at 21:00." or "Closed now. Opens Tuesday at 18:00."."""
    if is_open:
        if changes_at is None:
            return _("Open now, 24 hours a day.")
        when, names = _when(changes_at, now)
        if when == "tomorrow" and changes_at.time() == time(0):
            then = _("Closes at midnight.")
        elif when == "today":
            then = _("Closes at %(time)s.", time=clock(changes_at))
        elif when == "tomorrow":
            then = _("Closes tomorrow at %(time)s.", time=clock(changes_at))
        elif when == "day":
            # TRANSLATORS: %(day)s is a day of the week, like Tuesday.
            then = _("Closes on %(day)s at %(time)s.", time=clock(changes_at), **names)
        else:
            # TRANSLATORS: %(date)s is a day and date, like Tuesday 30 December.
            then = _("Closes on %(date)s at %(time)s.", time=clock(changes_at), **names)
        return " ".join((_("Open now."), then))
    if bank_holiday:
        # TRANSLATORS: %(name)s is the bank holiday, like Christmas Day.
        first = _("Closed today for the bank holiday (%(name)s).", name=bank_holiday)
    else:
        first = _("Closed now.")
    if changes_at is None:
        return " ".join((first, _("It does not open in the next week.")))
    when, names = _when(changes_at, now)
    if when == "today":
        then = _("Opens today at %(time)s.", time=clock(changes_at))
    elif when == "tomorrow":
        then = _("Opens tomorrow at %(time)s.", time=clock(changes_at))
    elif when == "day":
        # TRANSLATORS: %(day)s is a day of the week, like Tuesday.
        then = _("Opens %(day)s at %(time)s.", time=clock(changes_at), **names)
    else:
        # TRANSLATORS: %(date)s is a day and date, like Tuesday 30 December.
        then = _("Opens on %(date)s at %(time)s.", time=clock(changes_at), **names)
    return " ".join((first, then))


def opening_status(service, now: datetime | None = None) -> OpeningLabel | None:
    """Open or closed now on the county's clock, and the label saying so; None for a
    service with no weekly opening times (there is nothing to say).

    The rule is search's "open now" one (directory/opening.py), with the county's
    bank holidays, so a page and the filter never disagree."""
    if not service.schedules:
        return None
    now = (now or local_now()).replace(tzinfo=None)
    holidays = current_pack().bank_holidays()
    status = service.opening_status(now, holidays)
    holiday = None
    if (not status.is_open and service.closes_on_bank_holidays and now.date() in holidays
            and any(slot.weekday == now.weekday() for slot in service.schedules)):
        holiday = bank_holiday_name(holidays[now.date()])
    return OpeningLabel(status.is_open, status.changes_at,
                        opening_text(status.is_open, status.changes_at, now, holiday), holiday)
