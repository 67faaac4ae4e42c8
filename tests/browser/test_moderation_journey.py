"""A volunteer's suggestion goes live only after a moderator approves it, in Chromium."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from directory.accounts.models import Role, User
from directory.extensions import db
from directory.geo.models import Area
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, make_user
from tests.web.helpers import next_code

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(demo_app):
    with demo_app.app_context():
        basildon = db.session.scalar(select(Area).where(Area.slug == "basildon"))
        return {
            "moderator": make_user(Role.MODERATOR, name="Mo"),
            "officer_elsewhere": make_user(Role.DISTRICT_OFFICER, areas=[basildon], name="Bea"),
        }


def sign_in(page, live_server, demo_app, user, password=PASSWORD):
    page.goto(live_server + "/account/login")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if page.url.endswith("/account/login/code"):
        assert_accessible(page)
        with demo_app.app_context():
            code = next_code(db.session.get(User, user.id))
        page.get_by_label("6-digit code from your authenticator app").fill(code)
        page.get_by_role("button", name="Continue").click()
    assert "/account/login" not in page.url, page.content()[:3000]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def fill_listing(page, name):
    page.get_by_label("Organisation that runs it").fill("Canvey Wheels CIC (demo)")
    page.get_by_label("Name of the service").fill(name)
    page.get_by_label("One-line summary").fill("BMX coaching and bike repairs for young people.")
    page.get_by_label("What it is").fill("Learn BMX tricks and how to fix your bike. Bikes and helmets to borrow.")
    page.get_by_label("Sport and fitness").check()
    page.locator("#areas").get_by_label("Castle Point").check()
    page.get_by_label("Youngest age (optional)").fill("11")
    page.get_by_label("Oldest age (optional)").fill("18")
    page.get_by_label("It is free").check()
    page.locator("#delivery_modes").get_by_label("In person").check()
    page.get_by_label("Street address (optional)").fill("Unit 2, Furtherwick Road")
    page.get_by_label("Town (optional)").fill("Canvey Island")
    page.get_by_label("Postcode (optional)").fill("SS8 7AA")
    page.get_by_label("Saturday").fill("10:00-13:00")


def test_volunteer_to_moderator_to_public(browser, live_server, demo_app, staff, mailbox):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    # A volunteer registers and confirms their e-mail from the SMTP server.
    page.goto(live_server + "/account/register")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Vic")
    page.get_by_label("E-mail address").fill("vic@example.org")
    page.get_by_label("Choose a password").fill("tangerine bicycle harbour")
    page.get_by_role("button", name="Register").click()
    assert page.locator("h1").inner_text() == "Check your e-mail"
    link = next(l for l in mailbox.links_to("vic@example.org") if "/account/confirm/" in l)
    page.goto(live_server + urlsplit(link).path)
    page.get_by_role("button", name="Confirm my e-mail address").click()
    page.get_by_label("E-mail address").fill("vic@example.org")
    page.get_by_label("Password").fill("tangerine bicycle harbour")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Your account"

    # They suggest a listing; a mistake is explained next to the field.
    page.get_by_role("link", name="Suggest a new listing").click()
    assert_accessible(page)
    fill_listing(page, "Canvey BMX Club")
    page.get_by_label("Website (optional)").fill("http://not-secure.example")
    page.get_by_role("button", name="Send to a moderator").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    assert page.get_by_label("Name of the service").input_value() == "Canvey BMX Club"
    page.get_by_label("Website (optional)").fill("")
    page.get_by_role("button", name="Send to a moderator").click()
    assert "Waiting for a moderator" in page.locator("table").inner_text()
    assert_accessible(page)
    sign_out(page)

    # Nothing is public yet.
    page.goto(live_server + "/search?q=canvey+bmx")
    assert "Canvey BMX Club" not in page.content()

    # A district officer of another area does not see it, even by address.
    sign_in(page, live_server, demo_app, staff["officer_elsewhere"])
    page.goto(live_server + "/moderation")
    assert "Canvey BMX Club" not in page.content()
    with demo_app.app_context():
        from directory.moderation.models import Submission

        sid = db.session.scalar(select(Submission.id).where(Submission.data["name"].as_string() == "Canvey BMX Club"))
    response = page.goto(live_server + f"/moderation/{sid}")
    assert response.status == 404
    page.goto(live_server + "/")
    sign_out(page)

    # A moderator approves it.
    sign_in(page, live_server, demo_app, staff["moderator"])
    page.goto(live_server + "/moderation")
    assert_accessible(page)
    page.get_by_role("link", name="Canvey BMX Club", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish").click()
    assert "Decision saved" in page.content()
    sign_out(page)

    # The public finds it straight away.
    page.goto(live_server + "/search?q=canvey+bmx")
    page.get_by_role("link", name="Canvey BMX Club", exact=True).click()
    assert "Saturday" in page.content() and "SS8 7AA" in page.content()
    assert "approved" in mailbox.last_to("vic@example.org").get_content()
    context.close()


def test_edit_journey_with_a_request_for_changes(browser, live_server, demo_app, staff, mailbox):
    with demo_app.app_context():
        volunteer = make_user(Role.CONTRIBUTOR, name="Val")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, demo_app, volunteer)
    page.goto(live_server + "/search?q=childline")
    page.get_by_role("link", name="Childline").first.click()
    page.get_by_role("link", name="Suggest an update").click()
    page.get_by_label("Short notice (optional)").fill("New: chat online with a counsellor")
    page.get_by_role("button", name="Send to a moderator").click()
    sign_out(page)

    sign_in(page, live_server, demo_app, staff["moderator"])
    page.goto(live_server + "/moderation")
    page.get_by_role("link", name="Childline").click()
    assert "New: chat online with a counsellor" in page.locator("table.diff").inner_text()
    page.get_by_label("Reason or comments").fill("Please say when the online chat is open.")
    page.get_by_role("button", name="Ask for changes").click()
    sign_out(page)

    assert "Please say when the online chat is open." in mailbox.last_to(volunteer.email).get_content()
    sign_in(page, live_server, demo_app, volunteer)
    page.goto(live_server + "/suggestions")
    assert "Changes asked for" in page.content()
    page.get_by_role("link", name=re.compile("Edit")).first.click()
    assert "Please say when the online chat is open." in page.content()
    page.get_by_label("Short notice (optional)").fill("New: online chat, 9am to midnight")
    page.get_by_role("button", name="Send to a moderator").click()
    sign_out(page)

    sign_in(page, live_server, demo_app, staff["moderator"])
    page.goto(live_server + "/moderation")
    page.get_by_role("link", name="Childline").click()
    page.get_by_role("button", name="Approve and publish").click()
    sign_out(page)

    page.goto(live_server + "/search?q=childline")
    page.get_by_role("link", name="Childline").first.click()
    assert "New: online chat, 9am to midnight" in page.content()
    context.close()


def test_the_demand_report_reads_well_on_a_phone(browser, live_server, demo_app, staff):
    from datetime import timedelta

    from directory.insights import report
    from directory.insights.models import SearchCount

    with demo_app.app_context():
        start, _end = report.period()
        for area, need, results, count in (("harlow", "sport", "many", 31), ("basildon", "exploitation", "none", 7),
                                           ("basildon", "sport", "few", 2), ("colchester", "youth-clubs", "many", 12)):
            db.session.merge(SearchCount(day=start + timedelta(days=8), area=area, need=need, age_band="11-15",
                                         language="en_GB", channel="site", results=results, count=count))
        db.session.commit()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        sign_in(page, live_server, demo_app, staff["moderator"])
        page.goto(live_server + "/insights")
        assert page.locator("h1").inner_text() == "What people look for"
        assert page.locator("figure.chart svg").count() >= 2
        assert page.get_by_role("cell", name="fewer than 5").count() >= 2
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page)
        sign_out(page)
        sign_in(page, live_server, demo_app, staff["officer_elsewhere"])
        page.goto(live_server + "/insights")
        assert "Basildon" in page.content() and "Colchester" not in page.content()
    finally:
        context.close()
