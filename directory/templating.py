"""Jinja helpers shared by every template."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request, url_for
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from jinja2 import pass_context
from markupsafe import Markup

from directory.accounts.permissions import Permission, can
from directory.counties.languages import in_reader_language
from directory.counties.pack import load_pack
from directory.links import public_base, public_url
from directory.listings import languages as offered_languages
from directory.listings import mapping
from directory.listings.editing import is_kept_private
from directory.listings.freshness import is_overdue, review_due
from directory.listings.models import MODE_LABELS, public_location
from directory.listings.opening_times import clock, opening_status, weekday_name


def miles(value: float | None) -> str:
    """A distance in the page's language, with the locale's decimal mark."""
    if value is None:
        return ""
    if value < 0.1:
        return _("less than %(dist)s miles", dist=format_decimal(0.1, "0.0"))
    rounded = round(value, 1)
    if rounded == 1.0:
        return _("1 mile")
    # TRANSLATORS: a distance with one decimal place, like 2.5 or 10.0.
    return _("%(dist)s miles", dist=format_decimal(rounded, "0.0"))


def ages(minimum: int | None, maximum: int | None) -> str:
    if minimum is None and maximum is None:
        return _("Any age")
    if minimum is None:
        return _("Up to %(max)s", max=maximum)
    if maximum is None:
        return _("%(min)s and over", min=minimum)
    return _("%(min)s to %(max)s", min=minimum, max=maximum)


def mode_label(mode: str) -> str:
    return str(MODE_LABELS.get(mode, mode))


def ltr(value) -> Markup:
    """A phone number, postcode or code kept left to right inside right-to-left text."""
    return Markup('<bdi dir="ltr">%s</bdi>') % value


def long_date(value: date | datetime | None) -> str:
    return format_date(value, "d MMMM yyyy") if value else ""


def page_url(**changes) -> str:
    """The current page's address with some query arguments changed."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value in (None, "", []):
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def state_label(state) -> str:
    labels = {
        "draft": _("Draft"),
        "pending": _("Waiting for a moderator"),
        "changes_requested": _("Changes asked for"),
        "approved": _("Approved"),
        "rejected": _("Not approved"),
        "withdrawn": _("Withdrawn"),
    }
    return labels.get(getattr(state, "value", state), str(state))


def show_value(value) -> str:
    """A submitted value as text for the moderation diff (escaped by Jinja)."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "; ".join(show_value(v) for v in value)
    if is_kept_private(value):
        return _("The private address (not shown), kept as it is")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {show_value(v)}" for k, v in value.items() if v not in (None, "", []))
    return str(value)


def changed_fields(event) -> list[str]:
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


@pass_context
def page_has_errors(context) -> bool:
    """Does this page answer a failed submit? Its title then starts "Error:" (GOV.UK).

    Any form in the page with errors counts, and the ``error`` or ``problem`` message
    a view passes beside one."""
    if context.get("error") or context.get("problem"):
        return True
    return any(isinstance(value, FlaskForm) and value.errors for value in context.values())


def html_lang() -> str:
    """The BCP 47 tag for <html lang>: en_GB -> en-GB."""
    return str(get_locale() or "en").replace("_", "-")


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        clock=clock, miles=miles, long_date=long_date, ltr=ltr, language_name=offered_languages.name, category_name=in_reader_language,
        category_description=lambda c: in_reader_language(c, "description"), mode_label=mode_label, public_location=public_location
    )
    app.jinja_env.globals.update(
        ages=ages, weekday_name=weekday_name, page_url=page_url, html_lang=html_lang,
        state_label=state_label, show_value=show_value, changed_fields=changed_fields,
        can=can, Permission=Permission, review_due=review_due, is_overdue=is_overdue, opening_status=opening_status,
        public_url=public_url, public_base=public_base, page_has_errors=page_has_errors,
        results_map=mapping.results_map, service_map=mapping.service_map,
    )

    # A global, not a context variable, so imported macros see it too.
    pack = load_pack(app.config["COUNTY"])
    app.jinja_env.globals["county"] = pack
    discreet = frozenset(pack.discreet_categories)
    app.jinja_env.globals["is_discreet"] = lambda service: any(c.slug in discreet for c in service.categories)

    @app.context_processor
    def site_context():
        return {
            "site_name": app.config["SITE_NAME"],
            "county_name": app.config["COUNTY_NAME"],
        }
