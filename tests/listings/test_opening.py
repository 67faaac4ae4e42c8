"""Opening times: one rule for "open now", the listing page's label and each slot.

Christmas 2026 is a Friday and Boxing Day a Saturday, so its bank holiday is
Monday 28 December (the substitute day); Saturday 26 December is not one.
"""
from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from flask import render_template_string
from flask_migrate import downgrade, upgrade
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from directory.accounts.models import User
from directory.config import PROJECT_ROOT
from directory.counties import holidays as rules
from directory.counties.pack import PackError, load_pack
from directory.extensions import db
from directory.listings.editing import apply_data, diff, service_to_data
from directory.listings.models import Organization, Schedule, Service, ServiceStatus
from directory.listings.opening_times import opening_status as label_for
from directory.listings.search import service_document
from directory.moderation import operations
from directory.moderation.forms import ListingForm
from directory.moderation.models import Submission
from directory.opening import is_open, opening_status
from directory.oruk.mapping import _open_on_bank_holidays
from directory.search import engine
from directory.search.query import Filters, _is_open
from directory.search.table import make_doc
from tests.factories import PASSWORD, make_service
from tests.moderation.world import build_world, form_fields, listing_data
from tests.web.helpers import login, post

MO, TU, WE, TH, FR, SA, SU = range(7)
H = 60  # minutes in an hour
CHRISTMAS = date(2026, 12, 25)  # a Friday
SUBSTITUTE_BOXING_DAY = date(2026, 12, 28)  # a Monday
HOLIDAYS = {CHRISTMAS: "Christmas Day", SUBSTITUTE_BOXING_DAY: "Boxing Day (substitute day)"}
LONDON = ZoneInfo("Europe/London")
TABLE = PROJECT_ROOT / "directory" / "counties" / "essex" / "bank_holidays.toml"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the week of Christmas 2026: ``day`` of December."""
    return datetime(2026, 12, day, hour, minute)


def service_with(slots, open_on_bank_holidays: bool = False, name: str = "Test club") -> Service:
    """A service not in any database, with (weekday, opens, closes) slots in minutes."""
    service = Service(
        id=f"svc-{abs(hash((tuple(slots), open_on_bank_holidays)))}", name=name, slug="test-club",
        summary="", description="", status=ServiceStatus.ACTIVE, languages="en", delivery_modes="in_person",
        county_wide=True, open_on_bank_holidays=open_on_bank_holidays, organization=Organization(name="Org"),
    )
    service.schedules = [Schedule(weekday=d, opens_at=time(o // H, o % H), closes_at=time(c // H % 24, c % H))
                         for d, o, c in slots]
    return service


def reference_open(slots, open_on_bank_holidays: bool, holidays, moment: datetime) -> bool:
    """The rule written out plainly, apart from directory/opening.py: each slot is
    open from its start to its end on the day it starts, unless that day is a bank
    holiday the service closes on."""
    for start_day in (moment.date(), moment.date() - timedelta(days=1)):
        midnight = datetime.combine(start_day, time())
        for weekday, opens, closes in slots:
            if start_day.weekday() != weekday or (not open_on_bank_holidays and start_day in holidays):
                continue
            if opens == closes:
                start, end = midnight, midnight + timedelta(days=1)
            else:
                start = midnight + timedelta(minutes=opens)
                end = midnight + timedelta(minutes=closes if closes > opens else closes + 24 * H)
            if start <= moment < end:
                return True
    return False


@pytest.fixture
def page(demo_app):
    """The demo app's request context, for Babel and the county pack (read only)."""
    with demo_app.test_request_context():
        yield


# --- the rule -------------------------------------------------------------------------------


def test_a_slot_past_midnight_is_open_the_next_morning():
    monday_night = [(MO, 22 * H, 2 * H)]
    assert is_open(monday_night, at(21, 23))
    assert is_open(monday_night, at(22, 1))  # Tuesday 01:00: the bug this fixes
    assert is_open(monday_night, at(22, 1, 59))
    assert not is_open(monday_night, at(22, 2))
    assert not is_open(monday_night, at(21, 1))  # Monday 01:00 would be Sunday night's
    assert not is_open(monday_night, at(21, 21, 59))
    slot = Schedule(weekday=MO, opens_at=time(22), closes_at=time(2))
    assert slot.is_open_at(at(22, 1)) and not slot.is_open_at(at(21, 1))
    assert opening_status(monday_night, at(21, 23)) == (True, at(22, 2))


