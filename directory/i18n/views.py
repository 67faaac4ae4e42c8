"""The languages page (choose a language, report a wording problem) and the list of
wording reports for the staff who look after the translations."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import get_locale
from sqlalchemy import select

from directory import audit
from directory.accounts.permissions import Permission, public, requires
from directory.extensions import db, limiter
from directory.i18n.forms import WordingForm
from directory.i18n.locales import safe_next
from directory.i18n.models import WordingReport

bp = Blueprint("languages", __name__)

wording_limit = limiter.shared_limit(lambda: current_app.config["FORM_RATE_LIMIT"], scope="report",
                                     methods=["POST"])


def report_wording(locale: str, page: str, message: str) -> WordingReport:
    report = WordingReport(locale=locale[:16], page=safe_next(page)[:500], message=message.strip()[:2000])
    db.session.add(report)
    db.session.flush()
    audit.record(None, "wording.reported", "wording_report", report.id)
    db.session.commit()
    return report


@bp.route("/languages", methods=["GET", "POST"])
@public
@wording_limit
def languages():
    back = safe_next(request.values.get("next"))
    form = WordingForm(page=back)
    sent = False
    if form.validate_on_submit():
        if not form.website.data:  # a person never sees the honeypot field
            report_wording(str(get_locale()), form.page.data or "", form.message.data)
        sent = True
        form = WordingForm(formdata=None, page=back)
    status = 400 if form.errors else 200
    return render_template("pages/languages.html", form=form, back=back, sent=sent), status


@bp.get("/languages/reports")
@requires(Permission.WORDING_REPORTS_VIEW)
def wording_reports():
    reports = db.session.scalars(select(WordingReport).order_by(WordingReport.created_at.desc()).limit(200))
    return render_template("pages/wording_reports.html", reports=list(reports))
