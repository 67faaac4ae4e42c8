"""Results a young person can use on a phone, in real Chromium at 360 x 740: services on
the first screen, national lines beside local ones, a map drawn on the server, a list
to keep and print, tab order that follows the page, errors the GOV.UK way.

Screenshots of the results page go to SCREENSHOT_DIR if it is set (the README's)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
FIRST_SCREEN = PHONE["height"]

# (what, where): with a place and without, a need in words, a typo, a postcode.
QUERIES = [
    ("football", "Harlow"),
    ("someone to talk to", "Harlow"),
    ("drugs", "CM20 1AA"),
    ("youth club", ""),
    ("counciling", ""),
    ("", "Colchester"),
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


def search(page, live_server, what: str, where: str = "") -> None:
    page.goto(live_server + "/")
    page.get_by_label("What do you need help with?").fill(what)
    page.get_by_label("Where?").fill(where)
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/results/**")


def top(page, selector: str) -> float:
    """The element's top edge, measured from the top of the page."""
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def assert_focus_on_error_summary(page) -> None:
    page.wait_for_load_state()
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('error-summary')",
                           timeout=5000)


@pytest.mark.parametrize(("what", "where"), QUERIES)
def test_the_first_result_is_on_the_first_screen(phone, live_server, what, where):
    page = phone.new_page()
    search(page, live_server, what, where)
    first = page.locator(".card, .wherever-item").first
    assert first.count() == 1, "the demo has services for every query here"
    assert top(page, ".card, .wherever-item") < FIRST_SCREEN - 60, "the first result's name must be on screen"
    # Advice comes after the first services, never before them.
    if page.locator(".related-pages").count():
        assert top(page, ".related-pages") > top(page, ".card, .wherever-item")
    # The filters come after the results, on screen and in the page.
    assert top(page, ".filters") > top(page, ".results .card, .results .wherever-item")


def test_national_lines_are_beside_the_nearest_local_ones(phone, live_server):
    page = phone.new_page()
    search(page, live_server, "someone to talk to", "Harlow")
    heading = page.get_by_role("heading", name="By phone, text or online, wherever you are")
    assert heading.is_visible()
    assert heading.evaluate("e => e.getBoundingClientRect().top") < FIRST_SCREEN
    group = page.locator(".wherever")
    assert "Childline" in group.inner_text()
    # A tap to call, on the first screen.
    call = group.locator("a[href^='tel:']").first
    assert call.evaluate("e => e.getBoundingClientRect().bottom") < FIRST_SCREEN
    # Not listed twice: a service in the group is not in the distance list.
    grouped = set(group.locator(".card-title a").evaluate_all("links => links.map(a => a.href)"))
    listed = set(page.locator(".cards .card-title a").evaluate_all("links => links.map(a => a.href)"))
    assert grouped and not grouped & listed
    assert_accessible(page)