def test_several_periods_in_a_day():
    split = [(TU, 10 * H, 12 * H), (TU, 14 * H, 17 * H)]
    assert opening_status(split, at(22, 11)) == (True, at(22, 12))
    assert opening_status(split, at(22, 13)) == (False, at(22, 14))  # closed at 13:00, opens at 14:00
    assert opening_status(split, at(22, 14)) == (True, at(22, 17))
    assert opening_status(split, at(22, 17)) == (False, at(29, 10))  # next week


def test_touching_slots_are_one_period_and_24_7_never_changes():
    overnight = [(SA, 20 * H, 0), (SU, 0, 2 * H)]
    assert opening_status(overnight, at(26, 21)) == (True, at(27, 2))
    every_day = [(day, 0, 0) for day in range(7)]
    assert opening_status(every_day, at(23, 3)) == (True, None)


def test_bank_holidays_close_only_services_that_close_on_them():
    friday = [(FR, 10 * H, 16 * H), (SA, 10 * H, 16 * H)]
    closed = {"closed_on_bank_holidays": True, "bank_holidays": HOLIDAYS}
    stays_open = {"closed_on_bank_holidays": False, "bank_holidays": HOLIDAYS}
    assert not is_open(friday, at(25, 12), **closed)
    assert is_open(friday, at(25, 12), **stays_open)
    assert is_open(friday, at(18, 12), **closed)  # an ordinary Friday
    # Closed on Christmas Day; Saturday 26th is no bank holiday in 2026, so it opens then.
    assert opening_status(friday, at(25, 8), **closed) == (False, at(26, 10))
    assert opening_status(friday, at(25, 8), **stays_open) == (False, at(25, 10))
    # 24/7 but closed on bank holidays: open until Christmas Day begins.
    every_day = [(day, 0, 0) for day in range(7)]
    assert opening_status(every_day, at(23, 12), **closed) == (True, at(25, 0))
    assert opening_status(every_day, at(25, 12), **closed) == (False, at(26, 0))


def test_a_bank_holiday_is_judged_by_the_day_a_slot_starts():
    late = [(TH, 22 * H, 2 * H), (FR, 22 * H, 2 * H)]
    closed = {"closed_on_bank_holidays": True, "bank_holidays": HOLIDAYS}
    assert is_open(late, at(25, 1), **closed)  # Christmas Eve's session runs into Christmas morning
    assert not is_open(late, at(25, 23), **closed)  # Christmas night's does not start
    assert not is_open(late, at(26, 1), **closed)  # ... so it is not open on Boxing Day morning either
    assert opening_status(late, at(25, 1), **closed) == (True, at(25, 2))


# --- the one rule everywhere: a week of moments, every 15 minutes -----------------------


SCHEDULES = {
    "evenings": [(TU, 18 * H, 21 * H), (TH, 18 * H, 21 * H)],
    "past midnight": [(MO, 22 * H, 2 * H), (TH, 22 * H, 2 * H), (FR, 22 * H, 3 * H), (SU, 23 * H, 1 * H)],
    "split days": [(day, start, end) for day in range(5) for start, end in ((10 * H, 12 * H), (14 * H, 17 * H))],
    "24/7": [(day, 0, 0) for day in range(7)],
    "Fridays all day": [(FR, 0, 0)],
    "touching at midnight": [(SA, 20 * H, 0), (SU, 0, 2 * H)],
    "weekend mornings": [(SA, 9 * H + 30, 12 * H + 45), (SU, 9 * H + 30, 12 * H + 45)],
}
SWEEP = [at(21, 0) + timedelta(minutes=15 * n) for n in range(8 * 24 * 4)]  # 21 to 28 December


