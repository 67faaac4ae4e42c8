"""Public awareness pages, the Atom feed, uploaded files, and the staff editor."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from content import operations, translations
from content.forms import PageForm, TranslationForm, parse_calls_to_action, parse_events
from content.models import Audience, Page, PageKind, PageStatus, Upload
from content.search import page_url
from content.uploads import UploadError, path_for, store
from directory.accounts.permissions import Permission, public, requires
from directory.core import utcnow
from directory.extensions import db
from directory.formtools import choices
from directory.i18n.locales import describe_locale
from directory.links import language_prefix
from directory.listings import operations as listings
from directory.listings.params import SearchParams

bp = Blueprint("content", __name__)


def _local_to_utc(moment: datetime | None) -> datetime | None:
    """Times are typed in the site's time zone and stored in UTC."""
    if moment is None:
        return None
    local = moment.replace(tzinfo=ZoneInfo(current_app.config["TIMEZONE"]))
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def _utc_to_local(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return moment.replace(tzinfo=timezone.utc).astimezone(zone).replace(tzinfo=None)


# --- public -----------------------------------------------------------------------------


@bp.get("/areas/<slug>")
@public
def hub(slug: str):
    """An area's page: local awareness content (if published) and its services."""
    area = listings.get_area(slug) or abort(404)
    page = operations.hub_for(area)
    today = utcnow().date()
    events = [e for e in page.events if e.starts_on >= today] if page else []
    found = listings.search_directory(SearchParams(area=(area.slug,)))
    shown = translations.reading(page, language_prefix()) if page else None
    return render_template("content/hub.html", area=area, page=page, events=events, found=found,
                           shown=shown, revision=shown.revision if shown else None)


@bp.get("/advice")
@public
def guides():
    pages = operations.visible_pages(PageKind.GUIDE)
    groups = [(_("For young people"), [p for p in pages if p.audience is not Audience.PARENTS]),
              (_("For parents and carers"), [p for p in pages if p.audience is Audience.PARENTS])]
    return render_template("content/guides.html", groups=groups)


@bp.get("/advice/<slug>")
@public
def guide(slug: str):
    page = operations.visible(PageKind.GUIDE, slug)
    categories = [c for c in listings.all_categories() if c.slug in (page.categories or [])]
    shown = translations.reading(page, language_prefix())
    return render_template("content/guide.html", page=page, shown=shown, revision=shown.revision,
                           categories=categories)


@bp.get("/campaigns")
@public
def campaigns():
    current, past = operations.campaigns()
    return render_template("content/campaigns.html", current=current, past=past)


@bp.get("/campaigns/<slug>")
@public
def campaign(slug: str):
    page = operations.visible(PageKind.CAMPAIGN, slug)
    shown = translations.reading(page, language_prefix())
    return render_template("content/campaign.html", page=page, shown=shown, revision=shown.revision,
                           actions=parse_calls_to_action(shown.revision.calls_to_action))


@bp.get("/campaigns.atom")
@public
def feed():
    """Campaigns and news: every live campaign, guide and area page, newest change first."""
    pages = [p for kind in PageKind for p in operations.visible_pages(kind)]
    pages = sorted(pages, key=lambda p: p.updated_at, reverse=True)[:30]
    body = render_template("content/feed.atom", pages=pages, page_url=page_url,
                           updated=max((p.updated_at for p in pages), default=utcnow()))
    return Response(body, mimetype="application/atom+xml")


@bp.get("/files/<uuid:upload_id>")
@public
def file(upload_id):
    """Uploaded files: never executed, never sniffed, named for download (FILE-2)."""
    upload = db.session.get(Upload, str(upload_id)) or abort(404)
    audience = operations.file_audience(current_user, upload)
    if audience is None:
        abort(404)  # not used by a live page: the same as missing
    response = send_file(path_for(upload), mimetype=upload.content_type,
                         as_attachment=upload.content_type == "application/pdf",
                         download_name=upload.download_name, max_age=3600)
    if audience != "public":
        response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if "Content-Disposition" not in response.headers:
        response.headers["Content-Disposition"] = f'inline; filename="{upload.download_name}"'
    return response


# --- staff --------------------------------------------------------------------------------


@bp.get("/content")
@requires(Permission.AREA_CONTENT_EDIT)
def dashboard():
    pages = operations.editable_pages(current_user)
    with_hub = {p.area_id for p in db.session.scalars(db.select(Page).where(Page.kind == PageKind.HUB))}
    areas_without_hub = [a for a in listings.all_areas()
                         if a.id not in with_hub and operations.may_write_hub(current_user, a)]
    return render_template("content/dashboard.html", pages=pages, areas_without_hub=areas_without_hub)


def _form(page: Page | None) -> PageForm:
    form = PageForm()
    form.categories.choices = choices((c.slug, c.name) for c in listings.all_categories())
    if request.method == "GET" and page is not None and page.current is not None:
        revision = page.current
        for name in ("title", "summary", "body", "contacts", "key_messages", "calls_to_action", "hero_alt"):
            getattr(form, name).data = getattr(revision, name)
        form.status.data = page.status.value
        form.publish_at.data = _utc_to_local(page.publish_at)
        form.unpublish_at.data = _utc_to_local(page.unpublish_at)
        form.audience.data = page.audience.value if page.audience else None
        form.categories.data = page.categories
        form.starts_on.data, form.ends_on.data, form.featured.data = page.starts_on, page.ends_on, page.featured
        form.events.data = "\n".join(f"{e.starts_on.isoformat()} | {e.title} | {e.place}" for e in page.events)
    return form


def _draft(form: PageForm, kind: PageKind) -> operations.Draft:
    return operations.Draft(
        title=form.title.data.strip(), summary=(form.summary.data or "").strip(), body=form.body.data or "",
        contacts=form.contacts.data or "", key_messages=form.key_messages.data or "",
        calls_to_action=form.calls_to_action.data or "", hero_alt=(form.hero_alt.data or "").strip(),
        status=PageStatus(form.status.data), publish_at=_local_to_utc(form.publish_at.data),
        unpublish_at=_local_to_utc(form.unpublish_at.data),
        audience=Audience(form.audience.data) if kind is PageKind.GUIDE and form.audience.data else None,
        categories=list(form.categories.data or []), starts_on=form.starts_on.data,
        ends_on=form.ends_on.data, featured=bool(form.featured.data) and kind is PageKind.CAMPAIGN,
        events=parse_events(form.events.data) if kind is PageKind.HUB else [],
    )


def _save_files(form: PageForm, page: Page) -> str | None:
    """Store any uploaded hero image or resource; returns a problem to show, or None."""
    try:
        if form.hero_image.data and form.hero_image.data.filename:
            operations.set_hero(current_user, page, store(current_user, form.hero_image.data, allow_pdf=False))
        if form.resource.data and form.resource.data.filename:
            upload = store(current_user, form.resource.data)
            operations.add_resource(current_user, page, upload, form.resource_title.data or upload.download_name)
    except UploadError as error:
        return error.message
    return None


def _editor(page: Page | None, kind: PageKind, area=None):
    form = _form(page)
    problem = None
    has_hero = bool(page and page.hero_image_id) or bool(form.hero_image.data and form.hero_image.data.filename)
    if form.validate_on_submit():
        if has_hero and not (form.hero_alt.data or "").strip():
            form.hero_alt.errors = [_("Describe the image, so everyone knows what it shows.")]
        elif page is None and kind is not PageKind.HUB and not form.slug.data:
            form.slug.errors = [_("Choose a web address name.")]
        elif request.form.get("action") == "preview":
            draft = _draft(form, kind)
            return render_template("content/preview.html", form=form, page=page, kind=kind, area=area,
                                   draft=draft, actions=parse_calls_to_action(draft.calls_to_action))
        else:
            draft = _draft(form, kind)
            try:
                if page is None:
                    page = operations.new_page(current_user, kind, form.slug.data or area.slug, draft, area)
                else:
                    operations.save(current_user, page, draft)
            except ValueError:
                form.slug.errors = [_("That web address name is already used.")]
            else:
                problem = _save_files(form, page)
                if problem is None:
                    flash(_("Saved."), "success")
                    return redirect(url_for(".edit", page_id=page.id))
    return render_template("content/editor.html", form=form, page=page, kind=kind, area=area,
                           problem=problem), 400 if (form.errors or problem) else 200


@bp.route("/content/new/<kind>", methods=["GET", "POST"])
@requires(Permission.AREA_CONTENT_EDIT)
def new(kind: str):
    try:
        page_kind = PageKind(kind)
    except ValueError:
        abort(404)
    area = None
    if page_kind is PageKind.HUB:
        area = listings.get_area(request.args.get("area", "")) or abort(404)
    return _editor(None, page_kind, area)


@bp.route("/content/<page_id>/edit", methods=["GET", "POST"])
@requires(Permission.AREA_CONTENT_EDIT)
def edit(page_id: str):
    page = operations.get_for_edit(current_user, page_id)
    return _editor(page, page.kind, page.area)


@bp.get("/content/<page_id>/history")
@requires(Permission.AREA_CONTENT_EDIT)
def history(page_id: str):
    page = operations.get_for_edit(current_user, page_id)
    return render_template("content/history.html", page=page)


@bp.post("/content/<page_id>/restore/<revision_id>")
@requires(Permission.AREA_CONTENT_EDIT)
def restore(page_id: str, revision_id: str):
    page = operations.get_for_edit(current_user, page_id)
    operations.restore(current_user, page, revision_id)
    flash(_("The earlier version is back, saved as a new version."), "success")
    return redirect(url_for(".history", page_id=page.id))


# --- translations -------------------------------------------------------------------------


@bp.route("/content/<page_id>/translations/<locale>", methods=["GET", "POST"])
@requires(Permission.AREA_CONTENT_EDIT)
def translate(page_id: str, locale: str):
    """Write or update the page in one of the site's other languages."""
    page = operations.get_for_edit(current_user, page_id)
    if locale not in current_app.config["LOCALES"] or page.current is None:
        abort(404)
    translation = page.translation(locale)
    form = TranslationForm()
    if request.method == "GET":
        source = translation.current if translation else page.current
        for name in operations.REVISION_FIELDS:
            getattr(form, name).data = getattr(source, name)
    if form.validate_on_submit():
        translations.save_translation(current_user, page, locale, {
            name: (getattr(form, name).data or "").strip() if name in ("title", "summary", "hero_alt")
            else getattr(form, name).data or "" for name in operations.REVISION_FIELDS})
        flash(_("Saved."), "success")
        return redirect(url_for(".translate", page_id=page.id, locale=locale))
    return render_template("content/translation.html", page=page, locale=locale, form=form,
                           translation=translation, language=describe_locale(locale)), \
        400 if form.errors else 200
