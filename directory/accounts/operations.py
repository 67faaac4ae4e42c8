"""What people do with accounts: register, confirm, sign in, reset, invite.

Messages never say whether an e-mail address has an account (AUTH-8).
"""
from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from directory import audit
from directory.accounts import passwords
from directory.accounts.models import (
    TOKEN_LIFETIMES,
    Invitation,
    Role,
    TokenPurpose,
    User,
    UserToken,
    hash_token,
    new_token,
)
from directory.accounts.permissions import Permission, require
from directory.core import utcnow
from directory.extensions import db
from directory.geo.models import Area
from directory.links import in_language, language_prefix, public_url
from directory.mail import send_mail

log = logging.getLogger("signpost.auth")
INVITATION_LIFETIME = timedelta(days=7)
TOTP_ISSUER = "Signpost"


class AccountError(ValueError):
    """A problem to show the person, attached to a form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _context_words(email: str, display_name: str) -> set[str]:
    areas = db.session.scalars(select(Area.name)).all()
    site = current_app.config["SITE_NAME"]
    words = {"signpost", "youth", current_app.config["COUNTY_NAME"], *site.split()}
    words |= {part for name in areas for part in name.replace("-", " ").split()}
    words |= set(email.split("@")[0].replace(".", " ").split()) | set(display_name.split())
    return words


def check_new_password(password: str, email: str, display_name: str) -> None:
    problems = passwords.password_problems(password, _context_words(email, display_name))
    if problems:
        raise AccountError("password", problems[0])


def _issue_token(user: User, purpose: TokenPurpose) -> str:
    token = new_token()
    db.session.add(
        UserToken(
            user=user,
            purpose=purpose.value,
            token_hash=hash_token(token),
            expires_at=utcnow() + TOKEN_LIFETIMES[purpose],
        )
    )
    return token


def _use_token(token: str, purpose: TokenPurpose) -> User | None:
    """The token's user if it is valid, unused and unexpired; it is then used up."""
    row = db.session.scalar(
        select(UserToken).where(
            UserToken.token_hash == hash_token(token), UserToken.purpose == purpose.value
        )
    )
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        return None
    row.used_at = utcnow()
    return row.user


def _link(endpoint: str, token: str) -> str:
    return public_url(endpoint, token=token)


# --- volunteers -----------------------------------------------------------------


def register(email: str, display_name: str, password: str) -> None:
    """Create a contributor account and e-mail a confirmation link.

    If the address already has an account, that person gets a "you already have an
    account" e-mail instead, and the caller shows the same page either way. The
    password is judged first, the same for both, so a weak one cannot tell them apart.
    """
    email = normalise_email(email)
    check_new_password(password, email, display_name)
    existing = find_user(email)
    if existing is not None:
        send_mail(email, _("You already have an account"), _(
            "Someone tried to register with this address, but you already have an account.\n"
            "If it was you, sign in or reset your password: %(link)s",
            link=public_url("accounts.forgot_password"),
        ))
        passwords.hash_password(password)  # take as long as a real registration
        return
    user = User(email=email, display_name=display_name.strip(),
                password_hash=passwords.hash_password(password), role=Role.CONTRIBUTOR,
                locale=language_prefix())
    db.session.add(user)
    db.session.flush()
    token = _issue_token(user, TokenPurpose.CONFIRM_EMAIL)
    audit.record(user, "account.registered", "user", user.id, after={"role": user.role.value})
    db.session.commit()
    send_mail(email, _("Confirm your e-mail address"), _(
        "Thank you for helping keep the directory up to date.\n"
        "Confirm your e-mail address with this link (it works once, for 2 days):\n%(link)s",
        link=_link("accounts.confirm_email", token),
    ))


def confirm_email(token: str) -> bool:
    user = _use_token(token, TokenPurpose.CONFIRM_EMAIL)
    if user is None:
        db.session.rollback()
        return False
    user.email_confirmed_at = utcnow()
    audit.record(user, "account.email_confirmed", "user", user.id)
    db.session.commit()
    return True


# --- signing in -------------------------------------------------------------------


@dataclass
class SignInResult:
    user: User | None
    needs_second_factor: bool = False


def _generic_failure() -> AccountError:
    return AccountError("email", _(
        "The e-mail address or password is not right, or the account is locked for a "
        "while after too many tries. Try again, or reset your password."
    ))


