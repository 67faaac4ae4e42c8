"""Sign-up, sign-in (with a second factor for staff), passwords and invitations."""
from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from directory.accounts import forms, operations, sessions
from directory.accounts.models import Role, User
from directory.accounts.operations import AccountError
from directory.accounts.permissions import Permission, public, requires, signed_in
from directory.extensions import db, limiter
from directory.formtools import choices
from directory.geo.models import Area

bp = Blueprint("accounts", __name__, url_prefix="/account")
admin_bp = Blueprint("admin", __name__, url_prefix="/admin")

PENDING = "_pending_second_factor"
PENDING_SECONDS = 300

login_limit = limiter.shared_limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], scope="login",
                                   methods=["POST"])
form_limit = limiter.shared_limit(lambda: current_app.config["FORM_RATE_LIMIT"], scope="account-forms",
                                  methods=["POST"])


def safe_next(target: str | None) -> str:
    """Only a path on this site (CSRF-3): never //host, a scheme or a backslash trick,
    and nothing with a control character (a CR/LF would split the Location header)."""
    default = url_for("accounts.home")
    if (not target or not target.startswith("/") or target.startswith("//") or "\\" in target
            or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target)):
        return default
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else default


def _fail(form, error: AccountError) -> None:
    field = getattr(form, error.field, None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")


@bp.route("/register", methods=["GET", "POST"])
@public
@form_limit
def register():
    form = forms.RegisterForm()
    if form.validate_on_submit():
        try:
            operations.register(form.email.data, form.display_name.data, form.password.data)
        except AccountError as error:
            _fail(form, error)
        else:
            return render_template("accounts/check_email.html")
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@public
def confirm_email(token: str):
    """GET shows a button; only the POST changes anything (no state change on GET)."""
    if request.method == "POST":  # CSRFProtect has checked the token
        if operations.confirm_email(token):
            flash(_("Thank you. Your e-mail address is confirmed. You can now sign in."), "success")
            return redirect(url_for(".login"))
        return render_template("accounts/link_expired.html"), 400
    return render_template("accounts/confirm.html")


@bp.route("/login", methods=["GET", "POST"])
@public
@login_limit
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = forms.LoginForm()
    if form.validate_on_submit():
        try:
            result = operations.check_password(form.email.data, form.password.data)
        except AccountError as error:
            _fail(form, error)
        else:
            user = result.user
            if not result.needs_second_factor:
                sessions.start(user)
                operations.signed_in(user)
                return redirect(safe_next(request.args.get("next")))
            session.clear()
            session[PENDING] = [user.id, user.session_version, int(time.time()),
                                safe_next(request.args.get("next")), user.failed_logins]
            return redirect(url_for(".second_factor"))
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


def _pending_user() -> tuple[User, str, int] | None:
    """(user, where to go next, wrong tries counted when the password was right)."""
    pending = session.get(PENDING)
    if not pending or len(pending) != 5 or time.time() - pending[2] > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending[0])
    if (user is None or user.session_version != pending[1] or not user.is_enabled
            or operations.is_locked(user)):
        return None
    return user, pending[3], pending[4]


def _restart_sign_in():
    session.pop(PENDING, None)
    flash(_("Please sign in again. After too many wrong codes you need to enter your "
            "password again, and the account may be locked for a while."), "error")
    return redirect(url_for(".login"))


@bp.route("/login/code", methods=["GET", "POST"])
@public
@login_limit
def second_factor():
    """Staff sign in with a TOTP code; the first time, they set up their app here."""
    pending = _pending_user()
    if pending is None:
        session.pop(PENDING, None)
        return redirect(url_for(".login"))
    user, target, failures_at_start = pending
    setting_up = not user.last_totp_step
    secret = operations.begin_totp_setup(user)
    form = forms.SecondFactorForm()
    if form.validate_on_submit():
        if operations.verify_second_factor(user, form.code.data):
            sessions.start(user)
            operations.signed_in(user)
            return redirect(target)
        if operations.wrong_second_factor(user, failures_at_start):
            return _restart_sign_in()
        form.code.errors = [_("That code is not right. Check your app and try the newest code.")]
    return render_template(
        "accounts/second_factor.html", form=form, setting_up=setting_up, secret=secret,
        uri=operations.totp_uri(user) if setting_up else None,
    ), 400 if form.errors else 200


@bp.post("/logout")
@public
def logout():
    """POST only (CSRF-protected). Ends this and every copy of the session (SESS-3)."""
    if current_user.is_authenticated:
        user = db.session.get(User, current_user.id)
        user.session_version += 1
        db.session.commit()
    sessions.end()
    response = redirect(url_for("listings.home"))
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.get("")
@signed_in
def home():
    return render_template("accounts/home.html")


@bp.route("/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = forms.ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = current_user._get_current_object()
            operations.change_password(user, form.current_password.data, form.password.data)
        except AccountError as error:
            _fail(form, error)
        else:
            sessions.start(user)  # keep this session, with the new version
            flash(_("Your password has been changed."), "success")
            return redirect(url_for(".home"))
    return render_template("accounts/change_password.html", form=form), 400 if form.errors else 200


@bp.route("/forgot", methods=["GET", "POST"])
@public
@form_limit
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        operations.request_password_reset(form.email.data)
        return render_template("accounts/check_email.html", reset=True)
    return render_template("accounts/forgot.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
@form_limit
def reset_password(token: str):
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            operations.reset_password(token, form.password.data)
        except AccountError as error:
            if error.field == "token":
                return render_template("accounts/link_expired.html"), 400
            _fail(form, error)
        else:
            sessions.end()
            flash(_("Your password has been changed. You can now sign in."), "success")
            return redirect(url_for(".login"))
    return render_template("accounts/reset.html", form=form), 400 if form.errors else 200


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
@form_limit
def accept_invitation(token: str):
    invitation = operations.find_invitation(token)
    if invitation is None:
        return render_template("accounts/link_expired.html"), 400
    form = forms.AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            operations.accept_invitation(token, form.display_name.data, form.password.data)
        except AccountError as error:
            _fail(form, error)
        else:
            flash(_("Your account is ready. Sign in to set up your second step."), "success")
            return redirect(url_for(".login"))
    return render_template("accounts/invitation.html", form=form, invitation=invitation), \
        400 if form.errors else 200


# --- admin ----------------------------------------------------------------------------


@admin_bp.get("/users")
@requires(Permission.USERS_MANAGE)
def users():
    people = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    return render_template("admin/users.html", people=people)


@admin_bp.route("/users/invite", methods=["GET", "POST"])
@requires(Permission.USERS_MANAGE)
def invite():
    form = forms.InviteForm()
    areas = db.session.scalars(select(Area).order_by(Area.name)).all()
    form.areas.choices = choices((a.slug, a.name) for a in areas)
    if form.validate_on_submit():
        chosen = [a for a in areas if a.slug in (form.areas.data or [])]
        try:
            operations.invite(current_user, form.email.data, Role(form.role.data), chosen)
        except AccountError as error:
            _fail(form, error)
        else:
            flash(_("Invitation sent."), "success")
            return redirect(url_for(".users"))
    return render_template("admin/invite.html", form=form), 400 if form.errors else 200


@admin_bp.post("/users/<user_id>/disable")
@requires(Permission.USERS_MANAGE)
def disable(user_id: str):
    user = db.session.get(User, user_id) or abort(404)
    operations.set_enabled(current_user, user, False)
    flash(_("Account disabled. Its sessions have ended."), "success")
    return redirect(url_for(".users"))
