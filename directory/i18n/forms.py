"""The form for reporting a translation's wording."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional


class WordingForm(FlaskForm):
    message = TextAreaField(_l("What is wrong, and on which page?"),
                            [InputRequired(_l("Tell us what is wrong.")), Length(max=2000)])
    page = HiddenField(validators=[Optional(), Length(max=500)])
    # A honeypot: hidden from people, filled in by bots.
    website = StringField(_l("Leave this empty"), [Optional()])