def test_no_other_districts_hub_among_the_advice(phone, live_server):
    page = phone.new_page()
    search(page, live_server, "county lines", "Harlow")
    links = page.locator(".related-pages a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    hubs = [href for href in links if href.startswith("/areas/")]
    assert all(href.startswith("/areas/harlow") for href in hubs), hubs


def test_the_map_has_a_marker_for_each_numbered_result(phone, live_server):
    page = phone.new_page()
    search(page, live_server, "youth club", "Harlow")
    svg = page.locator(".results-map svg")
    assert svg.count() == 1
    assert svg.get_attribute("aria-labelledby")
    markers = svg.locator("a")
    hrefs = markers.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs, "the results near Harlow have places to go to"
    numbered = page.locator(".cards .card[id^='result-']").evaluate_all("cards => cards.map(c => '#' + c.id)")
    assert set(hrefs) <= set(numbered)
    # Every card with a distance has a place, so a marker.
    with_distance = page.locator(".cards .card:has(.distance)").evaluate_all("cards => cards.map(c => '#' + c.id)")
    assert set(with_distance) == set(hrefs)
    for href in hrefs:
        label = svg.locator(f"a[href='{href}']").get_attribute("aria-label")
        number = href.removeprefix("#result-")
        name = page.locator(f"{href} .card-title a").inner_text()
        assert label == f"{number}: {name}"
    # No tile server: the map is inline and nothing was fetched for it.
    assert page.locator(".results-map img, .results-map iframe").count() == 0
    markers.first.click()
    assert page.url.endswith(hrefs[0])
    assert_accessible(page)


def test_a_kept_list_survives_a_reload_and_prints_on_two_pages_at_most(phone, live_server):
    page = phone.new_page()
    search(page, live_server, "football", "Harlow")
    boxes = page.get_by_label("Keep in my list")
    names = [page.locator(".card-title a").nth(i).inner_text() for i in range(3)]
    for i in range(3):
        boxes.nth(i).check()
    assert page.locator("[data-saved-count]").inner_text() == " (3)"
    page.get_by_role("link", name=re.compile("My list")).click()
    page.wait_for_url("**/saved?**")
    assert page.title().startswith("My list"), "a neutral title, as history is seen by others"
    for name in names:
        assert page.get_by_role("heading", name=name).is_visible()
    assert_accessible(page)

    # Kept in the browser: the bare list address shows it after a reload.
    page.goto(live_server + "/saved")
    page.wait_for_url("**/saved?**")
    page.reload()
    assert page.locator(".kept-item").count() == 3
    assert not [c for c in page.context.cookies() if "kept" in c["name"]], "no cookie holds the list"

    page.emulate_media(media="print")
    for hidden in (".exit-bar", ".site-header nav", ".site-footer", "[data-print]", "#share-link"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".print-only").is_visible()
    # Phone numbers are printed in full.
    phones = page.locator(".kept-item a[href^='tel:']").all_inner_texts()
    assert phones and all(re.search(r"\d{3}", number) for number in phones)
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages

    page.emulate_media(media="screen")
    page.get_by_role("link", name=re.compile("^Remove from my list")).first.click()
    page.wait_for_url("**/saved?**")
    assert page.locator(".kept-item").count() == 2
    page.goto(live_server + "/saved")
    page.wait_for_url("**/saved?**")
    assert page.locator(".kept-item").count() == 2


def test_ticked_services_are_shown_together_without_javascript(browser, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        search(page, live_server, "football", "Harlow")
        first, second = (page.locator(".card-title a").nth(i).inner_text() for i in range(2))
        boxes = page.get_by_label("Keep in my list")
        boxes.nth(0).check()
        boxes.nth(1).check()
        page.get_by_role("button", name="Show the services I ticked, to print or share").click()
        page.wait_for_url("**/saved?**")
        assert [h.strip() for h in page.locator(".kept-item h2").all_inner_texts()] == [first, second]
        share = page.get_by_label("Link to this list").input_value()
        assert share.count("id=") == 2
        # The change-search form opens without JavaScript too.
        page.go_back()
        page.get_by_text("Change search").click()
        assert page.get_by_label("What do you need help with?").input_value() == "football"
    finally:
        context.close()


def test_tab_order_follows_the_page(phone, live_server):
    page = phone.new_page()
    search(page, live_server, "someone to talk to", "Harlow")
    page.locator("main").focus()
    tops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        place = page.evaluate("""() => {
            const e = document.activeElement;
            if (!e || !e.closest('main')) return null;
            // The map's markers go in number order, not down the page: the map is
            // one stop in the page's order, where its top edge is.
            const box = (e.closest('.results-map') || e).getBoundingClientRect();
            return [box.top + window.scrollY, e.outerHTML.slice(0, 80)];
        }""")
        if place is None:
            break
        tops.append(place)
    assert len(tops) > 20
    for (before, was), (after, now) in zip(tops, tops[1:], strict=False):
        assert after >= before - 4, f"focus went up the page: {was} -> {now}"


def test_errors_move_focus_to_the_summary_and_say_so_in_the_title(phone, live_server):
    page = phone.new_page()
    search(page, live_server, "football", "Nowhereville Upon Sea")
    assert page.title().startswith("Error:")
    assert_focus_on_error_summary(page)
    assert_accessible(page)

    page.goto(live_server + "/")
    page.get_by_label("Your age (optional)").fill("130")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.title().startswith("Error:")
    assert_focus_on_error_summary(page)

    # A form page: the problem report, sent empty.
    search(page, live_server, "football", "Harlow")
    page.locator(".card-title a").first.click()
    page.get_by_role("link", name="Report a problem with this listing").click()
    page.get_by_role("button", name=re.compile("Send")).click()
    assert page.title().startswith("Error:")
    assert_focus_on_error_summary(page)
    assert_accessible(page)


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["360", "1280"])
def test_new_page_states_have_no_axe_violations(browser, live_server, size):
    context = browser.new_context(viewport=size)
    try:
        page = context.new_page()
        search(page, live_server, "someone to talk to", "Harlow")
        assert_accessible(page)
        page.get_by_text("Change search").click()
        assert_accessible(page)
        page.get_by_label("Keep in my list").first.check()
        page.get_by_role("link", name=re.compile("My list")).click()
        page.wait_for_url("**/saved?**")
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "long addresses wrap"
        page.goto(live_server + "/saved")
        page.evaluate("localStorage.clear()")
        page.goto(live_server + "/saved")
        assert page.get_by_text("Your list is empty.").is_visible()
        assert_accessible(page)
        search(page, live_server, "youth club", "Harlow")
        page.locator(".card-title a").first.click()
        page.wait_for_url("**/services/**")
        assert page.locator(".service-map svg").count() == 1
        assert_accessible(page)
        # No sideways scrolling at either width.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_screenshots_for_the_readme(browser, live_server):
    """Saves the results page at 360 and 1280 px when SCREENSHOT_DIR is set; either
    way, checks the first screen at each width holds the first result."""
    folder = os.environ.get("SCREENSHOT_DIR")
    for name, size in (("results-360.png", PHONE), ("results-1280.png", LAPTOP)):
        context = browser.new_context(viewport=size)
        try:
            page = context.new_page()
            search(page, live_server, "someone to talk to", "Harlow")
            first = page.locator(".card, .wherever-item").first
            assert first.evaluate("e => e.getBoundingClientRect().top") < size["height"]
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(folder) / name), full_page=False)
        finally:
            context.close()
