"""Rules for the Essex pack's demo directory (directory/counties/essex/demo/*.json).

The demo data is what councillors, officers and young people see first, so it has to
be believable and safe: real helplines with their real numbers, fictional services
that cannot ring a real phone or email a real person, and postcodes that put each
fictional venue in the right district so distance search behaves.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
from collections import Counter

import pytest

from directory.counties.pack import PackError, load_pack, read_pack
from directory.demo.data import demo_data
from tests.conftest import PLACES_DIR, needs_full_postcodes

ESSEX = load_pack("essex")
DEMO = demo_data(ESSEX)
PACK_AREAS = ESSEX.areas()

EXPECTED_AREAS = [
    ("basildon", "Basildon", "E07000066", "Basildon Borough Council", "district"),
    ("braintree", "Braintree", "E07000067", "Braintree District Council", "district"),
    ("brentwood", "Brentwood", "E07000068", "Brentwood Borough Council", "district"),
    ("castle-point", "Castle Point", "E07000069", "Castle Point Borough Council", "district"),
    ("chelmsford", "Chelmsford", "E07000070", "Chelmsford City Council", "district"),
    ("colchester", "Colchester", "E07000071", "Colchester City Council", "district"),
    ("epping-forest", "Epping Forest", "E07000072", "Epping Forest District Council", "district"),
    ("harlow", "Harlow", "E07000073", "Harlow District Council", "district"),
    ("maldon", "Maldon", "E07000074", "Maldon District Council", "district"),
    ("rochford", "Rochford", "E07000075", "Rochford District Council", "district"),
    ("tendring", "Tendring", "E07000076", "Tendring District Council", "district"),
    ("uttlesford", "Uttlesford", "E07000077", "Uttlesford District Council", "district"),
    ("southend-on-sea", "Southend-on-Sea", "E06000033", "Southend-on-Sea City Council", "unitary"),
    ("thurrock", "Thurrock", "E06000034", "Thurrock Council", "unitary"),
]

EXPECTED_CATEGORIES = [
    ("youth-clubs", "Youth clubs and activities"),
    ("sport", "Sport and fitness"),
    ("arts-music", "Arts, music and drama"),
    ("mental-health", "Mental health and wellbeing"),
    ("drugs-alcohol", "Drugs and alcohol"),
    ("exploitation", "Exploitation and county lines"),
    ("knife-crime", "Knife crime and violence"),
    ("bullying", "Bullying"),
    ("family", "Family and parenting"),
    ("education-work", "Education, training and work"),
    ("lgbtq", "LGBTQ+"),
    ("young-carers", "Young carers"),
    ("sexual-health", "Sexual health and relationships"),
    ("housing", "Housing and homelessness"),
    ("crisis", "Crisis and helplines"),
    ("youth-justice", "Youth justice"),
    ("domestic-abuse", "Abuse and domestic violence"),
    ("send", "Disability and additional needs"),
    ("bereavement", "Bereavement and grief"),
    ("eating-problems", "Eating problems"),
    ("gambling", "Gambling"),
    ("online-safety", "Online safety and shared images"),
    ("care-leavers", "Care and leaving care"),
    ("refugees", "Refugees and new arrivals"),
    ("anger", "Anger and conflict"),
    ("volunteering", "Volunteering and uniformed groups"),
]

# Majority postcode districts per area, from shared/data/geo/essex_districts.csv.
# Kept here, not in data.py, so the test checks the data instead of trusting it.
AREA_DISTRICTS = {
    "basildon": {"CM11", "CM12", "SS11", "SS12", "SS13", "SS14", "SS15", "SS16"},
    "braintree": {"CM7", "CM8", "CM77", "CO8", "CO9"},
    "brentwood": {"CM4", "CM13", "CM14", "CM15"},
    "castle-point": {"SS7", "SS8"},
    "chelmsford": {"CM1", "CM2", "CM3", "CM98", "CM99"},
    "colchester": {"CO1", "CO2", "CO3", "CO4", "CO5", "CO6"},
    "epping-forest": {"CM5", "CM16", "EN9", "IG7", "IG9", "IG10", "RM4"},
    "harlow": {"CM17", "CM18", "CM19", "CM20", "CM92"},
    "maldon": {"CM0", "CM9"},
    "rochford": {"SS4", "SS5", "SS6"},
    "tendring": {"CO7", "CO11", "CO12", "CO13", "CO14", "CO15", "CO16"},
    "uttlesford": {"CB10", "CB11", "CM6", "CM22", "CM24"},
    "southend-on-sea": {"SS0", "SS1", "SS2", "SS3", "SS9", "SS22", "SS99"},
    "thurrock": {"RM15", "RM16", "RM17", "RM18", "RM19", "RM20", "SS17"},
}

AREA_TOWNS = {
    "basildon": {"Basildon", "Wickford", "Billericay"},
    "braintree": {"Braintree", "Witham", "Halstead"},
    "brentwood": {"Brentwood"},
    "castle-point": {"Canvey Island", "Benfleet"},
    "chelmsford": {"Chelmsford", "South Woodham Ferrers"},
    "colchester": {"Colchester"},
    "epping-forest": {"Epping", "Loughton", "Waltham Abbey"},
    "harlow": {"Harlow"},
    "maldon": {"Maldon", "Burnham-on-Crouch"},
    "rochford": {"Rayleigh", "Rochford", "Hockley"},
    "tendring": {"Clacton-on-Sea", "Harwich", "Frinton-on-Sea"},
    "uttlesford": {"Saffron Walden", "Great Dunmow", "Stansted"},
    "southend-on-sea": {"Southend-on-Sea", "Leigh-on-Sea", "Shoeburyness"},
    "thurrock": {"Grays", "Tilbury", "Purfleet", "Stanford-le-Hope"},
}

AREA_ONS = {slug: ons for slug, _, ons, _, _ in EXPECTED_AREAS}

SERVICE_KEYS = {
    "org", "name", "summary", "description", "url", "email", "categories", "areas",
    "min_age", "max_age", "eligibility", "free", "fees", "modes", "languages",
    "commissioned_by", "phones", "contacts", "schedule", "schedule_notes", "open_on_bank_holidays", "locations",
    "safeguarding", "assured_days_ago", "alert", "status",
}
ORG_KEYS = {"key", "name", "description", "url", "email", "is_fictional"}
LOCATION_KEYS = {"name", "address_1", "city", "postal_code", "confidential"}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MODES = {"in_person", "online", "phone"}
STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
FICTIONAL_PREFIX = "Demo listing: this organisation is made up for testing."

# Ofcom's ranges reserved for drama: these numbers can never reach a real person.
DRAMA_NUMBER = re.compile(r"^(01632 960\d{3}|020 7946 0\d{3}|07700 900\d{3})$")
DRAMA_MOBILE = re.compile(r"^07700 900\d{3}$")
# The only real numbers the demo may show: published national helplines.
REAL_NUMBERS = {
    "0800 1111",  # Childline
    "0800 555 111",  # Crimestoppers (also Fearless)
    "0300 123 6600",  # FRANK
    "82111",  # FRANK text
    "116 123",  # Samaritans
    "85258",  # Shout (text)
    "0808 808 4994",  # The Mix
    "0808 16 89 111",  # Victim Support
    "0808 800 5000",  # NSPCC Helpline
    "0800 068 4141",  # PAPYRUS HOPELINE247
    "116 000",  # Missing People
    "0808 808 1677",  # Cruse Bereavement Support
    "08088 020 021",  # Winston's Wish
    "0808 801 0711",  # Beat Youthline
    "0808 8020 133",  # National Gambling Helpline (GamCare)
    "0800 144 8848",  # Citizens Advice Adviceline (England)
    "0800 0147 800",  # Tommy's Pregnancy Line
    "0800 0119 100",  # Switchboard LGBT+
    "0808 808 3555",  # Contact (families with disabled children)
}

UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9][A-Z]{2})$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

ORGS = {org["key"]: org for org in DEMO.organisations}
AREA_SLUGS = [a.slug for a in PACK_AREAS]
CATEGORY_SLUGS = [c["slug"] for c in DEMO.categories]


def is_fictional(service: dict) -> bool:
    return ORGS[service["org"]]["is_fictional"]


def service_areas(service: dict) -> list[str]:
    return AREA_SLUGS if service["areas"] == "county" else service["areas"]


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def slugify(name: str) -> str:
    """The slug the seeder derives from a service name."""
    return "-".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def by_name(name: str) -> dict:
    matches = [s for s in DEMO.services if s["name"] == name]
    assert len(matches) == 1, f"expected exactly one service called {name!r}"
    return matches[0]


FICTIONAL = [s for s in DEMO.services if is_fictional(s)]
REAL = [s for s in DEMO.services if not is_fictional(s)]


# --- the files themselves --------------------------------------------------------------


@pytest.mark.parametrize("change, message", [
    (lambda r: r.pop("summary"), r"services.json, record 1 \(.*\): missing summary"),
    (lambda r: r.update(min_age="eleven"), r"record 1 \(.*\): min_age has the wrong type"),
    (lambda r: r.update(org="nobody"), r"record 1 \(.*\): org 'nobody' is not in"),
    (lambda r: r.update(categories=["astrology"]), r"categories astrology are not in categories.json"),
    (lambda r: r.update(areas=["atlantis"]), r"areas must be \"county\" or slugs"),
    (lambda r: r["phones"].append({"number": "1"}), r"phones \d+: missing description, type"),
])
def test_a_wrong_demo_record_is_named_with_its_field(tmp_path, change, message):
    folder = tmp_path / "essex"
    shutil.copytree(ESSEX.folder, folder)
    path = folder / "demo" / "services.json"
    records = json.loads(path.read_text())
    change(records[0])
    path.write_text(json.dumps(records))
    with pytest.raises(PackError, match=message):
        demo_data(read_pack(folder))


def _walk_keys(value, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            _walk_keys(inner, found)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            _walk_keys(inner, found)


def test_no_coordinates_are_stored():
    keys: set[str] = set()
    _walk_keys([DEMO.categories, DEMO.organisations, DEMO.services], keys)
    assert not {k for k in keys if k.lower() in {"lat", "lon", "lng", "latitude", "longitude"}}
    floats = []
    for service in DEMO.services:
        for loc in service["locations"]:
            floats += [v for v in loc.values() if isinstance(v, float)]
    assert not floats


# --- areas and categories ------------------------------------------------------------


def test_the_essex_pack_has_exactly_the_fourteen_councils():
    got = [(a.slug, a.name, a.ons_code, a.official_name, a.authority_type) for a in PACK_AREAS]
    assert got == EXPECTED_AREAS
    assert all(a.postcode_districts for a in PACK_AREAS)


def test_categories_are_the_needs_young_people_bring():
    assert [(c["slug"], c["name"]) for c in DEMO.categories] == EXPECTED_CATEGORIES
    for category in DEMO.categories:
        assert set(category) == {"slug", "name", "description", "keywords"}
        assert len(sentences(category["description"])) == 1, category["slug"]
        assert category["description"].endswith("."), category["slug"]


def test_category_keywords_are_rich_search_words():
    for category in DEMO.categories:
        words = category["keywords"].split()
        assert 15 <= len(words) <= 30, (category["slug"], len(words))
        assert category["keywords"] == category["keywords"].lower(), category["slug"]
        assert "  " not in category["keywords"] and category["keywords"] == category["keywords"].strip()


@pytest.mark.parametrize(
    ("slug", "must_include"),
    [
        ("drugs-alcohol", "weed cannabis skunk spice ket ketamine coke cocaine pills mdma vape vaping drinking drunk alcohol booze addiction high stoned"),
        ("exploitation", "county lines grooming groomed runner running drugs sell selling dealing trap house cuckooing debt bondage exploited forced made to sell gang gangs"),
        ("mental-health", "counseling counselling therapy anxiety anxious depressed depression stress sad lonely self-harm selfharm talk worried panic"),
        ("bullying", "bullied bully bullies cyberbullying picked on"),
        ("knife-crime", "knife knives stabbing stabbed weapon carry blade violence fight safe"),
    ],
)
def test_category_keywords_include_what_people_type(slug, must_include):
    keywords = set(next(c for c in DEMO.categories if c["slug"] == slug)["keywords"].split())
    assert set(must_include.split()) <= keywords


# --- organisations -------------------------------------------------------------------


def test_organisations_are_well_formed_and_used():
    keys = [org["key"] for org in DEMO.organisations]
    assert len(keys) == len(set(keys))
    used = {s["org"] for s in DEMO.services}
    for org in DEMO.organisations:
        assert set(org) == ORG_KEYS, org["key"]
        assert isinstance(org["is_fictional"], bool)
        assert org["name"].strip() and org["description"].strip()
        assert org["key"] in used, f"{org['key']} has no services"
        assert org["url"] is None or org["url"].startswith("https://")


def test_fictional_organisations_say_so_and_use_example_org():
    fictional = [o for o in DEMO.organisations if o["is_fictional"]]
    assert len(fictional) >= 20
    for org in fictional:
        assert org["description"].startswith(FICTIONAL_PREFIX + " "), org["key"]
        assert org["url"] is None or org["url"].startswith("https://example.org/")
        assert org["email"] is None or org["email"].endswith("@example.org")


def test_real_organisations_never_use_placeholders():
    for org in DEMO.organisations:
        if org["is_fictional"]:
            continue
        assert not org["description"].startswith("Demo listing"), org["key"]
        assert "example.org" not in (org["url"] or "") + (org["email"] or ""), org["key"]


# --- service shape -------------------------------------------------------------------


def test_there_are_enough_services():
    assert len(DEMO.services) >= 160
    assert len(FICTIONAL) >= 14 * 8


def test_every_service_has_exactly_the_documented_keys():
    for service in DEMO.services:
        assert set(service) == SERVICE_KEYS, service.get("name")


def test_names_and_slugs_are_unique():
    names = [s["name"] for s in DEMO.services]
    assert [n for n, c in Counter(names).items() if c > 1] == []
    slugs = [slugify(n) for n in names]
    assert [s for s, c in Counter(slugs).items() if c > 1] == []
    assert all(0 < len(s) <= 120 for s in slugs)
    assert all(len(n) <= 200 for n in names)


def test_services_point_at_known_organisations_areas_and_categories():
    for service in DEMO.services:
        assert service["org"] in ORGS, service["name"]
        cats = service["categories"]
        assert 1 <= len(cats) <= 3 and len(cats) == len(set(cats)), service["name"]
        assert set(cats) <= set(CATEGORY_SLUGS), service["name"]
        areas = service["areas"]
        if areas != "county":
            assert isinstance(areas, list) and areas, service["name"]
            assert len(areas) == len(set(areas)), service["name"]
            assert set(areas) <= set(AREA_SLUGS), service["name"]


def test_summaries_are_one_short_sentence():
    for service in DEMO.services:
        summary = service["summary"]
        assert 0 < len(summary) <= 200, service["name"]
        assert summary.endswith("."), service["name"]
        assert len(sentences(summary)) == 1, service["name"]


def test_descriptions_are_two_to_four_plain_sentences():
    for service in DEMO.services:
        parts = sentences(service["description"])
        assert 2 <= len(parts) <= 4, service["name"]
        assert service["description"].rstrip()[-1] in ".!?", service["name"]
        # Plain English: no sentence a 13-year-old has to read twice.
        assert max(len(p.split()) for p in parts) <= 40, service["name"]


def test_ages_are_sensible():
    for service in DEMO.services:
        low, high = service["min_age"], service["max_age"]
        for age in (low, high):
            assert age is None or (type(age) is int and 0 <= age <= 99), service["name"]
        if low is not None and high is not None:
            assert low <= high, service["name"]


def test_ages_match_the_kind_of_service():
    for service in FICTIONAL:
        cats = set(service["categories"])
        if service["org"] == "familylink":
            assert service["min_age"] == 18, service["name"]
        elif "young-carers" in cats:
            assert (service["min_age"], service["max_age"]) == (8, 18), service["name"]
        elif "send" in cats:
            assert service["max_age"] == 25, service["name"]
        elif cats == {"youth-clubs"}:
            assert service["min_age"] >= 10 and service["max_age"] <= 19, service["name"]
    assert len({(s["min_age"], s["max_age"]) for s in DEMO.services}) >= 10


def test_eligibility_is_short_text():
    for service in DEMO.services:
        assert 0 < len(service["eligibility"]) <= 160, service["name"]


def test_fees_match_free_flag():
    paid = 0
    for service in DEMO.services:
        assert isinstance(service["free"], bool), service["name"]
        if service["free"]:
            assert service["fees"] == "", service["name"]
        else:
            paid += 1
            assert "£" in service["fees"], service["name"]
    assert 5 <= paid <= len(DEMO.services) // 4


def test_modes_are_valid_and_consistent_with_phones_and_locations():
    for service in DEMO.services:
        modes = service["modes"]
        assert modes and len(modes) == len(set(modes)) and set(modes) <= MODES, service["name"]
        if "phone" in modes:
            assert service["phones"], f"{service['name']} is by phone but has no number"
        if "in_person" not in modes:
            assert service["locations"] == [], service["name"]
    for service in FICTIONAL:
        if "in_person" in service["modes"]:
            assert service["locations"], f"{service['name']} is in person but has no venue"
    assert {frozenset(s["modes"]) for s in DEMO.services} >= {
        frozenset({"in_person"}), frozenset({"phone"}), frozenset({"online"}),
    }


def test_languages():
    spoken = Counter()
    for service in DEMO.services:
        langs = service["languages"]
        assert langs and len(langs) == len(set(langs)), service["name"]
        assert all(isinstance(lang, str) and lang.strip() for lang in langs)
        assert "English" in langs, service["name"]
        spoken.update(langs)
    others = set(spoken) - {"English"}
    assert {"Polish", "Romanian", "Urdu", "Bengali", "Turkish"} <= others


# --- contact details -----------------------------------------------------------------


def test_phone_numbers_are_drama_numbers_or_real_helplines():
    for service in DEMO.services:
        for phone in service["phones"]:
            assert set(phone) == {"number", "type", "description"}, service["name"]
            assert phone["type"] in {"voice", "text"}, service["name"]
            assert phone["description"].strip(), service["name"]
            number = phone["number"]
            if is_fictional(service):
                assert DRAMA_NUMBER.match(number), f"{service['name']}: {number} is not a drama number"
                if phone["type"] == "text":
                    assert DRAMA_MOBILE.match(number), f"{service['name']}: texts need a mobile"
            else:
                assert number in REAL_NUMBERS, f"{service['name']}: {number} is not a known helpline"


def test_fictional_numbers_are_not_shared_between_services():
    numbers = Counter(p["number"] for s in FICTIONAL for p in s["phones"])
    assert [n for n, c in numbers.items() if c > 1] == []


def test_urls_are_https():
    for service in DEMO.services:
        url = service["url"]
        assert url is None or url.startswith("https://"), service["name"]
        if url and is_fictional(service):
            assert url.startswith("https://example.org/"), service["name"]
        if url and not is_fictional(service):
            assert "example.org" not in url, service["name"]


def test_emails():
    for service in DEMO.services:
        emails = [service["email"]] + [c["email"] for c in service["contacts"]]
        for email in emails:
            if email is None:
                continue
            assert EMAIL.match(email), f"{service['name']}: {email}"
            if is_fictional(service):
                assert email.endswith("@example.org"), f"{service['name']}: {email}"
            else:
                assert not email.endswith("@example.org"), f"{service['name']}: {email}"


def test_contacts():
    for service in DEMO.services:
        for contact in service["contacts"]:
            assert set(contact) == {"name", "title", "email"}, service["name"]
            assert len(contact["name"].split()) >= 2 and contact["title"].strip(), service["name"]
    for service in FICTIONAL:
        assert service["contacts"], service["name"]
    for service in REAL:
        # Never invent named staff at real organisations.
        assert service["contacts"] == [], service["name"]


# --- schedules, status and review ----------------------------------------------------


def test_schedules():
    kinds = Counter()
    for service in DEMO.services:
        schedule = service["schedule"]
        assert isinstance(service["schedule_notes"], str)
        if schedule == "24/7":
            kinds["24/7"] += 1
            continue
        assert isinstance(schedule, list), service["name"]
        kinds["list" if schedule else "empty"] += 1
        seen = set()
        for slot in schedule:
            assert isinstance(slot, list) and len(slot) == 3, service["name"]
            day, opens, closes = slot
            assert day in WEEKDAYS, service["name"]
            assert HHMM.match(opens) and HHMM.match(closes), service["name"]
            assert opens < closes, service["name"]
            assert (day, opens) not in seen, service["name"]
            seen.add((day, opens))
    assert kinds["24/7"] >= 5 and kinds["list"] >= 100 and kinds["empty"] >= 1
    evenings = [s for s in DEMO.services if isinstance(s["schedule"], list)
                and any(c >= "20:00" for _, _, c in s["schedule"])]
    saturdays = [s for s in DEMO.services if isinstance(s["schedule"], list)
                 and any(d == "SA" for d, _, _ in s["schedule"])]
    assert len(evenings) >= 20 and len(saturdays) >= 10


def test_status_hides_only_a_few_fictional_services():
    for service in DEMO.services:
        assert service["status"] in STATUSES, service["name"]
        assert isinstance(service["alert"], str), service["name"]
    hidden = [s for s in DEMO.services if s["status"] != "active"]
    assert 3 <= len(hidden) <= 4
    assert all(is_fictional(s) for s in hidden)
    assert all(s["alert"] for s in hidden), "say why a service is not running"
    assert {"inactive", "temporarily closed"} <= {s["status"] for s in hidden}


def test_some_reviews_are_overdue():
    days = [s["assured_days_ago"] for s in DEMO.services]
    assert all(type(d) is int and 0 <= d <= 400 for d in days)
    overdue = sum(d > 183 for d in days)
    assert 0.07 <= overdue / len(days) <= 0.15, overdue
    assert sum(d <= 30 for d in days) >= 20


def test_safeguarding():
    for service in DEMO.services:
        safe = service["safeguarding"]
        assert set(safe) == {"policy", "dbs", "lead"}, service["name"]
        assert isinstance(safe["policy"], bool) and isinstance(safe["dbs"], bool)
        assert isinstance(safe["lead"], str)
    for service in FICTIONAL:
        assert service["safeguarding"]["policy"] and service["safeguarding"]["lead"], service["name"]


# --- VVU -----------------------------------------------------------------------------


def test_vvu_commissioning():
    vvu = [s for s in DEMO.services if s["commissioned_by"] == "VVU"]
    assert all(s["commissioned_by"] in {None, "VVU"} for s in DEMO.services)
    assert 15 <= len(vvu) <= 25
    # Only made-up services: we do not know which real ones the VVU funds.
    assert all(is_fictional(s) for s in vvu)
    for service in vvu:
        assert {"exploitation", "knife-crime", "youth-justice"} & set(service["categories"]), service["name"]


# --- coverage ------------------------------------------------------------------------


def test_every_area_has_at_least_eight_live_local_services():
    counts = Counter()
    for service in FICTIONAL:
        if service["status"] == "active" and service["areas"] != "county":
            counts.update(service["areas"])
    short = {slug: counts[slug] for slug in AREA_SLUGS if counts[slug] < 8}
    assert short == {}


def test_every_category_has_at_least_three_live_services():
    counts = Counter()
    for service in DEMO.services:
        if service["status"] == "active":
            counts.update(service["categories"])
    short = {slug: counts[slug] for slug in CATEGORY_SLUGS if counts[slug] < 3}
    assert short == {}


def test_every_area_and_category_has_fictional_coverage():
    areas = {a for s in FICTIONAL if s["areas"] != "county" for a in s["areas"]}
    cats = {c for s in FICTIONAL for c in s["categories"]}
    assert areas == set(AREA_SLUGS)
    assert cats == set(CATEGORY_SLUGS)


# --- locations -----------------------------------------------------------------------


def all_locations():
    for service in DEMO.services:
        for loc in service["locations"]:
            yield service, loc


def test_locations_are_well_formed():
    count = 0
    for service, loc in all_locations():
        count += 1
        assert set(loc) == LOCATION_KEYS, service["name"]
        assert isinstance(loc["confidential"], bool), service["name"]
        assert loc["name"].strip() and loc["address_1"].strip(), service["name"]
        assert UK_POSTCODE.match(loc["postal_code"]), f"{service['name']}: {loc['postal_code']}"
    assert count >= 140


def test_real_services_have_no_invented_addresses():
    for service in REAL:
        assert service["locations"] == [], service["name"]


def test_postcodes_lie_in_the_service_areas_districts():
    for service, loc in all_locations():
        outcode = UK_POSTCODE.match(loc["postal_code"]).group(1)
        allowed = set().union(*(AREA_DISTRICTS[a] for a in service_areas(service)))
        assert outcode in allowed, f"{service['name']}: {loc['postal_code']}"


def test_cities_are_real_towns_in_the_service_areas():
    for service, loc in all_locations():
        towns = set().union(*(AREA_TOWNS[a] for a in service_areas(service)))
        assert loc["city"] in towns, f"{service['name']}: {loc['city']}"


def test_each_town_postcode_sits_in_the_towns_area():
    for service, loc in all_locations():
        outcode = UK_POSTCODE.match(loc["postal_code"]).group(1)
        area = next(a for a, towns in AREA_TOWNS.items() if loc["city"] in towns)
        assert outcode in AREA_DISTRICTS[area], f"{service['name']}: {loc['city']} {loc['postal_code']}"


def test_refuge_addresses_are_confidential():
    refuges = [
        s for s in DEMO.services
        if "domestic-abuse" in s["categories"] and "refuge" in s["name"].lower()
    ]
    assert len(refuges) >= 2
    for service in refuges:
        assert service["locations"], service["name"]
        assert all(loc["confidential"] for loc in service["locations"]), service["name"]
        assert all("referral" in loc["address_1"].lower() for loc in service["locations"]), service["name"]


@needs_full_postcodes
def test_postcodes_are_real_and_in_the_right_council():
    """Cross-check against the full postcode file."""
    path = PLACES_DIR / "postcodes_essex_area.csv"
    wanted = {loc["postal_code"] for _, loc in all_locations()}
    found = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["postcode"] in wanted:
                found[row["postcode"]] = row["lad_code"]
    for service, loc in all_locations():
        code = found.get(loc["postal_code"])
        assert code is not None, f"{service['name']}: {loc['postal_code']} is not a live postcode"
        allowed = {AREA_ONS[a] for a in service_areas(service)}
        assert code in allowed, f"{service['name']}: {loc['postal_code']} is in {code}"


# --- the real lines young people are told about --------------------------------------


NATIONAL_LINES = [
    ("Childline", [("0800 1111", "voice")], "https://www.childline.org.uk", True),
    ("Fearless", [("0800 555 111", "voice")], "https://www.fearless.org", True),
    ("Crimestoppers", [("0800 555 111", "voice")], "https://crimestoppers-uk.org", True),
    ("FRANK", [("0300 123 6600", "voice"), ("82111", "text")], "https://www.talktofrank.com", True),
    ("Samaritans", [("116 123", "voice")], "https://www.samaritans.org", True),
    ("Shout", [("85258", "text")], "https://giveusashout.org", True),
    ("The Mix", [("0808 808 4994", "voice")], "https://www.themix.org.uk", False),
    ("Victim Support", [("0808 16 89 111", "voice")], "https://www.victimsupport.org.uk", True),
]


@pytest.mark.parametrize(("name", "phones", "url", "always_open"), NATIONAL_LINES)
def test_national_lines_have_their_real_details(name, phones, url, always_open):
    service = by_name(name)
    assert not is_fictional(service)
    assert service["areas"] == "county"
    assert [(p["number"], p["type"]) for p in service["phones"]] == phones
    assert service["url"] == url
    assert service["free"] is True
    assert service["commissioned_by"] is None
    assert service["status"] == "active"
    if always_open:
        assert service["schedule"] == "24/7"
    # Open all day every day, bank holidays too: "open now" finds them on Christmas Day.
    assert service["open_on_bank_holidays"] is always_open


def test_national_line_details():
    assert by_name("Childline")["max_age"] == 18
    assert by_name("The Mix")["max_age"] == 24
    assert by_name("Samaritans")["email"] == "jo@samaritans.org"
    assert by_name("Shout")["phones"][0]["description"] == "Text SHOUT to 85258"
    assert "100% anonymously" in by_name("Fearless")["summary"] + by_name("Fearless")["description"]


def test_county_review_services_are_listed_as_real():
    named = [
        "Safe in Essex",
        "Essex Youth Service",
        "Family Solutions",
        "Essex Child and Family Wellbeing Service",
        "Essex Youth Justice Service (Youth Offending Service)",
        "Essex Council for Voluntary Youth Services",
    ]
    for name in named:
        service = by_name(name)
        assert not is_fictional(service), name
        assert service["commissioned_by"] is None, name
        # No invented numbers for real organisations.
        assert service["phones"] == [], name
    assert by_name("Essex Youth Justice Service (Youth Offending Service)")["categories"] == ["youth-justice"]


def test_every_category_has_national_and_local_entries():
    """What young people bring, covered both by real national lines and by local services."""
    national = {c for s in REAL if s["areas"] == "county" for c in s["categories"]}
    local = {c for s in FICTIONAL if s["areas"] != "county" and s["status"] == "active" for c in s["categories"]}
    assert set(CATEGORY_SLUGS) - national == set()
    assert set(CATEGORY_SLUGS) - local == set()
