"""Suggesting listings, moderating them, reporting problems and the officer dashboard."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from directory import audit
from directory.accounts.models import User
from directory.accounts.permissions import Permission, can, public, requires, signed_in
from directory.counties.pack import current_pack
from directory.extensions import db, limiter
from directory.formtools import choices
from directory.listings import languages as offered_languages
from directory.listings import operations as listings
from directory.listings.editing import KEPT_PRIVATE, data_for, diff, hides_location
from directory.listings.models import Service
from directory.moderation import operations
from directory.moderation.forms import DecisionForm, ListingForm, ReportForm
from directory.moderation.models import EDITABLE, Submission

bp = Blueprint("moderation", __name__)

report_limit = limiter.shared_limit(lambda: current_app.config["FORM_RATE_LIMIT"], scope="report",
                                    methods=["POST"])


def _listing_form(data: dict | None = None) -> ListingForm:
    form = ListingForm()
    form.categories.choices = choices((c.slug, c.name) for c in listings.all_categories())
    form.areas.choices = choices((a.slug, a.name) for a in listings.all_areas())
    form.languages.choices = offered_languages.choices(current_pack().community_languages)
    if data is not None and request.method == "GET":
        form.fill(data)
    return form


def _submission_data(form: ListingForm, target: Service | None) -> dict:
    """The form as submission data; an address left empty over a private one keeps it."""
    data = form.to_data()
    if data["location"] is None and hides_location(current_user, target):
        data["location"] = dict(KEPT_PRIVATE)
    return data


def _save(form: ListingForm, submission: Submission | None, target: Service | None):
    """Save as draft, or save and send to the moderators, from one form."""
    data = _submission_data(form, target)
    if submission is None:
        submission = operations.start_submission(current_user, data, target)
    else:
        operations.update_submission(current_user, submission, data)
    if request.form.get("action") == "submit":
        operations.submit(current_user, submission)
        flash(_("Thank you. Your suggestion has been sent to a moderator."), "success")
    else:
        flash(_("Your draft has been saved."), "success")
    return redirect(url_for(".my_submissions"))


@bp.route("/suggest/new", methods=["GET", "POST"])
@requires(Permission.SUBMISSION_CREATE)
def new_listing():
    form = _listing_form()
    if form.validate_on_submit():
        return _save(form, None, None)
    return render_template("moderation/listing_form.html", form=form, target=None), \
        400 if form.errors else 200


@bp.route("/services/<uuid:service_id>/suggest", methods=["GET", "POST"])
@requires(Permission.SUBMISSION_CREATE)
def suggest_update(service_id):
    target = listings.get_public_service(str(service_id)) or abort(404)
    form = _listing_form(data_for(current_user, target))
    if form.validate_on_submit():
        return _save(form, None, target)
    return render_template("moderation/listing_form.html", form=form, target=target,
                           location_hidden=hides_location(current_user, target)), \
        400 if form.errors else 200


@bp.route("/suggestions/<submission_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_submission(submission_id: str):
    submission = operations.get_own(current_user, submission_id)
    if submission.state not in EDITABLE:
        flash(_("This suggestion is with a moderator, so it cannot be changed now."), "error")
        return redirect(url_for(".my_submissions"))
    form = _listing_form(submission.data)
    if form.validate_on_submit():
        return _save(form, submission, submission.target)
    return render_template("moderation/listing_form.html", form=form, target=submission.target,
                           submission=submission,
                           location_hidden=hides_location(current_user, submission.target)), \
        400 if form.errors else 200


@bp.post("/suggestions/<submission_id>/withdraw")
@signed_in
def withdraw(submission_id: str):
    try:
        operations.withdraw(current_user, operations.get_own(current_user, submission_id))
    except operations.ModerationError as error:
        flash(error.message, "error")
    return redirect(url_for(".my_submissions"))


@bp.get("/suggestions")
@signed_in
def my_submissions():
    return render_template("moderation/my_submissions.html",
                           submissions=operations.my_submissions(current_user))


@bp.get("/moderation")
@requires(Permission.QUEUE_VIEW)
def queue():
    area = request.args.get("area") or None
    category = request.args.get("category") or None
    older = request.args.get("older_than", type=int)
    return render_template(
        "moderation/queue.html",
        submissions=operations.queue(current_user, area, category, older),
        areas=listings.all_areas(), categories=listings.all_categories(),
        chosen={"area": area, "category": category, "older_than": older},
    )


@bp.route("/moderation/<submission_id>", methods=["GET", "POST"])
@requires(Permission.QUEUE_VIEW)
def review(submission_id: str):
    submission = operations.get_for_review(current_user, submission_id)
    form = DecisionForm()
    error = None
    if form.validate_on_submit():
        try:
            operations.decide(current_user, submission, request.form.get("decision", ""),
                              request.form.get("lock_version", type=int) or 0, form.reason.data or "")
        except operations.ModerationError as exc:
            error = exc.message
        else:
            flash(_("Decision saved. The person has been told."), "success")
            return redirect(url_for(".queue"))
    live = submission.target
    conflict = (live is not None and submission.state.value == "pending"
                and live.version != submission.base_version)
    return render_template(
        "moderation/review.html", submission=submission, form=form, error=error,
        changes=diff(data_for(current_user, live) if live else None, submission.data),
        conflict=conflict, may_decide=can(current_user, Permission.SUBMISSION_DECIDE, submission),
    ), 409 if error else 200


@bp.get("/services/<uuid:service_id>/history")
@requires(Permission.LISTING_HISTORY)
def history(service_id):
    """Officers see their own areas' listings; moderators and admins all (LOG-3)."""
    service = db.session.get(Service, str(service_id))
    if service is None or not can(current_user, Permission.LISTING_HISTORY, service):
        abort(404)  # another area's listing: the same as a missing one (AC-3)
    events = audit.history("service", service.id)
    actor_ids = {e.actor_id for e in events if e.actor_id}
    people = {u.id: u.display_name for u in db.session.scalars(
        db.select(User).where(User.id.in_(actor_ids)))}
    return render_template("moderation/history.html", service=service, events=events, people=people)


@bp.get("/suggestions/<submission_id>/history")
@signed_in
def submission_history(submission_id: str):
    """A volunteer's own suggestion, step by step; staff who decided are not named."""
    submission = operations.get_own(current_user, submission_id)
    return render_template("moderation/submission_history.html", submission=submission,
                           events=audit.history("submission", submission.id))


@bp.post("/services/<uuid:service_id>/still-correct")
@requires(Permission.LISTING_CONFIRM)
def still_correct(service_id):
    service = db.session.get(Service, str(service_id)) or abort(404)
    listings.confirm_still_correct(current_user, service)
    flash(_("Thank you. The listing is marked as checked today."), "success")
    return redirect(request.referrer if _same_site(request.referrer) else url_for(".dashboard"))


def _same_site(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)


@bp.route("/services/<uuid:service_id>/report", methods=["GET", "POST"])
@public
@report_limit
def report(service_id):
    service = listings.get_public_service(str(service_id)) or abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        if not form.website.data:  # a person never sees the honeypot field
            operations.report_problem(service, form.message.data, form.contact.data or "")
        return render_template("moderation/report_thanks.html", service=service)
    return render_template("moderation/report.html", form=form, service=service), \
        400 if form.errors else 200


@bp.get("/dashboard")
@requires(Permission.DASHBOARD_VIEW)
def dashboard():
    return render_template(
        "moderation/dashboard.html",
        due=operations.listings_due(current_user),
        pending=operations.queue(current_user),
        reports=operations.open_reports(current_user),
    )