@pytest.mark.parametrize("open_on_bank_holidays", [False, True])
@pytest.mark.parametrize("name", list(SCHEDULES))
def test_search_page_label_and_slots_agree_all_week(page, name, open_on_bank_holidays):
    """Over Christmas week, "open now" in search, Schedule.is_open_at, the page's label
    and its next change agree with each other and with the rule written out plainly."""
    slots = SCHEDULES[name]
    service = service_with(slots, open_on_bank_holidays)
    holidays = load_pack().bank_holidays()
    assert CHRISTMAS in holidays and SUBSTITUTE_BOXING_DAY in holidays and date(2026, 12, 26) not in holidays
    doc = make_doc(service_document(service, []))
    assert doc is not None and doc.open_on_bank_holidays is open_on_bank_holidays
    expected = [reference_open(slots, open_on_bank_holidays, holidays, moment) for moment in SWEEP]
    # The week sees each state (the one Friday is Christmas Day, so Fridays-only stays shut).
    assert (True in expected or (name, open_on_bank_holidays) == ("Fridays all day", False))
    assert False in expected or (name, open_on_bank_holidays) == ("24/7", True)
    index = {moment: i for i, moment in enumerate(SWEEP)}
    for i, moment in enumerate(SWEEP):
        label = label_for(service, moment)
        found = {
            "the rule": expected[i],
            "search": _is_open(doc, moment),
            "the slots": any(slot.is_open_at(moment, holidays) for slot in service.schedules),
            "the status": service.opening_status(moment, holidays).is_open,
            "the label": label.is_open,
            "the label's words": label.text.startswith("Open now"),
        }
        assert set(found.values()) == {expected[i]}, (moment, found)
        # Nothing changes before changes_at, and something does at it.
        if label.changes_at is None:
            assert set(expected[i:]) == {expected[i]}, moment
        else:
            assert moment < label.changes_at <= moment + timedelta(days=8)
            assert reference_open(slots, open_on_bank_holidays, holidays, label.changes_at) != expected[i]
            assert reference_open(slots, open_on_bank_holidays, holidays,
                                  label.changes_at - timedelta(minutes=1)) == expected[i]
            end = index.get(label.changes_at, len(SWEEP))
            assert set(expected[i:end]) == {expected[i]}, moment


# --- the label ------------------------------------------------------------------------------


@pytest.mark.parametrize("slots, open_on, now, text", [
    ([(TU, 18 * H, 21 * H)], False, at(22, 19), "Open now. Closes at 21:00."),
    ([(TU, 18 * H, 21 * H)], False, at(21, 12), "Closed now. Opens tomorrow at 18:00."),
    ([(TU, 18 * H, 21 * H)], False, at(23, 12), "Closed now. Opens Tuesday at 18:00."),
    ([(TU, 18 * H, 21 * H)], False, at(22, 22), "Closed now. Opens on Tuesday 29 December at 18:00."),
    ([(TU, 18 * H, 21 * H), (TH, 18 * H, 21 * H)], False, at(22, 22), "Closed now. Opens Thursday at 18:00."),
    ([(TU, 10 * H, 12 * H), (TU, 14 * H, 17 * H)], False, at(22, 13), "Closed now. Opens today at 14:00."),
    ([(MO, 22 * H, 2 * H)], False, at(21, 23), "Open now. Closes tomorrow at 02:00."),
    ([(WE, 18 * H, 0)], False, at(23, 19), "Open now. Closes at midnight."),
    ([(day, 0, 0) for day in range(7)], True, at(25, 12), "Open now, 24 hours a day."),
    ([(day, 0, 0) for day in range(7)], False, at(23, 12), "Open now. Closes on Friday at 00:00."),
    ([(FR, 10 * H, 16 * H), (SA, 10 * H, 16 * H)], False, at(25, 12),
     "Closed today for the bank holiday (Christmas Day). Opens tomorrow at 10:00."),
    ([(MO, 10 * H, 16 * H)], False, at(28, 9),
     "Closed today for the bank holiday (Boxing Day). Opens on Monday 4 January at 10:00."),
    ([(TH, 10 * H, 16 * H)], False, at(25, 12), "Closed now. Opens Thursday at 10:00."),  # not open Fridays
])
def test_the_label_says_when_it_opens_or_closes(page, slots, open_on, now, text):
    assert label_for(service_with(slots, open_on), now).text == text


