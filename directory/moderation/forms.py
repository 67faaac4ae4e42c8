"""The listing form: every field of a listing, with a message beside each problem."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from directory.counties.pack import current_pack
from directory.formtools import choices
from directory.geo.postcodes import parse_full_postcode
from directory.listings.editing import is_kept_private, parse_slots
from directory.listings.languages import codes_from
from directory.listings.models import MODE_LABELS, WEEKDAYS

MODES = list(MODE_LABELS.items())
DAY_LABELS = {"MO": _l("Monday"), "TU": _l("Tuesday"), "WE": _l("Wednesday"),
              "TH": _l("Thursday"), "FR": _l("Friday"), "SA": _l("Saturday"), "SU": _l("Sunday")}
PHONE_LINE = re.compile(r"^\s*(\+?[\d ()]{3,20}?)\s*(?:[-–:,]\s*(.*))?$")


def https_only(form, field) -> None:
    """ENC-3: website links must be absolute https addresses."""
    if field.data and not re.match(r"^https://[^\s/$.?#][^\s]*$", field.data.strip(), re.I):
        raise ValidationError(_l("Enter a website address that starts with https://"))


def valid_times(form, field) -> None:
    try:
        parse_slots(field.data or "")
    except ValueError as error:
        raise ValidationError(str(error)) from None


def parse_phones(text: str) -> list[dict]:
    """One number a line, with what it is for: "01632 960123 - Main line"."""
    phones = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = PHONE_LINE.match(line)
        if not match or sum(ch.isdigit() for ch in match.group(1)) < 3:
            raise ValueError(str(_l("Write one phone number a line, like: 01632 960123 - Main line")))
        number, description = match.group(1).strip(), (match.group(2) or "").strip()
        kind = "text" if "text" in description.lower() else "voice"
        phones.append({"number": number, "type": kind, "description": description})
    return phones


def valid_phones(form, field) -> None:
    try:
        parse_phones(field.data)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def valid_postcode(form, field) -> None:
    if field.data and not parse_full_postcode(field.data):
        raise ValidationError(_("Enter a full postcode, like %(example)s.", example=current_pack().example_postcode))


class ListingForm(FlaskForm):
    organization_name = StringField(_l("Organisation that runs it"),
                                    [InputRequired(_l("Enter the organisation's name.")), Length(max=200)])
    name = StringField(_l("Name of the service"), [InputRequired(_l("Enter the name of the service.")),
                                                   Length(max=200)])
    summary = StringField(_l("One-line summary"), [InputRequired(_l("Enter a one-line summary.")),
                                                   Length(max=200)],
                          description=_l("Up to 200 characters, in plain words."))
    description = TextAreaField(_l("What it is"), [InputRequired(_l("Say what the service does.")),
                                                   Length(max=5000)])
    url = StringField(_l("Website (optional)"), [Optional(), Length(max=500), https_only])
    email = EmailField(_l("E-mail (optional)"), [Optional(), Email(_l("Enter a real e-mail address.")),
                                                 Length(max=254)])
    categories = SelectMultipleField(_l("Types of help"), choices=[],
                                     validators=[InputRequired(_l("Choose at least one type of help."))])
    county_wide = BooleanField(_l("It covers the whole county"))
    areas = SelectMultipleField(_l("Areas it covers"), choices=[], validators=[Optional()])
    minimum_age = IntegerField(_l("Youngest age (optional)"), [Optional(), NumberRange(0, 120)])
    maximum_age = IntegerField(_l("Oldest age (optional)"), [Optional(), NumberRange(0, 120)])
    eligibility_description = StringField(_l("Who can go (optional)"), [Optional(), Length(max=500)])
    is_free = BooleanField(_l("It is free"))
    fees_description = StringField(_l("Cost, if not free"), [Optional(), Length(max=500)])
    delivery_modes = SelectMultipleField(_l("How people get help"), choices=choices(MODES),
                                         validators=[InputRequired(_l("Choose at least one."))])
    languages = SelectMultipleField(_l("Languages it is offered in"), choices=[], default=["en"],
                                    validators=[InputRequired(_l("Choose at least one language."))])
    phones = TextAreaField(_l("Phone numbers (optional)"), [Optional(), Length(max=1000), valid_phones],
                           description=_l("One a line, like: 01632 960123 - Main line"))
    contact_name = StringField(_l("Person to ask for (optional)"), [Optional(), Length(max=200)])
    contact_title = StringField(_l("Their job title (optional)"), [Optional(), Length(max=200)])
    contact_email = EmailField(_l("Their e-mail (optional)"), [Optional(), Email(), Length(max=254)])
    open_on_bank_holidays = BooleanField(_l("Open on bank holidays"))
    schedule_notes = StringField(_l("Notes on opening times (optional)"), [Optional(), Length(max=500)],
                                 description=_l("For example: term time only"))
    location_name = StringField(_l("Building or venue (optional)"), [Optional(), Length(max=200)])
    address_1 = StringField(_l("Street address (optional)"), [Optional(), Length(max=200)])
    city = StringField(_l("Town (optional)"), [Optional(), Length(max=100)])
    postal_code = StringField(_l("Postcode (optional)"), [Optional(), Length(max=10), valid_postcode])
    confidential = BooleanField(_l("Keep the address private (for example a refuge)"))
    safeguarding_policy = BooleanField(_l("Has a safeguarding policy"))
    staff_dbs_checked = BooleanField(_l("Staff and volunteers are DBS checked"))
    safeguarding_lead = StringField(_l("Named safeguarding lead (optional)"), [Optional(), Length(max=200)])
    alert = StringField(_l("Short notice (optional)"), [Optional(), Length(max=300)],
                        description=_l("For example: closed over Christmas"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not self.county_wide.data and not self.areas.data:
            self.areas.errors = [*self.areas.errors, _l("Choose the areas it covers, or the whole county.")]
            ok = False
        low, high = self.minimum_age.data, self.maximum_age.data
        if low is not None and high is not None and low > high:
            self.maximum_age.errors = [*self.maximum_age.errors,
                                       _l("The oldest age must be the same as or more than the youngest.")]
            ok = False
        if (self.address_1.data or self.city.data) and not self.postal_code.data:
            self.postal_code.errors = [*self.postal_code.errors, _l("Enter the postcode of the address.")]
            ok = False
        return ok

    def day_fields(self) -> list:
        return [getattr(self, f"day_{day.lower()}") for day in WEEKDAYS]

    def to_data(self) -> dict:
        def text(field) -> str:
            return (field.data or "").strip()

        has_location = bool(text(self.postal_code))
        return {
            "organization_name": text(self.organization_name),
            "name": text(self.name),
            "summary": text(self.summary),
            "description": text(self.description),
            "url": text(self.url),
            "email": text(self.email),
            "categories": sorted(self.categories.data or []),
            "county_wide": bool(self.county_wide.data),
            "areas": [] if self.county_wide.data else sorted(self.areas.data or []),
            "minimum_age": self.minimum_age.data,
            "maximum_age": self.maximum_age.data,
            "eligibility_description": text(self.eligibility_description),
            "is_free": bool(self.is_free.data),
            "fees_description": "" if self.is_free.data else text(self.fees_description),
            "delivery_modes": [m for m, _label in MODES if m in (self.delivery_modes.data or [])],
            "languages": ",".join(code for code, _label in self.languages.choices
                                  if code in (self.languages.data or [])),
            "phones": parse_phones(self.phones.data),
            "contact_name": text(self.contact_name),
            "contact_title": text(self.contact_title),
            "contact_email": text(self.contact_email),
            "schedule": {day: text(getattr(self, f"day_{day.lower()}")) for day in WEEKDAYS},
            "open_on_bank_holidays": bool(self.open_on_bank_holidays.data),
            "schedule_notes": text(self.schedule_notes),
            "location": None if not has_location else {
                "name": text(self.location_name), "address_1": text(self.address_1),
                "city": text(self.city), "postal_code": parse_full_postcode(self.postal_code.data),
                "confidential": bool(self.confidential.data),
            },
            "safeguarding_policy": bool(self.safeguarding_policy.data),
            "staff_dbs_checked": bool(self.staff_dbs_checked.data),
            "safeguarding_lead": text(self.safeguarding_lead),
            "alert": text(self.alert),
        }

    def fill(self, data: dict) -> None:
        """Put saved submission data back into the form (for GET)."""
        for name in ("organization_name", "name", "summary", "description", "url", "email",
                     "categories", "county_wide", "areas", "minimum_age", "maximum_age",
                     "eligibility_description", "is_free", "fees_description", "delivery_modes",
                     "languages", "contact_name", "contact_title", "contact_email",
                     "schedule_notes", "safeguarding_policy", "staff_dbs_checked",
                     "safeguarding_lead", "alert", "open_on_bank_holidays"):
            getattr(self, name).data = data.get(name)
        self.languages.data = codes_from(data.get("languages") or "en")
        self.phones.data = "\n".join(
            f"{p['number']} - {p['description']}" if p["description"] else p["number"]
            for p in data.get("phones", [])
        )
        for day in WEEKDAYS:
            getattr(self, f"day_{day.lower()}").data = data.get("schedule", {}).get(day, "")
        location = data.get("location") or {}
        self.location_name.data = location.get("name", "")
        self.address_1.data = location.get("address_1", "")
        self.city.data = location.get("city", "")
        self.postal_code.data = location.get("postal_code", "")
        # A new address typed over one kept private stays private unless unticked.
        self.confidential.data = location.get("confidential", False) or is_kept_private(location)


for _day in WEEKDAYS:
    setattr(ListingForm, f"day_{_day.lower()}",
            StringField(DAY_LABELS[_day], [Optional(), Length(max=100), valid_times]))


class DecisionForm(FlaskForm):
    reason = TextAreaField(_l("Reason or comments"), [Optional(), Length(max=2000)],
                           description=_l("Needed to reject or ask for changes. The person will see it."))


class ReportForm(FlaskForm):
    message = TextAreaField(_l("What is wrong?"), [InputRequired(_l("Tell us what is wrong.")),
                                                   Length(max=2000)])
    contact = StringField(_l("Your e-mail or phone, if you want a reply (optional)"),
                          [Optional(), Length(max=254)])
    # A honeypot: hidden from people, filled in by bots.
    website = StringField(_l("Leave this empty"), [Optional()])
