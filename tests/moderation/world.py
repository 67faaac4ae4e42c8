"""A small world for access and workflow tests: two areas, a listing, one user per role."""
from __future__ import annotations

from dataclasses import dataclass, field

from directory.accounts.models import Role
from directory.extensions import db
from directory.listings.models import Category
from directory.moderation import operations
from tests.factories import make_area, make_service, make_user


def listing_data(**changes) -> dict:
    """A complete, valid proposal (the shape ListingForm.to_data produces)."""
    data = {
        "organization_name": "Harlow Youth Trust", "name": "Friday Skate Night",
        "summary": "Skateboarding for beginners on Friday nights.",
        "description": "Bring a board or borrow one. Helmets provided.", "url": "https://example.org/skate",
        "email": "skate@example.org", "categories": ["sport"], "county_wide": False, "areas": ["harlow"],
        "minimum_age": 11, "maximum_age": 18, "eligibility_description": "", "is_free": True,
        "fees_description": "", "delivery_modes": ["in_person"], "languages": "en",
        "phones": [{"number": "01632 960123", "type": "voice", "description": "Main line"}],
        "contact_name": "Jo", "contact_title": "Youth worker", "contact_email": "",
        "schedule": {"MO": "", "TU": "", "WE": "", "TH": "", "FR": "18:00-21:00", "SA": "", "SU": ""},
        "open_on_bank_holidays": False, "schedule_notes": "Term time only",
        "location": {"name": "Skate park", "address_1": "1 Park Road", "city": "Harlow",
                     "postal_code": "CM20 1AB", "confidential": False},
        "safeguarding_policy": True, "staff_dbs_checked": True, "safeguarding_lead": "Sam",
        "alert": "",
    }
    data.update(changes)
    return data


def form_fields(data: dict) -> dict:
    """The same proposal as the listing form's POST fields."""
    flags = ("county_wide", "is_free", "safeguarding_policy", "staff_dbs_checked", "open_on_bank_holidays")
    fields = {k: v for k, v in data.items() if k not in {"phones", "schedule", "location", *flags}}
    fields["phones"] = "\n".join(f"{p['number']} - {p['description']}" for p in data["phones"])
    fields["languages"] = [code for code in data["languages"].split(",") if code]
    for day, text in data["schedule"].items():
        fields[f"day_{day.lower()}"] = text
    location = data["location"] or {}
    fields.update(location_name=location.get("name", ""), address_1=location.get("address_1", ""),
                  city=location.get("city", ""), postal_code=location.get("postal_code", ""))
    for flag in flags:
        if data.get(flag):
            fields[flag] = "y"
    if location.get("confidential"):
        fields["confidential"] = "y"
    return {k: ("" if v is None else v) for k, v in fields.items()}


@dataclass
class World:
    users: dict = field(default_factory=dict)
    service_id: str = ""
    service_slug: str = ""


ROLE_USERS = {
    "contributor": (Role.CONTRIBUTOR, ()),
    "officer_here": (Role.DISTRICT_OFFICER, ("harlow",)),
    "officer_elsewhere": (Role.DISTRICT_OFFICER, ("basildon",)),
    "comms": (Role.COMMS, ()),
    "moderator": (Role.MODERATOR, ()),
    "admin": (Role.ADMIN, ()),
}
# Not a column of the roles table: an officer of two areas, for listings that cover both.
EXTRA_USERS = {"officer_both": (Role.DISTRICT_OFFICER, ("basildon", "harlow"))}


def build_world() -> World:
    """Call inside an app context."""
    harlow = make_area()
    basildon = make_area("basildon", "Basildon", "E07000066")
    db.session.add_all([harlow, basildon, Category(slug="sport", name="Sport and fitness")])
    db.session.commit()
    service = make_service(name="Harlow Football Club", areas=[harlow])
    world = World(service_id=service.id, service_slug=service.slug)
    areas = {"harlow": harlow, "basildon": basildon}
    for key, (role, area_slugs) in {**ROLE_USERS, **EXTRA_USERS}.items():
        world.users[key] = make_user(role, areas=[db.session.merge(areas[s]) for s in area_slugs],
                                     name=key)
    return world


def pending_submission(author, **changes) -> str:
    """A new-listing proposal by ``author``, sent to the moderators. Returns its id."""
    from directory.accounts.models import User

    author = db.session.get(User, author.id)
    submission = operations.start_submission(author, listing_data(**changes))
    operations.submit(author, submission)
    return submission.id


def signed_in_clients(app) -> dict:
    """One test client per role of the app's world, each signed in once (TOTP codes
    are single-use), plus an anonymous one as "public"."""
    from tests.factories import PASSWORD
    from tests.web.helpers import login

    made = {"public": app.test_client()}
    for role, user in app.config["WORLD"].users.items():
        made[role] = app.test_client()
        login(made[role], app, user, PASSWORD)
    return made
