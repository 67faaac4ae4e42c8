"""The demand and gaps report as plain tables, with small numbers suppressed.

Suppression: a cell under SUPPRESS_BELOW is shown as "fewer than 5". No totals
are shown, and within each table, when any hidden cell counts someone, the hidden
cells are at least two and add up to at least SUPPRESS_BELOW (further small cells
are hidden until they do), so no hidden cell can be worked out from the others or
from another table that counts the same searches another way. Empty cells (0)
are hidden too, so they cannot be told apart from small ones.

The report covers a fixed run of whole weeks (INSIGHTS_WEEKS, ending last
Sunday), never a period someone chooses, so comparing two periods cannot reveal
a small number either.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from directory.extensions import db
from directory.geo.models import Area
from directory.insights.counting import COUNTY_WIDE, NOT_GIVEN, NOT_RECOGNISED
from directory.insights.models import SearchCount, ServiceCount
from directory.listings.models import Category, Service, service_area
from directory.listings.operations import local_now

SUPPRESS_BELOW = 5


def suppress(values: list[int]) -> list[int | None]:
    """The values to show, None where a value is hidden."""
    hidden = {i for i, v in enumerate(values) if v < SUPPRESS_BELOW}
    if any(values[i] for i in hidden):  # hidden zeros alone protect nobody
        smallest_shown = sorted((v, i) for i, v in enumerate(values) if i not in hidden)
        while smallest_shown and (len(hidden) < 2 or sum(values[i] for i in hidden) < SUPPRESS_BELOW):
            hidden.add(smallest_shown.pop(0)[1])
    return [None if i in hidden else v for i, v in enumerate(values)]


@dataclass
class Table:
    """One table of the report: label columns, then measure columns of counts."""

    key: str
    title: str
    columns: list[str]
    measures: list[str]
    rows: list[tuple[list[str], list[int | None]]] = field(default_factory=list)

    @classmethod
    def build(cls, key: str, title: str, columns: list[str], measures: list[str],
              raw: list[tuple[list[str], list[int]]]) -> Table:
        shown = [suppress([values[m] for _labels, values in raw]) for m in range(len(measures))]
        rows = [(labels, [shown[m][r] for m in range(len(measures))]) for r, (labels, _v) in enumerate(raw)]
        return cls(key, title, columns, measures, rows)

    def chart(self, limit: int = 10) -> list[tuple[str, int | None]]:
        """(label, first measure) for the chart beside the table."""
        return [(" – ".join(labels), values[0]) for labels, values in self.rows[:limit]]

    def chart_max(self, limit: int = 10) -> int:
        """The longest bar's value (at least 1, so an empty chart still has a scale)."""
        return max([value for _label, value in self.chart(limit) if value is not None] + [1])


@dataclass(frozen=True)
class Scope:
    """Whose report this is: None means every area (county staff)."""

    areas: frozenset[str] | None

    def allows(self, area: str) -> bool:
        return self.areas is None or area in self.areas


def period(weeks: int | None = None, today: date | None = None) -> tuple[date, date]:
    """The report's whole weeks: Monday ``weeks`` weeks ago to last Sunday."""
    weeks = weeks or current_app.config["INSIGHTS_WEEKS"]
    today = today or local_now().date()
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=weeks), this_monday - timedelta(days=1)


def _names() -> dict[str, str]:
    names = {NOT_GIVEN: _("Not given"), NOT_RECOGNISED: _("Not recognised"), COUNTY_WIDE: _("Whole county")}
    names.update((slug, name) for slug, name in db.session.execute(select(Area.slug, Area.name)))
    names.update((slug, name) for slug, name in db.session.execute(select(Category.slug, Category.name)))
    return names


def _searches(scope: Scope, start: date, end: date, *conditions):
    query = (select(SearchCount.area, SearchCount.need, func.sum(SearchCount.count))
             .where(SearchCount.day >= start, SearchCount.day <= end, *conditions)
             .group_by(SearchCount.area, SearchCount.need))
    return [(area, need, int(n)) for area, need, n in db.session.execute(query) if scope.allows(area)]


def _by_area_and_need(key, title, rows, names, measure) -> Table:
    rows = sorted(rows, key=lambda r: (-r[2], names.get(r[0], r[0]), names.get(r[1], r[1])))
    raw = [([names.get(area, area), names.get(need, need)], [n]) for area, need, n in rows]
    return Table.build(key, title, [_("Area"), _("Need")], [measure], raw)


def _weekly(scope: Scope, start: date, end: date) -> Table:
    totals: dict[date, int] = defaultdict(int)
    query = (select(SearchCount.day, SearchCount.area, func.sum(SearchCount.count))
             .where(SearchCount.day >= start, SearchCount.day <= end)
             .group_by(SearchCount.day, SearchCount.area))
    for day, area, n in db.session.execute(query):
        if scope.allows(area):
            totals[day - timedelta(days=day.weekday())] += int(n)
    weeks = [start + timedelta(weeks=w) for w in range((end - start).days // 7 + 1)]
    raw = [([week.isoformat()], [totals.get(week, 0)]) for week in weeks] if totals else []
    return Table.build("weekly", _("Searches each week"), [_("Week starting")], [_("Searches")], raw)


def _commissioned(scope: Scope, start: date, end: date, names: dict[str, str]) -> Table:
    """Views and contacts of the services the PFCC's Violence and Vulnerability Unit funds."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    services = select(ServiceCount.service_id, ServiceCount.kind, func.sum(ServiceCount.count)).where(
        ServiceCount.day >= start, ServiceCount.day <= end).group_by(ServiceCount.service_id, ServiceCount.kind)
    totals = {(sid, kind): int(n) for sid, kind, n in db.session.execute(services)}
    funded = db.session.execute(
        select(Service.id, Service.county_wide, Area.slug)
        .outerjoin(service_area, service_area.c.service_id == Service.id)
        .outerjoin(Area, Area.id == service_area.c.area_id)
        .where(func.upper(Service.commissioned_by) == "VVU"))
    for service_id, county_wide, area in funded:
        area = COUNTY_WIDE if county_wide or area is None else area
        if scope.allows(area):
            counts[area][0] += totals.get((service_id, "view"), 0)
            counts[area][1] += totals.get((service_id, "contact"), 0)
    rows = sorted(counts.items(), key=lambda item: (-item[1][0], names.get(item[0], item[0])))
    raw = [([names.get(area, area)], values) for area, values in rows if any(values)]
    return Table.build("commissioned", _("Services funded by the Violence and Vulnerability Unit"),
                       [_("Area")], [_("Page views"), _("Contacts")], raw)


def build_report(scope: Scope, start: date, end: date) -> list[Table]:
    names = _names()
    top = _by_area_and_need("needs", _("What people look for, by area"), _searches(scope, start, end),
                            names, _("Searches"))
    unmet = _by_area_and_need("unmet", _("Needs with few or no services found, by area"),
                              _searches(scope, start, end, SearchCount.results.in_(("none", "few"))),
                              names, _("Searches with fewer than 5 results"))
    return [top, unmet, _weekly(scope, start, end), _commissioned(scope, start, end, names)]


def shown(value: int | None) -> str:
    return _("fewer than 5") if value is None else str(value)


def csv_rows(tables: list[Table]) -> list[list[str]]:
    """Every table of the report in one sheet, exactly as the page shows it."""
    rows = [["table", "labels", "measure", "value"]]
    for table in tables:
        for labels, values in table.rows:
            for measure, value in zip(table.measures, values, strict=True):
                rows.append([table.title, " / ".join(labels), measure, shown(value)])
    return rows
