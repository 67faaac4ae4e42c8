"""The page editor: one form, with the fields each kind of page uses."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from content.models import Audience, PageStatus
from directory.formtools import choices

# Helplines (tel:), e-mail, other sites over https, or a page of this site ("/services/...").
CTA_URL = re.compile(r"^(https://\S+|tel:\+?[\d ()-]+|mailto:\S+@\S+|/(?![/\\])\S*)$", re.I)
STATUSES = [(PageStatus.DRAFT.value, _l("Draft (only staff can see it)")),
            (PageStatus.PUBLISHED.value, _l("Published (from the publish time, if you set one)")),
            (PageStatus.ARCHIVED.value, _l("Archived (taken down)"))]
AUDIENCES = [(Audience.YOUNG_PEOPLE.value, _l("Young people")), (Audience.PARENTS.value, _l("Parents and carers"))]


def parse_calls_to_action(text: str) -> list[tuple[str, str]]:
    """"Call Childline | tel:08001111" a line -> [(label, url)]."""
    found = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, _, url = line.partition("|")
        if not label.strip() or not CTA_URL.match(url.strip()):
            raise ValueError(str(_l("Write each call to action as: Label | https://…, tel:… or /services/…")))
        found.append((label.strip(), url.strip()))
    return found


def parse_events(text: str) -> list[tuple[date, str, str]]:
    """"2026-12-05 | Parents' evening | Town library" a line."""
    found = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            raise ValueError(str(_l("Start each event with its date, like 2026-12-05 | Title | Place"))) from None
        if len(parts) < 2 or not parts[1]:
            raise ValueError(str(_l("Give each event a title, like 2026-12-05 | Title | Place")))
        found.append((day, parts[1], parts[2] if len(parts) > 2 else ""))
    return found


def _check(parser):
    def validator(form, field) -> None:
        try:
            parser(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    return validator


class PageForm(FlaskForm):
    slug = StringField(_l("Web address name"), [Optional(), Length(max=80),
                       Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use lower-case letters, numbers and dashes."))],
                       description=_l("For example: spotting-the-signs"))
    title = StringField(_l("Title"), [InputRequired(_l("Enter a title.")), Length(max=200)])
    summary = StringField(_l("Summary"), [Optional(), Length(max=300)],
                          description=_l("One sentence, shown in lists and search results."))
    body = TextAreaField(_l("Page text"), [Optional(), Length(max=50000)],
                         description=_l("Markdown: ## for headings, - for lists, [words](https://…) for links."))
    contacts = TextAreaField(_l("Local contacts"), [Optional(), Length(max=5000)])
    events = TextAreaField(_l("Upcoming events"), [Optional(), Length(max=5000), _check(parse_events)],
                           description=_l("One a line: 2026-12-05 | Title | Place"))
    audience = SelectField(_l("Who it is for"), choices=choices(AUDIENCES), validators=[Optional()])
    categories = SelectMultipleField(_l("Matching types of help"), choices=[], validators=[Optional()])
    key_messages = TextAreaField(_l("Key messages"), [Optional(), Length(max=2000)],
                                 description=_l("One a line."))
    calls_to_action = TextAreaField(_l("Calls to action"), [Optional(), Length(max=2000),
                                    _check(parse_calls_to_action)],
                                    description=_l("One a line: Call Childline | tel:08001111"))
    hero_image = FileField(_l("Main image (PNG, JPEG or WebP, under 2 MB)"))
    hero_alt = StringField(_l("Describe the image for people who cannot see it"), [Optional(), Length(max=300)])
    resource = FileField(_l("Add a poster or leaflet (image or PDF, under 2 MB)"))
    resource_title = StringField(_l("Name of the poster or leaflet"), [Optional(), Length(max=200)])
    starts_on = DateField(_l("Campaign starts"), [Optional()])
    ends_on = DateField(_l("Campaign ends"), [Optional()])
    featured = BooleanField(_l("Feature on the home page while it runs"))
    status = SelectField(_l("Status"), choices=choices(STATUSES))
    publish_at = DateTimeLocalField(_l("Publish at (optional)"), [Optional()], format="%Y-%m-%dT%H:%M")
    unpublish_at = DateTimeLocalField(_l("Take down at (optional)"), [Optional()], format="%Y-%m-%dT%H:%M")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.publish_at.data and self.unpublish_at.data and self.unpublish_at.data <= self.publish_at.data:
            self.unpublish_at.errors = [*self.unpublish_at.errors, _l("Take it down after it is published.")]
            ok = False
        if self.starts_on.data and self.ends_on.data and self.ends_on.data < self.starts_on.data:
            self.ends_on.errors = [*self.ends_on.errors, _l("The end must be on or after the start.")]
            ok = False
        return ok


class TranslationForm(FlaskForm):
    """A page's words in another language; its settings stay the page's own."""
    title = PageForm.title
    summary = PageForm.summary
    body = PageForm.body
    contacts = PageForm.contacts
    key_messages = PageForm.key_messages
    calls_to_action = PageForm.calls_to_action
    hero_alt = PageForm.hero_alt
