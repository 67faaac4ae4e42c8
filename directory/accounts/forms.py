"""Account forms. Field labels and errors are plain English through Flask-Babel."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Email, InputRequired, Length

from directory.accounts.models import Role
from directory.formtools import choices

EMAIL = [InputRequired(_l("Enter your e-mail address.")),
         Email(_l("Enter an e-mail address like name@example.com.")), Length(max=254)]
# Passwords are checked exactly as typed: no stripping (AUTH-1).
NEW_PASSWORD = [InputRequired(_l("Choose a password.")), Length(max=256)]


class RegisterForm(FlaskForm):
    display_name = StringField(_l("Your name"), [InputRequired(_l("Enter your name.")), Length(max=120)])
    email = EmailField(_l("E-mail address"), EMAIL)
    password = PasswordField(_l("Choose a password"), NEW_PASSWORD,
                             description=_l("At least 8 characters. Three or four random words work well."))


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), EMAIL)
    password = PasswordField(_l("Password"), [InputRequired(_l("Enter your password."))])


class SecondFactorForm(FlaskForm):
    code = StringField(_l("6-digit code from your authenticator app"),
                       [InputRequired(_l("Enter the code.")), Length(max=10)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), [InputRequired(_l("Enter your current password."))])
    password = PasswordField(_l("New password"), NEW_PASSWORD)


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), EMAIL)


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), NEW_PASSWORD)


class AcceptInvitationForm(FlaskForm):
    display_name = StringField(_l("Your name"), [InputRequired(_l("Enter your name.")), Length(max=120)])
    password = PasswordField(_l("Choose a password"), NEW_PASSWORD)


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail address"), EMAIL)
    role = SelectField(_l("Role"), choices=choices((r.value, r.value.replace("_", " ").capitalize())
                                                    for r in Role if r.is_staff))
    areas = SelectMultipleField(_l("Areas (district officers only)"), choices=[])
