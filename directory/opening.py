"""Open or closed, and when that changes: the one rule for weekly opening times.

A service's opening times are weekly slots ``(weekday, opens, closes)``: weekday 0 is
Monday, times are minutes since midnight. A slot that closes at or before it opens
runs past midnight into the next morning (Monday 22:00-02:00 is open at 01:00 on
Tuesday); a slot that opens and closes at the same time is the whole day (the form's
"all day" is 00:00-00:00).

A service closed on bank holidays does not open the slots that *start* on one: a
Christmas Eve slot 22:00-02:00 still runs into Christmas morning.

Search's "open now" filter, the listing page's label and ``Schedule.is_open_at`` all
call ``is_open``; ``opening_status`` calls it too, so none of them can disagree. This
module imports nothing of ours.
"""
from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

DAY = 24 * 60
# How far ahead the next change is looked for: a week, and a day for a week's wrap.
HORIZON_DAYS = 8

Slot = tuple[int, int, int]  # (weekday, opens, closes), minutes since midnight


class OpeningStatus(NamedTuple):
    """Open now or not, and when that changes (local time, no tzinfo).

    ``changes_at`` is None when it does not change within ``HORIZON_DAYS`` days:
    open all the time, or not opening in that time."""

    is_open: bool
    changes_at: datetime | None


def span(opens: int, closes: int) -> tuple[int, int]:
    """A slot's minutes from the midnight of the day it starts: (start, end).

    Closing at or before opening runs past midnight; opening and closing at the
    same time is the whole day."""
    if opens == closes:
        return 0, DAY
    return opens, closes if closes > opens else closes + DAY


def _counts(day: date, closed_on_bank_holidays: bool, bank_holidays: Container[date]) -> bool:
    """Do slots that start on ``day`` open at all?"""
    return not (closed_on_bank_holidays and day in bank_holidays)


def is_open(
    slots: Iterable[Slot],
    moment: datetime,
    *,
    closed_on_bank_holidays: bool = True,
    bank_holidays: Container[date] = frozenset(),
) -> bool:
    """Is any slot open at ``moment`` (local wall time; tzinfo is not looked at)?

    A slot counts on the day it starts and, past midnight, on the next morning; a
    slot starting on a bank holiday does not open if the service closes on them."""
    today = moment.date()
    weekday = today.weekday()
    yesterday = (weekday - 1) % 7
    minute = moment.hour * 60 + moment.minute
    for slot_day, opens, closes in slots:
        if slot_day == weekday:
            start, end = span(opens, closes)
            if start <= minute < end and _counts(today, closed_on_bank_holidays, bank_holidays):
                return True
        if slot_day == yesterday:
            start, end = span(opens, closes)
            if minute + DAY < end and _counts(today - timedelta(days=1), closed_on_bank_holidays,
                                              bank_holidays):
                return True
    return False


def _periods(slots: list[Slot], first: date, days: int, closed_on_bank_holidays: bool,
             bank_holidays: Container[date]) -> list[tuple[datetime, datetime]]:
    """The open periods of slots starting on ``first`` and the ``days - 1`` days after
    it, overlapping and touching ones joined, in time order."""
    found = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if not _counts(day, closed_on_bank_holidays, bank_holidays):
            continue
        midnight = datetime(day.year, day.month, day.day)
        for slot_day, opens, closes in slots:
            if slot_day == day.weekday():
                start, end = span(opens, closes)
                found.append((midnight + timedelta(minutes=start), midnight + timedelta(minutes=end)))
    found.sort()
    joined: list[tuple[datetime, datetime]] = []
    for start, end in found:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def opening_status(
    slots: Iterable[Slot],
    moment: datetime,
    *,
    closed_on_bank_holidays: bool = True,
    bank_holidays: Container[date] = frozenset(),
) -> OpeningStatus:
    """Open now or not (``is_open``), and the next time that changes, looked for up to
    ``HORIZON_DAYS`` days ahead: "open, closes at 21:00", "closed, opens Tuesday 18:00".

    ``moment`` is local wall time; so is ``changes_at`` (without tzinfo)."""
    slots = list(slots)
    rules = {"closed_on_bank_holidays": closed_on_bank_holidays, "bank_holidays": bank_holidays}
    now = moment.replace(tzinfo=None, second=0, microsecond=0)
    open_now = is_open(slots, now, **rules)
    limit = now + timedelta(days=HORIZON_DAYS)
    # From yesterday, for a slot running past midnight into today.
    periods = _periods(slots, now.date() - timedelta(days=1), HORIZON_DAYS + 2, **rules)
    if open_now:
        # The end of the period open now; if it runs past the horizon, no change is known.
        end = next((end for start, end in periods if start <= now < end), None)
        return OpeningStatus(True, end if end is not None and end <= limit else None)
    start = next((start for start, _end in periods if start > now), None)
    return OpeningStatus(False, start if start is not None and start <= limit else None)
