"""The site in the county's languages (issue 11): the language in the address,
choosing one, right to left, needs typed in any shipped language, services in a
language, translated awareness pages and e-mails in the recipient's language."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from content import operations as content_operations
from content import translations
from content.models import Page, PageKind
from directory.accounts.models import Role, User
from directory.counties.pack import load_pack
from directory.extensions import db
from directory.i18n.locales import safe_next
from directory.i18n.models import WordingReport
from directory.listings.languages import code_for, codes_from
from directory.listings.models import Service
from tests.factories import PASSWORD, make_user
from tests.web.helpers import post

LOCALES = load_pack().community_languages
RTL = {"ar", "ur"}


def _html(response) -> str:
    return response.get_data(as_text=True)


# --- the language in the address -------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_has_its_own_address_with_lang_and_dir(client, locale):
    html = _html(client.get(f"/{locale}/"))
    assert f'<html lang="{locale}" dir="{"rtl" if locale in RTL else "ltr"}">' in html
    # Every link to the site's own pages stays in the language (files have one address for all).
    links = [href for href in re.findall(r'href="(/[^"]*)"', html) if not href.startswith(("/static/", "/assets/"))]
    assert links and all(href.startswith(f"/{locale}/") or href == f"/{locale}" for href in links), links


def test_english_has_no_prefix_and_every_page_lists_its_alternates(client):
    html = _html(client.get("/privacy"))
    assert '<html lang="en-GB" dir="ltr">' in html
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates["en-GB"] == alternates["x-default"] == "http://localhost/privacy"
    assert {alternates[code] for code in LOCALES} == {f"http://localhost/{code}/privacy" for code in LOCALES}
    polish = _html(client.get("/pl/privacy"))
    assert '<link rel="canonical" href="http://localhost/pl/privacy">' in polish


def test_results_pages_have_no_alternates(client):
    search = client.post("/pl/search", data={"q": "football"})
    assert search.status_code == 303 and search.headers["Location"].startswith("/pl/results/")
    html = _html(client.get(search.headers["Location"]))
    assert "hreflang" not in html.split("</head>")[0] and 'name="robots" content="noindex"' in html


def test_the_browser_language_is_suggested_never_forced(client):
    response = client.get("/", headers={"Accept-Language": "ro-RO,ro;q=0.9,en;q=0.5"})
    html = _html(response)
    assert response.status_code == 200 and "Accept-Language" in response.headers["Vary"]
    notice = re.search(r'<p class="notice notice--language" lang="ro"[^>]*>(.*?)</p>', html, re.S)
    assert notice and 'href="/ro/"' in notice.group(1) and "Română" in notice.group(1)
    assert "notice--language" not in _html(client.get("/", headers={"Accept-Language": "en-GB,en"}))
    # On a page already in a language, nothing is suggested.
    assert 'lang="ro"' not in _html(client.get("/pl/", headers={"Accept-Language": "ro"})).split("<main")[1]


def test_an_unreviewed_translation_says_so_with_a_way_to_report_wording(client):
    html = _html(client.get("/pl/privacy"))
    notice = re.search(r'<p class="notice notice--language">(.*?)</p>', html, re.S).group(1)
    assert 'href="/pl/languages?next=/privacy#wording"' in notice
    assert "notice--language" not in _html(client.get("/privacy"))


def test_the_languages_page_names_each_language_in_its_own_script(client):
    html = _html(client.get("/ar/languages", query_string={"next": "/services?page=2"}))
    for code, own in (("pl", "Polski"), ("uk", "Українська"), ("ar", "العربية"), ("bn", "বাংলা")):
        assert re.search(rf'<a href="/{code}/services\?page=2" lang="{code}" hreflang="{code}"[^>]*>{own}</a>', html)
    assert re.search(r'<a href="/services\?page=2" lang="en-GB"', html)


@pytest.mark.parametrize("value", ["//evil.example", "https://evil.example", "/\\evil.example", "", None])
def test_coming_back_never_leaves_the_site(value):
    assert safe_next(value) == "/"


def test_a_wording_problem_is_kept_for_staff(app):
    client = app.test_client()
    page = "/pl/languages?next=/privacy"
    empty = post(client, page, {"message": "", "page": "/privacy"}, token_from=page)
    assert empty.status_code == 400
    sent = post(client, page, {"message": "„Szybkie wyjście” brzmi dziwnie", "page": "/privacy"}, token_from=page)
    assert sent.status_code == 200
    bot = post(client, page, {"message": "spam", "page": "/x", "website": "http://spam"}, token_from=page)
    assert bot.status_code == 200
    with app.app_context():
        reports = db.session.scalars(select(WordingReport)).all()
        assert [(r.locale, r.page, r.message) for r in reports] == [("pl", "/privacy", "„Szybkie wyjście” brzmi dziwnie")]


def test_robots_keeps_every_language_of_the_staff_screens_private(client):
    robots = _html(client.get("/robots.txt"))
    for code in LOCALES:
        assert f"Disallow: /{code}/account" in robots and f"Disallow: /{code}/results/" in robots


def test_the_sitemap_lists_each_page_once(client):
    sitemap = _html(client.get("/sitemap.xml"))
    assert "http://localhost/privacy<" in sitemap and "/pl/" not in sitemap


def test_distances_use_the_locales_decimal_mark(client):
    search = client.post("/pl/search", data={"q": "football", "near": "Harlow"})
    html = _html(client.get(search.headers["Location"]))
    assert re.search(r"\d,\d", html.split('class="results"', 1)[1])


# --- needs typed in any shipped language -----------------------------------------------

NEEDS = {
    "pl": [("narkotyki", "drugs-alcohol"), ("narkotyky", "drugs-alcohol"), ("nóż", "knife-crime"),
           ("noz", "knife-crime"), ("depresja", "mental-health"), ("piłka nożna", "sport"),
           ("nie mam gdzie spać", "housing")],
    "ro": [("droguri", "drugs-alcohol"), ("drogurii", "drugs-alcohol"), ("cuțit", "knife-crime"),
           ("cutit", "knife-crime"), ("depresie", "mental-health"), ("fotbal", "sport")],
    "lt": [("narkotikai", "drugs-alcohol"), ("narkotkai", "drugs-alcohol"), ("peilis", "knife-crime"),
           ("depresija", "mental-health"), ("futbolas", "sport")],
    "pt": [("drogas", "drugs-alcohol"), ("droggas", "drugs-alcohol"), ("faca", "knife-crime"),
           ("depressão", "mental-health"), ("depressao", "mental-health"), ("futebol", "sport")],
    "bg": [("наркотици", "drugs-alcohol"), ("наркотци", "drugs-alcohol"), ("нож", "knife-crime"),
           ("депресия", "mental-health"), ("футбол", "sport")],
    "tr": [("uyuşturucu", "drugs-alcohol"), ("uyusturucu", "drugs-alcohol"), ("uyuşturcu", "drugs-alcohol"),
           ("bıçak", "knife-crime"), ("depresyon", "mental-health"), ("futbol", "sport")],
    "uk": [("наркотики", "drugs-alcohol"), ("наркотікі", "drugs-alcohol"), ("ніж", "knife-crime"),
           ("депресія", "mental-health"), ("футбол", "sport")],
    "bn": [("মাদক", "drugs-alcohol"), ("ছুরি", "knife-crime"), ("বিষণ্ণতা", "mental-health"), ("ফুটবল", "sport")],
    "ur": [("منشیات", "drugs-alcohol"), ("چاقو", "knife-crime"), ("ڈپریشن", "mental-health"), ("فٹبال", "sport")],
    "ar": [("مخدرات", "drugs-alcohol"), ("المخدرات", "drugs-alcohol"), ("مخدرت", "drugs-alcohol"),
           ("سكين", "knife-crime"), ("اكتئاب", "mental-health"), ("كرة القدم", "sport")],
}
CASES = [(locale, text, category) for locale, cases in NEEDS.items() for text, category in cases]


def test_every_shipped_language_has_needs_in_the_table():
    assert set(NEEDS) == set(LOCALES)


@pytest.mark.parametrize("locale, text, category", CASES)
def test_a_need_typed_in_the_readers_language_finds_that_help_first(client, locale, text, category):
    answer = client.get(f"/{locale}/api/v1/search", query_string={"q": text}).get_json()
    assert answer["total"] > 0, text
    top = [category in service["categories"] for service in answer["results"][:5]]
    assert top[0] and sum(top) >= 3, text
    assert "did_you_mean" not in answer and "showing_results_for" not in answer


@pytest.mark.parametrize("locale, text, category", [c for c in CASES if c[1] in
                                                     {"narkotyki", "droguri", "наркотики", "مخدرات", "মাদক"}])
def test_the_same_words_work_on_an_english_page(client, locale, text, category):
    answer = client.get("/api/v1/search", query_string={"q": text}).get_json()
    assert answer["results"] and category in answer["results"][0]["categories"]


def test_english_typos_are_still_corrected_in_english(client):
    answer = client.get("/api/v1/search", query_string={"q": "fotball"}).get_json()
    assert answer["showing_results_for"] == "football"


@pytest.mark.parametrize("text", ["Я не знаю", "আমি ভালো আছি", "مرحبا بكم", "שלום", "你好", "👍🏽 ¿¡", "ق" * 150])
def test_other_scripts_never_crash_or_get_english_suggestions(client, text):
    response = client.get("/pl/api/v1/search", query_string={"q": text})
    assert response.status_code == 200
    assert "did_you_mean" not in response.get_json() and "showing_results_for" not in response.get_json()


def test_the_results_page_shows_the_understood_need_in_the_readers_language(client):
    search = client.post("/pl/search", data={"q": "narkotyki"})
    html = _html(client.get(search.headers["Location"]))
    polish_name = load_pack().folder / "languages" / "pl.toml"
    import tomllib

    name = tomllib.loads(polish_name.read_text())["categories"]["drugs-alcohol"]["name"]
    assert re.search(rf"<strong>{re.escape(name)}</strong>", html)


# --- services in my language --------------------------------------------------------------


def test_language_names_and_codes_both_become_codes():
    assert codes_from("English, Polish,British Sign Language,pl,xx,") == ["en", "pl", "bfi"]
    assert code_for("Arabic") == "ar" and code_for("nonsense") is None


def test_the_api_and_results_filter_by_language(client, demo_app):
    answer = client.get("/api/v1/search", query_string={"language": "pl"}).get_json()
    with demo_app.app_context():
        polish = {s.id for s in db.session.scalars(select(Service)) if "pl" in s.language_codes}
    assert polish and {s["id"] for s in answer["results"]} <= polish and answer["total"] == len(polish)
    assert all("pl" in s["languages"] for s in answer["results"])
    assert answer["facets"]["language"]["pl"] == len(polish)
    assert client.get("/api/v1/search", query_string={"language": "Polish!"}).status_code == 400


def test_a_service_in_the_readers_language_says_so_on_its_card(client):
    search = client.post("/pl/search", data={"language": "pl"})
    html = _html(client.get(search.headers["Location"]))
    cards = html.split('class="card"')[1:]
    assert cards and all("badge--language" in card for card in cards)
    english = client.post("/search", data={"language": "pl"})
    assert "badge--language" not in _html(client.get(english.headers["Location"]))


# --- translated awareness pages -------------------------------------------------------------

SHIPPED_GUIDES = ("spotting-the-signs-of-county-lines", "knife-crime-carrying-makes-you-less-safe",
                  "worried-what-to-do-and-who-to-call")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_three_key_guides_ship_in_every_language(client, demo_app, locale):
    for slug in SHIPPED_GUIDES:
        html = _html(client.get(f"/{locale}/advice/{slug}"))
        with demo_app.app_context():
            page = db.session.scalar(select(Page).where(Page.slug == slug))
            translated, english = page.translation(locale).current.title, page.current.title
        assert translated != english and translated in html and english not in html
        assert "dir=\"ltr\">" not in html.split("<article>")[1].split("<h1")[0]  # not marked as English


def test_an_untranslated_page_says_so_and_is_marked_english(client, demo_app):
    with demo_app.app_context():
        slug = db.session.scalar(select(Page.slug).where(Page.kind == PageKind.GUIDE,
                                                         Page.slug.not_in(SHIPPED_GUIDES)))
    html = _html(client.get(f"/pl/advice/{slug}"))
    assert html.count("notice--language") == 2  # unreviewed catalogue, and this note
    assert '<div lang="en-GB" dir="ltr">' in html


def test_a_translation_goes_out_of_date_when_the_english_changes(app):
    from content.demo import seed_content
    from directory.geo.loading import upsert_areas

    with app.app_context():
        from directory.counties.pack import current_pack

        upsert_areas(current_pack())
        seed_content()
        editor = make_user(role=Role.COMMS)
        page = db.session.scalar(select(Page).where(Page.slug == SHIPPED_GUIDES[0]))
        assert not page.translation("pl").out_of_date
        draft = content_operations.Draft(title=page.current.title, summary=page.current.summary,
                                         body=page.current.body + "\n\nA new paragraph.",
                                         status=page.status, audience=page.audience, categories=page.categories)
        content_operations.save(editor, page, draft)
        assert page.translation("pl").out_of_date
    client = app.test_client()
    html = _html(client.get(f"/pl/advice/{SHIPPED_GUIDES[0]}"))
    assert f'href="/advice/{SHIPPED_GUIDES[0]}"' in html.split("<h1")[0]
    with app.app_context():
        page = db.session.scalar(select(Page).where(Page.slug == SHIPPED_GUIDES[0]))
        editor = db.session.scalar(select(User).where(User.role == Role.COMMS))
        old = page.translation("pl").current
        translations.save_translation(editor, page, "pl", {"title": old.title, "summary": old.summary,
                                                           "body": old.body + "\n\nNowy akapit."})
        fresh = page.translation("pl")
        assert not fresh.out_of_date and fresh.current.source_revision_id == page.current_revision_id
        assert [r.number for r in fresh.revisions()] == [fresh.current.number, old.number]


def test_translations_are_written_in_the_editor_with_the_pages_permission(app):
    from directory.geo.loading import upsert_areas
    from tests.web.helpers import login

    with app.app_context():
        from directory.counties.pack import current_pack

        upsert_areas(current_pack())
        comms = make_user(role=Role.COMMS)
        volunteer = make_user()
        page = content_operations.new_page(comms, PageKind.GUIDE, "test-guide", content_operations.Draft(
            title="Staying safe", summary="A test.", body="Words."))
        page_id = page.id
    client = app.test_client()
    login(client, app, volunteer, PASSWORD)
    assert client.get(f"/content/{page_id}/translations/pl").status_code == 403
    staff = app.test_client()
    login(staff, app, comms, PASSWORD)
    path = f"/content/{page_id}/translations/pl"
    assert staff.get(f"/content/{page_id}/translations/xx").status_code == 404
    saved = post(staff, path, {"title": "Bezpieczeństwo", "summary": "Test.", "body": "Słowa."}, token_from=path)
    assert saved.status_code == 302
    history = _html(staff.get(f"/content/{page_id}/history"))
    assert "<h2>Polish</h2>" in history and "Bezpieczeństwo" not in history.split("<h2>Polish")[0]
    assert "Bezpieczeństwo" in _html(staff.get(path))


# --- e-mails in the recipient's language ----------------------------------------------------


def test_emails_go_in_the_language_the_person_uses(app, mailbox):
    with app.app_context():
        make_user(email="ola@example.org")
    client = app.test_client()
    post(client, "/pl/account/forgot", {"email": "ola@example.org"}, token_from="/pl/account/forgot")
    message = mailbox.last_to("ola@example.org")
    assert message["Subject"] != "Reset your password"
    assert any("/pl/account/reset/" in link for link in mailbox.links_to("ola@example.org"))
    # Once they have signed in in Romanian, cron's reminders come in Romanian too.
    with app.app_context():
        from directory.moderation.emails import remind_owner

        user = db.session.scalar(select(User).where(User.email == "ola@example.org"))
        user.locale = "ro"
        db.session.commit()
        service = db.session.scalars(select(Service)).first()
        if service is None:
            from tests.factories import make_service

            service = make_service()
        remind_owner(user, [service])
    reminder = mailbox.last_to("ola@example.org")
    assert reminder["Subject"] != "Are these listings still right?"
    assert "/ro/services/" in reminder.get_content()


def test_every_demo_language_name_becomes_a_code():
    from directory.demo.data import demo_data

    for service in demo_data(load_pack()).services:
        assert len(codes_from(service["languages"])) == len(service["languages"]), service["name"]
