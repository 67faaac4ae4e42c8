"""Comms staff write, preview, schedule and publish a campaign, in Chromium.

The server runs in this process, so moving the clock moves it for the site too.
"""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from PIL import Image

from directory.accounts.models import Role
from tests.browser.axe import assert_accessible
from tests.browser.test_moderation_journey import sign_in
from tests.factories import make_user

pytestmark = pytest.mark.browser


def poster(tmp_path):
    path = tmp_path / "hero.png"
    image = Image.new("RGB", (640, 320), (29, 78, 137))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_comms_schedule_a_campaign_that_shows_while_live(browser, live_server, demo_app, tmp_path):
    with demo_app.app_context():
        comms = make_user(Role.COMMS, name="Cam")
    start = datetime.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    today = date.today()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, demo_app, comms)
    page.goto(live_server + "/content")
    assert_accessible(page)
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Web address name").fill("step-up-speak-out")
    page.get_by_label("Title").fill("Step up, speak out")
    page.get_by_label("Summary").fill("Seen someone being drawn into selling drugs? You can tell someone safely.")
    page.get_by_label("Key messages").fill("You can report without giving your name\nExploited young people are victims")
    page.get_by_label("Page text").fill("## Why it matters\n\nGangs **groom** young people. "
                                        "[Fearless](https://www.fearless.org) lets you tell them safely.\n\n"
                                        "<script>alert('no')</script>")
    page.get_by_label("Calls to action").fill("Call Crimestoppers | tel:0800555111\nTell Fearless | https://www.fearless.org")
    page.get_by_label("Main image (PNG, JPEG or WebP, under 2 MB)").set_input_files(str(poster(tmp_path)))
    page.get_by_label("Describe the image for people who cannot see it").fill("A blue banner")
    page.get_by_label("Campaign starts").fill(today.isoformat())
    page.get_by_label("Campaign ends").fill((today + timedelta(days=3)).isoformat())
    page.get_by_label("Feature on the home page while it runs").check()
    page.get_by_label("Status").select_option("published")
    page.get_by_label("Publish at (optional)").fill(start.strftime("%Y-%m-%dT%H:%M"))

    page.get_by_role("button", name="Preview").click()
    assert page.get_by_text("This is a preview. Nothing is saved yet.").is_visible()
    preview = page.get_by_role("article", name="Preview")
    assert preview.locator("h2", has_text="Why it matters").is_visible()
    assert preview.locator("script").count() == 0
    assert_accessible(page)
    page.get_by_label("Main image (PNG, JPEG or WebP, under 2 MB)").set_input_files(str(poster(tmp_path)))
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_text("Saved.").is_visible()
    assert "Scheduled" in page.content()
    context.close()

    public = browser.new_context(viewport={"width": 390, "height": 844})
    visitor = public.new_page()
    visitor.goto(live_server + "/")
    assert "Step up, speak out" not in visitor.content()
    visitor.goto(live_server + "/search?q=speak+out+fearless")
    assert "Step up, speak out" not in visitor.content()

    with time_machine.travel(start + timedelta(minutes=5), tick=True):
        visitor.goto(live_server + "/")
        visitor.get_by_role("link", name="Step up, speak out").click()
        assert visitor.locator("img.hero").get_attribute("alt") == "A blue banner"
        assert visitor.get_by_role("link", name="Call Crimestoppers").get_attribute("href") == "tel:0800555111"
        assert_accessible(visitor)
        visitor.goto(live_server + "/search?q=speak+out")
        assert visitor.get_by_role("link", name="Step up, speak out").is_visible()

    with time_machine.travel(datetime.combine(today + timedelta(days=4), datetime.min.time()), tick=True):
        visitor.goto(live_server + "/")
        assert "Step up, speak out" not in visitor.content()
        visitor.goto(live_server + "/search?q=speak+out")
        assert "Step up, speak out" not in visitor.content()
        visitor.goto(live_server + "/campaigns")
        assert "Past campaigns" in visitor.content()
    public.close()