def check_password(email: str, password: str) -> SignInResult:
    """First step of signing in. Raises AccountError with one generic message."""
    user = find_user(email)
    ok = passwords.verify_password(user.password_hash if user else None, password)
    if user is None:
        log.info('{"event": "login.failed", "reason": "unknown"}')
        raise _generic_failure()
    if is_locked(user):
        log.info('{"event": "login.locked", "user": "%s"}', user.id)
        raise _generic_failure()
    if not ok or not user.is_enabled:
        _count_failure(user)
        raise _generic_failure()
    if user.role is Role.CONTRIBUTOR and user.email_confirmed_at is None:
        raise AccountError("email", _("Please confirm your e-mail address first. "
                                      "We sent you a link when you registered."))
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    if not user.role.is_staff:
        _clear_failures(user)  # signed in; staff are, only after the code
    db.session.commit()
    return SignInResult(user, needs_second_factor=user.role.is_staff)


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > utcnow()


def _clear_failures(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None


def wrong_second_factor(user: User, failures_at_start: int) -> bool:
    """Count a wrong code against the account, like a wrong password (AUTH-6).

    The count lives in the database, so replaying an old pending sign-in cookie
    resets nothing. Returns True when this pending sign-in must end: after
    SECOND_FACTOR_MAX_TRIES wrong codes since its password step, or a lock."""
    _count_failure(user)
    tries = user.failed_logins - failures_at_start
    return is_locked(user) or tries >= current_app.config["SECOND_FACTOR_MAX_TRIES"]


def _count_failure(user: User) -> None:
    """Count in the database so the limit holds across workers (AUTH-6)."""
    config = current_app.config
    db.session.execute(
        db.update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1)
    )
    db.session.refresh(user)
    log.info('{"event": "login.failed", "user": "%s"}', user.id)
    if user.failed_logins >= config["LOGIN_MAX_FAILURES"]:
        user.locked_until = utcnow() + timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
        user.failed_logins = 0
        audit.record(None, "account.locked", "user", user.id)
        db.session.commit()
        with in_language(user.locale):
            send_mail(user.email, _("Your account is locked for a while"), _(
                "There were many wrong passwords or codes for your account, so it is locked for "
                "%(minutes)s minutes. If this was not you, reset your password: %(link)s",
                minutes=config["LOGIN_LOCK_MINUTES"],
                link=public_url("accounts.forgot_password"),
            ))
        return
    db.session.commit()


def totp_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=TOTP_ISSUER)


def begin_totp_setup(user: User) -> str:
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        db.session.commit()
    return user.totp_secret


