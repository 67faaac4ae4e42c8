"""Arabic (right to left) and Polish pages in real Chromium, on a phone and a laptop:
no axe violations, no sideways scrolling, a mirrored layout with numbers kept left
to right. Screenshots of the Arabic results page go to SCREENSHOT_DIR if it is set."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.axe import assert_accessible

SIZES = {"phone": (360, 740), "laptop": (1280, 800)}


def _results(page, base: str, locale: str) -> None:
    page.goto(f"{base}/{locale}/")
    page.fill("#q", "football")
    page.fill("#near", "Harlow")
    page.locator("form.search-form button[type=submit]").first.click()
    page.wait_for_url(f"**/{locale}/results/**")


def _fits(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"


@pytest.mark.parametrize("locale", ["ar", "pl"])
@pytest.mark.parametrize("size", list(SIZES))
def test_pages_read_well_in_arabic_and_polish(browser, live_server, locale, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for path in ("/", "/help-now", "/languages", "/advice/knife-crime-carrying-makes-you-less-safe"):
            page.goto(f"{live_server}/{locale}{path}")
            assert page.get_attribute("html", "lang") == locale
            _fits(page)
            assert_accessible(page)
        _results(page, live_server, locale)
        _fits(page)
        assert_accessible(page)
        page.locator(".card-title a").first.click()
        page.wait_for_load_state()
        _fits(page)
        assert_accessible(page)
    finally:
        context.close()


def test_arabic_results_are_mirrored_with_numbers_left_to_right(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        _results(page, live_server, "ar")
        assert page.get_attribute("html", "dir") == "rtl"
        name = page.locator(".site-name").bounding_box()
        assert name["x"] + name["width"] > 360 / 2, "the site name should start on the right"
        notice = page.locator(".notice").first
        borders = notice.evaluate("e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]")
        assert borders[0] != "0px" and borders[1] == "0px", borders
        phone = page.locator(".site-footer bdi").first
        assert phone.evaluate("e => getComputedStyle(e).direction") == "ltr"
        folder = os.environ.get("SCREENSHOT_DIR")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / "results-ar-360.png"), full_page=False)
            page.set_viewport_size({"width": 1280, "height": 800})
            page.screenshot(path=str(Path(folder) / "results-ar-1280.png"), full_page=False)
    finally:
        context.close()


def test_choosing_a_language_keeps_the_page_and_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/privacy")
        page.locator(".nav-language").click()
        page.wait_for_url("**/languages?next=/privacy")
        page.locator('a[lang="uk"]').click()
        page.wait_for_url("**/uk/privacy")
        assert page.get_attribute("html", "lang") == "uk"
        assert page.locator(".exit-button").inner_text() != "Exit this page"
    finally:
        context.close()