def test_the_label_names_the_bank_holiday_only_when_it_closes_for_it(page):
    friday = [(FR, 10 * H, 16 * H)]
    closed = label_for(service_with(friday), at(25, 12))
    assert not closed.is_open and closed.bank_holiday == "Christmas Day"
    assert label_for(service_with(friday, open_on_bank_holidays=True), at(25, 12)).bank_holiday is None
    assert label_for(service_with(friday), at(18, 12)).bank_holiday is None


def test_the_macro_renders_one_line_or_nothing(page):
    template = '{% from "macros/opening.html" import opening_label %}{{ opening_label(service) }}'
    with time_machine.travel(datetime(2026, 12, 22, 19, tzinfo=LONDON), tick=False):
        html = render_template_string(template, service=service_with([(TU, 18 * H, 21 * H)]))
        assert html == '<p class="opening opening--open">Open now. Closes at 21:00.</p>'
        html = render_template_string(template, service=service_with([(WE, 18 * H, 21 * H)]))
        assert html == '<p class="opening opening--closed">Closed now. Opens tomorrow at 18:00.</p>'
        assert render_template_string(template, service=service_with([])) == ""


def test_the_service_page_shows_the_label_the_days_and_bank_holidays(app):
    with app.app_context():
        service = make_service(county_wide=True, schedules=[
            Schedule(weekday=FR, opens_at=time(10), closes_at=time(12)),
            Schedule(weekday=FR, opens_at=time(14), closes_at=time(17)),
            Schedule(weekday=SA, opens_at=time(0), closes_at=time(0)),
        ], schedule_notes="Term time only.")
        url = f"/services/{service.id}/{service.slug}"
    client = app.test_client()
    with time_machine.travel(datetime(2026, 12, 25, 11, tzinfo=LONDON), tick=False):
        html = client.get(url).get_data(as_text=True)
    assert ('<p class="opening opening--closed">Closed today for the bank holiday (Christmas Day). '
            "Opens tomorrow at 00:00.</p>") in html
    assert "<td>10:00 – 12:00, 14:00 – 17:00</td>" in html and html.count('<th scope="row">Friday</th>') == 1
    assert "<td>Open all day</td>" in html
    assert html.index("Closed on bank holidays.") < html.index("Term time only.")
    with app.app_context():
        db.session.get(Service, service.id).open_on_bank_holidays = True
        db.session.commit()
    with time_machine.travel(datetime(2026, 12, 25, 11, tzinfo=LONDON), tick=False):
        html = client.get(url).get_data(as_text=True)
    assert '<p class="opening opening--open">Open now. Closes at 12:00.</p>' in html
    assert "Closed on bank holidays." not in html


# --- search ---------------------------------------------------------------------------------


def test_open_now_on_christmas_day_finds_only_services_open_on_bank_holidays(app):
    with app.app_context():
        fridays = [(FR, 10, 16)]
        closes = make_service(name="Closes for Christmas", county_wide=True, schedules=[
            Schedule(weekday=d, opens_at=time(o), closes_at=time(c)) for d, o, c in fridays])
        stays = make_service(name="Open at Christmas", county_wide=True, open_on_bank_holidays=True, schedules=[
            Schedule(weekday=d, opens_at=time(o), closes_at=time(c)) for d, o, c in fridays])

        def open_now(moment: datetime) -> set[str]:
            results = engine.find("", Filters(open_now=True), origin=None, now=moment, page=1, page_size=50)
            return {hit.id for hit in results.hits}

        assert open_now(datetime(2026, 12, 18, 12, tzinfo=LONDON)) == {closes.id, stays.id}  # an ordinary Friday
        assert open_now(datetime(2026, 12, 25, 12, tzinfo=LONDON)) == {stays.id}
        assert open_now(datetime(2026, 12, 25, 17, tzinfo=LONDON)) == set()  # the slot is over


def test_the_demo_helplines_are_open_now_on_christmas_night(demo_app):
    with demo_app.app_context():
        results = engine.find("", Filters(open_now=True), origin=None,
                              now=datetime(2026, 12, 25, 3, tzinfo=LONDON), page=1, page_size=500)
        found = list(db.session.scalars(select(Service).where(Service.id.in_([h.id for h in results.hits]))))
        assert {"Childline", "Samaritans", "Shout"} <= {s.name for s in found}
        assert all(s.open_on_bank_holidays for s in found)


