"""A young person on a phone searches, reads results and opens a listing, in Chromium."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser

# Counts CSP violations and any call to the geolocation API (SAFE-6).
WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective));
window.__geoCalls = 0;
if (navigator.geolocation) {
  const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
  navigator.geolocation.getCurrentPosition = (...args) => { window.__geoCalls += 1; return real(...args); };
}
"""


def watch(context, live_server):
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.add_init_script(WATCH_SCRIPT)
    return requests


def assert_only_local(requests, live_server):
    allowed = urlparse(live_server).netloc
    outside = [url for url in requests if urlparse(url).netloc != allowed and not url.startswith("data:")]
    assert not outside, outside


def test_search_by_need_and_town_then_open_a_listing(context, live_server):
    requests = watch(context, live_server)
    page = context.new_page()
    page.goto(live_server + "/")
    assert_accessible(page)
    assert page.evaluate("window.__geoCalls") == 0, "location must not be asked for on load"

    page.get_by_label("What do you need help with?").fill("counselling")
    page.get_by_label("Where?").fill("Harlow")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/results/**")
    assert page.title().startswith("Search results")
    assert "counselling" not in page.title().lower()
    assert page.locator(".card").count() > 0
    assert "away" in page.locator(".card .distance").first.inner_text()
    assert_accessible(page)

    page.locator(".card-title a").first.click()
    page.wait_for_url("**/services/**")
    assert page.locator("h1").inner_text()
    assert page.locator("a[href^='tel:'], a[href^='mailto:'], a[href^='sms:']").count() > 0
    assert_accessible(page)

    assert page.evaluate("window.__cspViolations") == []
    assert_only_local(requests, live_server)


def test_filters_and_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server + "/search")
        assert not page.get_by_role("button", name="Use my location").is_visible()
        page.get_by_label("Sport and fitness").check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**/results/**")
        assert "sport" not in page.url
        assert page.get_by_label("Sport and fitness").is_checked()
        cards = page.locator(".card")
        assert cards.count() > 0
        heading = page.locator("#results-count").inner_text()
        assert "found" in heading
    finally:
        context.close()


def test_use_my_location_only_after_pressing_the_button(browser, live_server):
    context = browser.new_context(
        geolocation={"latitude": 51.7742, "longitude": 0.0948},
        permissions=["geolocation"],
        viewport={"width": 375, "height": 740},
    )
    try:
        requests = watch(context, live_server)
        page = context.new_page()
        page.goto(live_server + "/")
        assert page.evaluate("window.__geoCalls") == 0
        page.get_by_role("button", name="Use my location").click()
        page.wait_for_url("**/results/**")
        assert "lat" not in page.url and "51.7" not in page.url
        first = page.locator(".card .distance").first.inner_text()
        miles = float(first.split(" ")[0]) if first[0].isdigit() else 0.0
        assert miles < 5
        assert_accessible(page)
        assert_only_local(requests, live_server)
    finally:
        context.close()


def test_unknown_place_is_explained_accessibly(context, live_server):
    page = context.new_page()
    response = page.goto(live_server + "/search?near=Harlw")
    assert response.status == 400
    assert page.get_by_role("alert").inner_text().startswith("There is a problem")
    asked = page.url
    page.get_by_role("button", name="Harlow").click()
    page.wait_for_url(lambda url: url != asked)
    page.wait_for_load_state()
    assert page.locator(".card").count() > 0
    assert_accessible(page)


def test_error_pages_are_accessible(context, live_server):
    page = context.new_page()
    response = page.goto(live_server + "/no-such-page")
    assert response.status == 404
    assert_accessible(page)


def _answer_exit(context):
    # /exit (which clears the session and redirects to the neutral site; see the web
    # tests) is answered here, so the test never reaches the internet.
    context.route("**/exit", lambda route: route.fulfill(body="<title>Left</title>", content_type="text/html"))


def _type_like_a_person(page, text: str) -> None:
    """Real key presses, holding Shift down for each capital as a person does."""
    for ch in text:
        if ch.isupper():
            page.keyboard.down("Shift")
            page.keyboard.press(ch)
            page.keyboard.up("Shift")
        else:
            page.keyboard.press("Space" if ch == " " else ch)


def test_pressing_shift_three_times_leaves_the_site(context, live_server):
    _answer_exit(context)
    page = context.new_page()
    page.goto(live_server + "/search?q=drugs")
    entries = page.evaluate("history.length")
    page.keyboard.press("Shift")
    assert page.locator("[data-exit-progress]").is_visible()
    assert page.locator("[data-exit-announce]").inner_text() == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert page.locator("[data-exit-announce]").inner_text() == "Shift, press 1 more time to exit."
    assert page.url.startswith(live_server + "/results/")
    page.keyboard.press("Shift")
    page.wait_for_url("**/exit")
    assert page.title() == "Left"
    # Leaving replaces the page, so Back does not return to it.
    assert page.evaluate("history.length") == entries


@pytest.mark.parametrize("typed", ["CM20 1AA", "I live in Saffron Walden near Harlow", "SS0 7AA CO15 1AB"])
def test_typing_capitals_never_leaves_by_accident(context, live_server, typed):
    _answer_exit(context)
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_label("Where?").click()
    _type_like_a_person(page, typed)
    page.wait_for_timeout(200)
    assert page.url == live_server + "/"
    assert page.get_by_label("Where?").input_value() == typed


def test_any_other_key_starts_the_count_again(context, live_server):
    _answer_exit(context)
    page = context.new_page()
    page.goto(live_server + "/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    assert page.locator("[data-exit-progress]").is_hidden()
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert page.url == live_server + "/"


def test_the_exit_button_stays_in_view_and_blanks_the_page(context, live_server):
    _answer_exit(context)
    page = context.new_page()
    page.goto(live_server + "/search?q=football")
    entries = page.evaluate("history.length")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    assert page.evaluate("window.scrollY") > 500
    box = page.locator(".exit-button").bounding_box()
    assert box is not None and 0 <= box["y"] < 60
    page.locator(".exit-button").click()
    page.wait_for_url("**/exit")
    assert page.evaluate("history.length") == entries


def test_the_exit_is_first_after_the_skip_link_and_never_covered(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Exit this page"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "exit-button"
    # The focused skip link takes its own line: the exit button stays uncovered.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    skip = page.locator(".skip-link").first.bounding_box()
    button = page.locator(".exit-button").bounding_box()
    assert skip["y"] + skip["height"] <= button["y"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_crisis_search_shows_help_now_on_the_first_screen_of_a_small_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_label("What do you need help with?").fill("i dont want to be here anymore")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/results/**")
    panel = page.locator(".help-now-panel")
    box = panel.bounding_box()
    assert box is not None and box["y"] < 640, box
    assert panel.get_by_role("link", name="Call 999").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize("path", ["/cover-your-tracks", "/privacy", "/help-now", "/categories", "/areas",
                                  "/areas/harlow/services", "/results/ended-or-never-made"])
def test_information_pages_are_accessible_on_a_phone(context, live_server, path):
    page = context.new_page()
    assert page.goto(live_server + path).status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
