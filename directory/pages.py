"""Fixed public pages: help now, about the data, and the quick exit."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, session

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
    """For load balancers (and the benchmark's baseline): no database, no template."""
    return {"status": "ok"}
