"""The one place that answers "may this user do this to that?".

A Permission names an action; ROLE_PERMISSIONS is the roles table of DESIGN.md;
object rules scope district officers to their areas and stop anyone deciding their
own submission. Views declare their rule with ``public``, ``signed_in`` or
``requires``; a view without a declaration is refused (deny by default, AC-1).
Operations call ``require`` again with the object, so every path obeys the same rules.
"""
from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from flask import Flask, request
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from directory.accounts.models import Role

log = logging.getLogger(__name__)


class Permission(str, enum.Enum):
    SUBMISSION_CREATE = "listing:submission:create"
    SUBMISSION_DECIDE = "listing:submission:decide"
    QUEUE_VIEW = "listing:submission:queue"
    LISTING_HISTORY = "listing:history:view"
    # A confidential location's name, street and full postcode (a refuge's door).
    LOCATION_DETAILS_VIEW = "listing:location:details"
    LISTING_CONFIRM = "listing:review:confirm"
    REPORTS_VIEW = "listing:report:view"
    DASHBOARD_VIEW = "area:dashboard:view"
    AREA_CONTENT_EDIT = "content:area:edit"
    CAMPAIGN_EDIT = "content:campaign:edit"
    USERS_MANAGE = "admin:users:manage"
    AUDIT_VIEW = "admin:audit:view"
    # The demand and gaps report: district officers for their own areas (issue 12).
    INSIGHTS_VIEW = "insights:report:view"
    # What readers say about a translation's wording (issue 11).
    WORDING_REPORTS_VIEW = "content:wording:view"


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CONTRIBUTOR: frozenset({P.SUBMISSION_CREATE}),
    Role.DISTRICT_OFFICER: frozenset({
        P.SUBMISSION_CREATE, P.SUBMISSION_DECIDE, P.QUEUE_VIEW, P.LISTING_HISTORY,
        P.LOCATION_DETAILS_VIEW, P.LISTING_CONFIRM, P.REPORTS_VIEW, P.DASHBOARD_VIEW,
        P.AREA_CONTENT_EDIT, P.INSIGHTS_VIEW,
    }),
    Role.COMMS: frozenset({
        P.SUBMISSION_CREATE, P.AREA_CONTENT_EDIT, P.CAMPAIGN_EDIT, P.INSIGHTS_VIEW,
        P.WORDING_REPORTS_VIEW,
    }),
    Role.MODERATOR: frozenset({
        P.SUBMISSION_CREATE, P.SUBMISSION_DECIDE, P.QUEUE_VIEW, P.LISTING_HISTORY,
        P.LOCATION_DETAILS_VIEW, P.LISTING_CONFIRM, P.REPORTS_VIEW, P.DASHBOARD_VIEW, P.INSIGHTS_VIEW,
    }),
    Role.ADMIN: frozenset(Permission),
}

# Permissions a district officer holds only for objects in (one of) their areas.
AREA_SCOPED = frozenset({
    P.SUBMISSION_DECIDE, P.LISTING_CONFIRM, P.REPORTS_VIEW, P.AREA_CONTENT_EDIT,
    P.LISTING_HISTORY, P.LOCATION_DETAILS_VIEW,
})
# ... and these only when every area the object covers is one of theirs: a listing
# for two areas goes live with an officer of both, or a moderator, so one
# district never publishes into another's without its say.
ALL_AREAS_SCOPED = frozenset({P.SUBMISSION_DECIDE})


class PermissionDenied(Forbidden):
    pass


def _object_areas(obj) -> set[str] | None:
    """Area slugs an object belongs to; None means county-wide (no officer scope)."""
    return obj.permission_areas()


def _allowed(user, permission: Permission, obj) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if permission not in ROLE_PERMISSIONS.get(user.role, frozenset()):
        return False
    if obj is None:
        return True
    if permission is P.SUBMISSION_DECIDE and getattr(obj, "author_id", None) == user.id:
        return False  # segregation of duties: nobody decides their own (AC-5)
    if user.role is Role.DISTRICT_OFFICER and permission in AREA_SCOPED:
        areas = _object_areas(obj)
        if not areas:  # county-wide (None), or no area at all: moderators only
            return False
        if permission in ALL_AREAS_SCOPED:
            return areas <= user.area_slugs
        return bool(areas & user.area_slugs)
    return True


def can(user, permission: Permission, obj=None) -> bool:
    """True if ``user`` may do ``permission`` (to ``obj``). Fails closed (AC-8)."""
    try:
        return _allowed(user, permission, obj)
    except Exception:  # a broken rule must deny, never allow
        log.exception("permission check failed; denying")
        return False


def require(user, permission: Permission, obj=None) -> None:
    """Raise PermissionDenied (403) unless ``can``."""
    if not can(user, permission, obj):
        log.info("access denied", extra={"permission": permission.value, "path": _path()})
        raise PermissionDenied()


def _path() -> str:
    try:
        return request.path
    except RuntimeError:
        return ""


# --- declarations on views ---------------------------------------------------

PUBLIC = "public"
SIGNED_IN = "signed_in"


def _declare(rule) -> Callable:
    def decorate(view: Callable) -> Callable:
        view.access_rule = rule
        return view

    return decorate


public = _declare(PUBLIC)
signed_in = _declare(SIGNED_IN)


def requires(permission: Permission) -> Callable:
    return _declare(permission)


def access_rule(app: Flask, endpoint: str):
    view = app.view_functions.get(endpoint)
    if endpoint == "static":
        return PUBLIC
    return getattr(view, "access_rule", None)


def init_app(app: Flask) -> None:
    """Enforce each view's declaration before it runs; undeclared views are refused."""
    from directory.accounts.sessions import login_required_response

    @app.before_request
    def enforce_access():
        if request.endpoint is None:  # 404 / 405: nothing to protect
            return None
        rule = access_rule(app, request.endpoint)
        if rule == PUBLIC:
            return None
        if rule is None:
            log.error("no access rule for %s; refusing", request.endpoint)
            raise PermissionDenied()
        if not current_user.is_authenticated:
            return login_required_response()
        if rule == SIGNED_IN:
            return None
        require(current_user, rule)
        return None