# --- the pack's table -----------------------------------------------------------------------


def test_the_table_is_what_the_rules_give():
    """A typo in bank_holidays.toml fails here: its [by_rule] days are worked out again."""
    table = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    assert (table["first_year"], table["last_year"]) == (2025, 2028)
    computed = {day.isoformat(): name for year in range(2025, 2029)
                for day, name in rules.england_and_wales(year).items()}
    assert table["by_rule"] == computed
    assert table["by_rule"]["2026-12-28"] == "Boxing Day (substitute day)"
    assert table["by_hand"] == {} and table["not_held"] == {}
    holidays = load_pack().bank_holidays()
    assert {day.isoformat(): name for day, name in holidays.items()} == computed and len(holidays) == 32


# GOV.UK's published lists (https://www.gov.uk/bank-holidays) for years the rules alone
# gave: every weekend case (2021 Christmas on a Saturday; 2022 New Year's Day on a
# Saturday and Christmas on a Sunday; 2023 New Year's Day on a Sunday).
PUBLISHED = {
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-29", "08-28", "12-25", "12-26"],  # less the coronation
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
}


@pytest.mark.parametrize("year", list(PUBLISHED))
def test_the_rules_give_gov_uk_published_days(year):
    assert [f"{d:%m-%d}" for d in rules.england_and_wales(year)] == PUBLISHED[year]


def test_substitute_days_are_named_and_the_weekend_day_is_not_a_holiday():
    christmas_on_sunday = rules.england_and_wales(2022)  # Jubilee and funeral days were by hand
    assert christmas_on_sunday[date(2022, 12, 26)] == "Boxing Day"
    assert christmas_on_sunday[date(2022, 12, 27)] == "Christmas Day (substitute day)"
    assert christmas_on_sunday[date(2022, 1, 3)] == "New Year's Day (substitute day)"
    assert date(2022, 12, 25) not in christmas_on_sunday and date(2022, 1, 1) not in christmas_on_sunday


@pytest.mark.parametrize("sunday", ["1818-03-22", "1943-04-25", "2000-04-23", "2008-03-23", "2011-04-24",
                                    "2019-04-21", "2024-03-31", "2038-04-25", "2285-03-22"])
def test_easter_sunday(sunday):
    day = date.fromisoformat(sunday)
    assert rules.easter_sunday(day.year) == day


def _pack_with(tmp_path, text: str):
    from dataclasses import replace

    (tmp_path / "bank_holidays.toml").write_text(text, encoding="utf-8")
    return replace(load_pack(), folder=tmp_path)


def test_hand_additions_and_moved_days(tmp_path):
    pack = _pack_with(tmp_path, 'first_year = 2020\nlast_year = 2020\n[by_rule]\n2020-05-04 = "Early May bank '
                                'holiday"\n2020-05-25 = "Spring bank holiday"\n[by_hand]\n2020-05-08 = "VE Day"\n'
                                '[not_held]\n2020-05-04 = "moved to 2020-05-08"\n')
    assert dict(pack.bank_holidays()) == {date(2020, 5, 8): "VE Day", date(2020, 5, 25): "Spring bank holiday"}


@pytest.mark.parametrize("text", [
    'first_year = 2020\nlast_year = 2020\n[by_rule]\n2020-02-30 = "Not a day"\n',
    'first_year = 2020\nlast_year = 2020\n[by_rule]\n2020-05-25 = ""\n',
    'first_year = 2020\nlast_year = 2020\n[by_rule]\n2020-05-25 = "Spring"\n[by_hand]\n2020-05-25 = "Again"\n',
    'first_year = 2020\nlast_year = 2020\n[not_held]\n2020-05-25 = "never was"\n',
    'first_year = 2020\n[by_rule]\n',
    'first_year = 2020\nlast_year = 2020\n[holidays]\n',
])
def test_a_wrong_table_is_refused(tmp_path, text):
    with pytest.raises(PackError):
        _pack_with(tmp_path, text).bank_holidays()


def test_a_pack_without_a_table_has_no_bank_holidays(tmp_path):
    from dataclasses import replace

    assert dict(replace(load_pack(), folder=tmp_path).bank_holidays()) == {}


# --- the listing's own choice: editing, the form, moderation, exports ---------------------


