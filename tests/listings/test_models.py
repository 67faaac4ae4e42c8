from datetime import datetime, time

import pytest

from directory.listings.models import Location, Phone, Schedule, Service, public_location


def test_public_location_shows_an_ordinary_address_in_full():
    location = Location(name="Youth centre", address_1="1 High St", address_2="", city="Harlow",
                        postal_code="CM20 1AB", latitude=51.768170, longitude=0.095332,
                        accessibility="Step-free", confidential=False)
    shown = public_location(location)
    assert shown.address_lines == ("1 High St",)
    assert (shown.postal_code, shown.latitude) == ("CM20 1AB", 51.768170)


def test_confidential_location_keeps_only_town_district_and_rounded_point():
    refuge = Location(name="Safe house", address_1="12 Secret Road", address_2="Flat 2",
                      city="Harlow", postal_code="CM20 1AB", latitude=51.768170,
                      longitude=0.095332, accessibility="Ring the bell", confidential=True)
    shown = public_location(refuge)
    assert shown.name == "" and shown.address_lines == () and shown.accessibility == ""
    assert shown.city == "Harlow" and shown.postal_code == "CM20"
    assert (shown.latitude, shown.longitude) == (51.77, 0.10)


@pytest.mark.parametrize("low, high, age, ok", [
    (11, 19, 11, True), (11, 19, 19, True), (11, 19, 10, False), (11, 19, 20, False),
    (None, 18, 3, True), (18, None, 70, True), (18, None, 17, False), (None, None, 15, True),
])
def test_accepts_age(low, high, age, ok):
    assert Service(minimum_age=low, maximum_age=high).accepts_age(age) is ok


def test_safeguarding_badge_needs_all_three_checks():
    service = Service(safeguarding_policy=True, staff_dbs_checked=True, safeguarding_lead="")
    assert not service.safeguarding_assured
    service.safeguarding_lead = "Sam Smith"
    assert service.safeguarding_assured


def test_vvu_commissioned():
    assert Service(commissioned_by="VVU").vvu_commissioned
    assert not Service(commissioned_by=None).vvu_commissioned


@pytest.mark.parametrize("opens, closes, moment, is_open", [
    (time(18), time(21), datetime(2026, 11, 24, 18, 0), True),   # Tuesday
    (time(18), time(21), datetime(2026, 11, 24, 21, 0), False),
    (time(18), time(21), datetime(2026, 11, 25, 19, 0), False),  # Wednesday
    (time(0), time(0), datetime(2026, 11, 24, 3, 0), True),      # all day
    (time(22), time(2), datetime(2026, 11, 24, 23, 30), True),   # past midnight
])
def test_schedule_is_open_at(opens, closes, moment, is_open):
    assert Schedule(weekday=1, opens_at=opens, closes_at=closes).is_open_at(moment) is is_open


def test_phone_dial_keeps_digits_and_plus():
    assert Phone(number="0800 1111").dial == "08001111"
    assert Phone(number="+44 (0)20 7946 0123").dial == "+4402079460123"
