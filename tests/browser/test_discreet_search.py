"""Discreet search in Chromium (issue 12): words, postcode and location never reach an address.

A young person searches by words, postcode, age and "use my location", filters,
pages, goes back and forward. Every address the browser asked for, every page
title and the server's request log are then searched for what was typed.
"""
from __future__ import annotations

import logging

import pytest

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser

WORDS = "talk"
POSTCODE = "CM20 1AB"
LATITUDE, LONGITUDE = 51.7742, 0.0948
# Every way what was typed could appear in an address or a log line.
SECRETS = [WORDS, "CM20", "cm20", "1AB", "1ab", "51.77", "0.094", "0.095", "lat=", "lon=", "?age=", "&age=", "q=",
           "near="]


def test_nothing_typed_reaches_an_address_a_title_or_the_log(browser, live_server, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")
    context = browser.new_context(geolocation={"latitude": LATITUDE, "longitude": LONGITUDE},
                                  permissions=["geolocation"], viewport={"width": 375, "height": 740})
    visited: list[str] = []
    titles: list[str] = []
    context.on("request", lambda request: visited.append(request.url))
    try:
        page = context.new_page()
        page.on("load", lambda _: titles.append(page.title()))
        page.goto(live_server + "/")
        page.get_by_label("What do you need help with?").fill(WORDS)
        page.get_by_label("Where?").fill(POSTCODE)
        page.get_by_label("Your age (optional)").fill("15")
        page.get_by_role("button", name="Search", exact=True).click()
        page.wait_for_url("**/results/**")
        first = page.url
        assert "nearest first" in page.content() and page.locator(".card").count() == 20
        assert page.get_by_label("What do you need help with?").input_value() == WORDS

        page.get_by_role("link", name="Next page").click()
        page.wait_for_url("**?page=2")
        assert "Page 2 of" in page.locator(".pagination").inner_text()

        page.locator(".filters input[name=mode][value=phone]").check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(lambda url: "/results/" in url and url.split("?")[0] != first)
        filtered = page.url
        assert page.locator(".filters input[name=mode][value=phone]").is_checked()
        assert_accessible(page)

        page.go_back()
        assert "Page 2 of" in page.locator(".pagination").inner_text()
        page.go_back()
        assert page.url == first and page.get_by_label("Where?").input_value() == POSTCODE
        page.go_forward()
        page.go_forward()
        assert page.url == filtered

        page.get_by_text("Change search").click()
        page.get_by_role("button", name="Use my location").click()
        page.wait_for_url(lambda url: "/results/" in url and url != filtered)
        assert "near your location" in page.content()
        visited.append(page.url)
    finally:
        context.close()

    pages = [url for url in visited if url.startswith(live_server)]
    assert len(pages) > 10 and len(titles) >= 6
    log = "\n".join(record.getMessage() for record in caplog.records if record.name == "werkzeug")
    assert "POST /search" in log and "/results/" in log
    for secret in SECRETS:
        assert not [url for url in pages if secret in url], secret
        assert not [title for title in titles if secret in title], secret
        assert secret not in log, secret