def test_the_choice_goes_through_editing_and_its_diff(app):
    with app.app_context():
        service = make_service(county_wide=True)
        before = service_to_data(service)
        assert before["open_on_bank_holidays"] is False
        after = {**before, "open_on_bank_holidays": True}
        assert diff(before, after) == [("open_on_bank_holidays", "Open on bank holidays", False, True)]
        apply_data(service, after)
        assert service.open_on_bank_holidays is True
        # A submission saved before the field existed leaves it as it is.
        apply_data(service, {k: v for k, v in after.items() if k != "open_on_bank_holidays"})
        assert service.open_on_bank_holidays is True
        apply_data(service, before)
        assert service.open_on_bank_holidays is False


def test_the_form_has_the_checkbox(page):
    for posted, expected in (({"open_on_bank_holidays": "y"}, True), ({}, False)):
        form = ListingForm(formdata=MultiDict(posted), meta={"csrf": False})
        assert form.to_data()["open_on_bank_holidays"] is expected
    form = ListingForm(meta={"csrf": False})
    form.fill(listing_data(open_on_bank_holidays=True))
    assert form.open_on_bank_holidays.data is True
    html = form.open_on_bank_holidays()
    assert 'type="checkbox"' in html and "checked" in html
    assert form.open_on_bank_holidays.label.text == "Open on bank holidays"


def test_a_suggestion_to_open_on_bank_holidays_is_shown_approved_and_kept_in_history(app):
    with app.app_context():
        world = build_world()
        live = db.session.get(Service, world.service_id)
        fields = form_fields({**listing_data(), **service_to_data(live), "categories": ["sport"],
                              "open_on_bank_holidays": True})
    contributor, moderator = app.test_client(), app.test_client()
    login(contributor, app, world.users["contributor"], PASSWORD)
    login(moderator, app, world.users["moderator"], PASSWORD)
    url = f"/services/{world.service_id}/suggest"
    form_page = contributor.get(url).get_data(as_text=True)
    assert 'name="open_on_bank_holidays"' in form_page and "Open on bank holidays" in form_page
    response = post(contributor, url, {**fields, "action": "submit"}, token_from=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        submission = db.session.scalar(select(Submission).where(Submission.target_id == world.service_id))
        assert submission.data["open_on_bank_holidays"] is True
        sid = submission.id
    review = moderator.get(f"/moderation/{sid}").get_data(as_text=True)
    row = review[review.index('<th scope="row">Open on bank holidays</th>'):]
    assert row.index("No") < row.index("Yes") < row.index("</tr>")
    with app.app_context():
        submission = db.session.get(Submission, sid)
        moderator_user = db.session.get(User, world.users["moderator"].id)
        operations.decide(moderator_user, submission, "approve", submission.lock_version)
        assert db.session.get(Service, world.service_id).open_on_bank_holidays is True
    history = moderator.get(f"/services/{world.service_id}/history").get_data(as_text=True)
    assert "open_on_bank_holidays" in history


@pytest.mark.parametrize("value, expected", [(True, True), ("true", True), (" TRUE ", True), (False, False),
                                             ("false", False), (None, False), ("", False), (1, False)])
def test_importing_reads_our_exports_field_only(value, expected):
    assert _open_on_bank_holidays({"open_on_bank_holidays": value}) is expected


def test_the_migration_keeps_services_open_all_day_every_day_open_on_bank_holidays(app):
    migrations = str(PROJECT_ROOT / "migrations")
    with app.app_context():
        always = make_service(county_wide=True, schedules=[
            Schedule(weekday=d, opens_at=time(0), closes_at=time(0)) for d in range(7)])
        weekdays = make_service(county_wide=True, schedules=[
            Schedule(weekday=d, opens_at=time(0), closes_at=time(0)) for d in range(5)])
        evenings = make_service(county_wide=True, schedules=[
            Schedule(weekday=d, opens_at=time(18), closes_at=time(21)) for d in range(7)])
        ids = (always.id, weekdays.id, evenings.id)
        db.session.remove()
        downgrade(directory=migrations, revision="c62b4272bb4a")
        upgrade(directory=migrations)
        assert [db.session.get(Service, i).open_on_bank_holidays for i in ids] == [True, False, False]