def verify_second_factor(user: User, code: str, at: float | None = None) -> bool:
    """Check a TOTP code: the current step or one either side, and each step only once."""
    if not user.totp_secret:
        return False
    code = "".join(ch for ch in code if ch.isdigit())
    now = time.time() if at is None else at
    totp = pyotp.TOTP(user.totp_secret)
    step_now = int(now // totp.interval)
    for step in (step_now - 1, step_now, step_now + 1):
        if step > user.last_totp_step and secrets.compare_digest(totp.at(step * totp.interval), code):
            user.last_totp_step = step
            db.session.commit()
            return True
    log.info('{"event": "mfa.failed", "user": "%s"}', user.id)
    return False


def signed_in(user: User) -> None:
    _clear_failures(user)
    user.last_login_at = utcnow()
    user.locale = language_prefix()  # the language they use the site in now
    log.info('{"event": "login.succeeded", "user": "%s"}', user.id)
    db.session.commit()


# --- passwords ----------------------------------------------------------------------


def change_password(user: User, current: str, new: str) -> None:
    """Requires the current password (AUTH-3); ends every other session (SESS-3)."""
    if not passwords.verify_password(user.password_hash, current):
        raise AccountError("current_password", _("Your current password is not right."))
    check_new_password(new, user.email, user.display_name)
    user.password_hash = passwords.hash_password(new)
    user.must_change_password = False
    user.session_version += 1
    audit.record(user, "account.password_changed", "user", user.id)
    db.session.commit()


def request_password_reset(email: str) -> None:
    """E-mail a single-use reset link if the address has an account; silent otherwise."""
    user = find_user(email)
    if user is None or not user.is_enabled:
        log.info('{"event": "reset.requested", "known": false}')
        return
    token = _issue_token(user, TokenPurpose.RESET_PASSWORD)
    db.session.commit()
    with in_language(user.locale):
        send_mail(user.email, _("Reset your password"), _(
            "Use this link to choose a new password. It works once, for one hour:\n%(link)s\n"
            "If you did not ask for this, you can ignore this e-mail.",
            link=_link("accounts.reset_password", token),
        ))


def reset_password(token: str, new: str) -> None:
    user = _use_token(token, TokenPurpose.RESET_PASSWORD)
    if user is None:
        db.session.rollback()
        raise AccountError("token", _("This link has expired or has been used. Ask for a new one."))
    check_new_password(new, user.email, user.display_name)
    user.password_hash = passwords.hash_password(new)
    user.failed_logins = 0
    user.locked_until = None
    user.must_change_password = False
    user.session_version += 1
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()  # the link proves the address
    audit.record(user, "account.password_reset", "user", user.id)
    db.session.commit()


# --- staff --------------------------------------------------------------------------


def create_admin(email: str, display_name: str) -> str:
    """The first admin (CLI only). Returns a random one-time password (AUTH-7)."""
    password = secrets.token_urlsafe(18)
    user = User(email=normalise_email(email), display_name=display_name,
                password_hash=passwords.hash_password(password), role=Role.ADMIN,
                email_confirmed_at=utcnow(), must_change_password=True)
    db.session.add(user)
    db.session.flush()
    audit.record(None, "role.granted", "user", user.id, after={"role": Role.ADMIN.value})
    db.session.commit()
    return password


def invite(actor: User, email: str, role: Role, areas: list[Area]) -> None:
    """An admin invites someone to a staff role (district officers with their areas)."""
    require(actor, Permission.USERS_MANAGE)
    if role is Role.CONTRIBUTOR:
        raise AccountError("role", _("Volunteers register themselves; choose a staff role."))
    if role is Role.DISTRICT_OFFICER and not areas:
        raise AccountError("areas", _("Choose at least one area for a district officer."))
    token = new_token()
    invitation = Invitation(email=normalise_email(email), role=role, token_hash=hash_token(token),
                            invited_by=actor, expires_at=utcnow() + INVITATION_LIFETIME,
                            areas=areas if role is Role.DISTRICT_OFFICER else [])
    db.session.add(invitation)
    db.session.flush()
    audit.record(actor, "invitation.sent", "invitation", invitation.id,
                 after={"role": role.value, "areas": [a.slug for a in invitation.areas]})
    db.session.commit()
    send_mail(invitation.email, _("You are invited to help run %(site)s", site=current_app.config["SITE_NAME"]), _(
        "You have been invited to join as %(role)s. Accept within 7 days:\n%(link)s",
        role=role.value.replace("_", " "), link=_link("accounts.accept_invitation", token),
    ))


def find_invitation(token: str) -> Invitation | None:
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))
    if invitation is None or invitation.accepted_at or invitation.expires_at < utcnow():
        return None
    return invitation


def accept_invitation(token: str, display_name: str, password: str) -> User:
    invitation = find_invitation(token)
    if invitation is None:
        raise AccountError("token", _("This invitation has expired or has been used."))
    if find_user(invitation.email) is not None:
        raise AccountError("token", _("This address already has an account. Ask an admin to change its role."))
    check_new_password(password, invitation.email, display_name)
    user = User(email=invitation.email, display_name=display_name.strip(),
                password_hash=passwords.hash_password(password), role=invitation.role,
                email_confirmed_at=utcnow(), areas=list(invitation.areas), locale=language_prefix())
    invitation.accepted_at = utcnow()
    db.session.add(user)
    db.session.flush()
    audit.record(invitation.invited_by, "role.granted", "user", user.id,
                 after={"role": user.role.value, "areas": [a.slug for a in user.areas]})
    db.session.commit()
    return user


def set_enabled(actor: User, user: User, enabled: bool) -> None:
    """Disable or enable an account; disabling ends its sessions at once."""
    require(actor, Permission.USERS_MANAGE)
    before = {"enabled": user.is_enabled}
    user.is_enabled = enabled
    user.session_version += 1
    audit.record(actor, "account.enabled" if enabled else "account.disabled", "user", user.id,
                 before=before, after={"enabled": enabled})
    db.session.commit()

