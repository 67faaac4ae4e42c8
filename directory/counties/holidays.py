"""England and Wales bank holidays from the statutory rules, to write and check a
pack's ``bank_holidays.toml`` (the site reads only the table).

The rules (Banking and Financial Dealings Act 1971 and the royal proclamations made
under it every year): New Year's Day, Good Friday, Easter Monday, the first Monday in
May, the last Monday in May, the last Monday in August, Christmas Day and Boxing Day.
When New Year's Day, Christmas Day or Boxing Day falls at a weekend, the bank holiday
is the next weekday that is not already one, a "substitute day" (the weekend day is
then not a bank holiday, as GOV.UK lists them). Easter Sunday is found with the
anonymous Gregorian algorithm (Meeus, Jones and Butcher).

One-off days (a royal wedding, a coronation, a jubilee) are proclaimed by hand and
are not in these rules: the table lists them apart, under ``[by_hand]``.

Write a table: ``python -m directory.counties.holidays 2025 2028 > bank_holidays.toml``
"""
from __future__ import annotations

import sys
from datetime import date, timedelta

SUBSTITUTE = " (substitute day)"


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def england_and_wales(year: int) -> dict[date, str]:
    """The year's bank holidays by the rules, in date order, with GOV.UK's names."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "New Year's Day",
        easter - timedelta(days=2): "Good Friday",
        easter + timedelta(days=1): "Easter Monday",
        _first_monday(year, 5): "Early May bank holiday",
        _last_monday(year, 5): "Spring bank holiday",
        _last_monday(year, 8): "Summer bank holiday",
        date(year, 12, 25): "Christmas Day",
        date(year, 12, 26): "Boxing Day",
    }
    for day in (date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)):
        if day.weekday() >= 5:
            # The weekend day itself is then not a bank holiday (GOV.UK lists only the substitute).
            substitute = day + timedelta(days=1)
            while substitute.weekday() >= 5 or substitute in days:
                substitute += timedelta(days=1)
            days[substitute] = days.pop(day) + SUBSTITUTE
    return dict(sorted(days.items()))


def table(first_year: int, last_year: int) -> str:
    """bank_holidays.toml for the years ``first_year`` to ``last_year``, by the rules."""
    lines = [
        "# England and Wales bank holidays, written by directory/counties/holidays.py from the",
        "# statutory rules (see SOURCE.md). Check them against https://www.gov.uk/bank-holidays",
        "# before relying on a year after last_year. tests/listings/test_opening.py recomputes",
        "# [by_rule], so a typo there fails the tests: change the rules, not the dates.",
        "",
        f"first_year = {first_year}",
        f"last_year = {last_year}",
        "",
        "[by_rule]",
    ]
    for year in range(first_year, last_year + 1):
        lines += [f'{day.isoformat()} = "{name}"' for day, name in england_and_wales(year).items()]
    lines += [
        "",
        "# One-off days proclaimed by hand (a coronation, a royal wedding, a jubilee), as",
        '# 2023-05-08 = "Bank holiday for the coronation of King Charles III". None are known',
        "# for these years.",
        "[by_hand]",
        "",
        "# Days the rules give that a proclamation moved (as the early May bank holiday of",
        '# 2020 moved to VE Day): 2020-05-04 = "moved to 2020-05-08", with the new day under',
        "# [by_hand]. None for these years.",
        "[not_held]",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table(int(sys.argv[1]), int(sys.argv[2])))
