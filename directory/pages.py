"""Fixed public pages: help now, about the data, privacy, and the quick exit."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import Blueprint, Response, current_app, redirect, render_template, session, url_for

from directory.accounts.permissions import public

bp = Blueprint("pages", __name__)


@bp.get("/help-now")
@public
def help_now():
    return render_template("pages/help_now.html")


@bp.get("/about/data")
@public
def data_sources():
    return render_template("pages/data.html")


@bp.get("/privacy")
@public
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/cookies")
@public
def cookies():
    return render_template("pages/cookies.html")


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/cover-your-tracks")
@public
def cover_your_tracks():
    return render_template("pages/cover_your_tracks.html")


@bp.get("/staying-safe-online")
@public
def staying_safe():
    """The page's old address, from before it covered phone browsers."""
    return redirect(url_for(".cover_your_tracks"), 301)


@bp.get("/.well-known/security.txt")
@public
def security_txt():
    """RFC 9116: where to report a vulnerability; Expires moves forward on its own."""
    expires = (datetime.now(timezone.utc) + timedelta(days=180)).strftime("%Y-%m-%dT00:00:00Z")
    body = (f"Contact: {current_app.config['SECURITY_CONTACT']}\n"
            f"Expires: {expires}\nPreferred-Languages: en\n")
    return Response(body, mimetype="text/plain")


@bp.get("/exit")
@public
def exit_site():
    """Leave quickly: forget anything in the session, then go somewhere neutral."""
    session.clear()
    response = redirect(current_app.config["EXIT_URL"], 302)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.get("/healthz")
@public
def health():
    """Liveness, for load balancers (and the benchmark's baseline): no database, no template."""
    return {"status": "ok"}


@bp.get("/healthz/ready")
@public
def ready():
    """Readiness: 503 while the database or this node's search index cannot be used."""
    from directory.health import readiness

    checks = readiness()
    ok = all(checks.values())
    body = {"status": "ready" if ok else "not ready",
            "checks": {name: "ok" if passed else "failing" for name, passed in checks.items()}}
    return body, 200 if ok else 503, {"Cache-Control": "no-store"}
