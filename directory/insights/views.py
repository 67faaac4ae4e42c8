"""/insights: the demand and gaps report for district officers and county staff."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template
from flask_login import current_user

from directory.accounts.models import Role
from directory.accounts.permissions import Permission, requires
from directory.insights import report

bp = Blueprint("insights", __name__)


def _scope() -> report.Scope:
    """District officers see their own areas; county staff see every area."""
    if current_user.role is Role.DISTRICT_OFFICER:
        return report.Scope(frozenset(current_user.area_slugs))
    return report.Scope(None)


@bp.get("/insights")
@requires(Permission.INSIGHTS_VIEW)
def show():
    scope = _scope()
    start, end = report.period()
    return render_template("insights/report.html", tables=report.build_report(scope, start, end), start=start,
                           end=end, scope=scope, shown=report.shown)


@bp.get("/insights.csv")
@requires(Permission.INSIGHTS_VIEW)
def download():
    start, end = report.period()
    tables = report.build_report(_scope(), start, end)
    out = io.StringIO()
    csv.writer(out).writerows(report.csv_rows(tables))
    name = f"signpost-insights-{start.isoformat()}-to-{end.isoformat()}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
