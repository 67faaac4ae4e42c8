"""The cleaning an ORUK import needs, on the quirks real council feeds have."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.oruk import cleaning as c
from directory.oruk.cleaning import PhoneNumber, TaxonomyTerm

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "oruk" / "examples" / "real"
REAL_FEEDS = ["bristol_oruk1_services.json", "north-lincolnshire_oruk1_services_sample.json"]
ZONE = "Europe/London"  # the county pack's TIMEZONE; the cleaning has no default place
TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@pytest.mark.parametrize("html, text", [
    ("<p>Hello&nbsp;world</p>", "Hello world"),
    ("<p>One</p><p><br></p><p>Two</p>", "One\n\nTwo"),
    ("<p>a<br>b<br><br>c</p>", "a\nb\n\nc"),
    ("<div>a</div><div>b</div>", "a\nb"),
    ("<h3>Title</h3>Body", "Title\n\nBody"),
    ("<ul><li>One</li><li>Two</li></ul><ol><li>a</li><li>b</li></ol>", "- One\n- Two\n\n1. a\n2. b"),
    ("<table><tr><th>Day</th><th>Time</th></tr><tr><td>Mon</td><td>9-5</td></tr></table>",
     "Day | Time\nMon | 9-5"),
    ('<p>Call <a href="tel:01632960123">01632 960123</a></p>', "Call 01632 960123"),
    ('<p>Phone <a href="tel:+441632960789"></a></p>', "Phone 01632 960789"),
    ('<a href="tel:01632%20960790">Phone us</a>', "Phone us 01632 960790"),
    ('<a href="sms:07700900123">text us</a>', "text us 07700 900123"),
    ('<a href="mailto:club@kestrel-lane.example">e-mail us</a>', "e-mail us (club@kestrel-lane.example)"),
    ('<a href="mailto:club@kestrel-lane.example">club@kestrel-lane.example</a>', "club@kestrel-lane.example"),
    ('<a href="https://kestrel-lane.example/youth">our website</a>', "our website (https://kestrel-lane.example/youth)"),
    ('<a href="https://www.kestrel-lane.example/">www.kestrel-lane.example</a>', "www.kestrel-lane.example"),
    ('<a href="https://www.facebook.com/x">Facebook</a>', "Facebook (https://www.facebook.com/x)"),
    ('<a href="javascript:alert(1)">click</a>', "click"),
    (f'<p>Logo <img src="data:image/png;base64,{TINY_PNG}"> here</p>', "Logo here"),
    ("<p>a</p><script>alert('x')</script><style>p {}</style><p>b</p>", "a\n\nb"),
    ("<svg><path d='x'></svg>after <!-- note --> <button>Book</button>end", "after end"),
    ("<p>Fun &amp;amp; friendship</p>", "Fun & friendship"),
    ("<p>unclosed <b>bold", "unclosed bold"),
    ("Plain text\nwith lines\n\u00a0\n\n\nand a paragraph &amp; entities\u200b", "Plain text\nwith lines\n\nand a paragraph & entities"),
    ("a < b and c > d", "a < b and c > d"),
    ("<p>zero\u200bwidth\u2028line</p>", "zerowidth\nline"),
    ("", ""),
    (None, ""),
])
def test_html_becomes_plain_text(html, text):
    assert c.html_to_text(html).value == text


@pytest.mark.parametrize("html, note", [
    ("<p>x</p>", "converted HTML to text"),
    (f'<img src="data:image/png;base64,{TINY_PNG}">', "removed inline image"),
    ('<img src="https://example.org/a.png">', "removed image"),
    (f"data:image/png;base64,{TINY_PNG}", "removed inline image"),
    ("<script>x</script>", "dropped scripts, styles and controls"),
    ("&amp;nbsp;", "decoded double-escaped entities"),
    ("a\u200bb", "removed invisible characters"),
    ("A &amp; B", "decoded entities"),
])
def test_html_to_text_notes_what_it_did(html, note):
    assert note in c.html_to_text(html).notes


def test_long_descriptions_are_cut_at_a_word_with_a_note():
    image = f'<p><img src="data:image/png;base64,{TINY_PNG * 1500}"></p>'
    html = image + "".join(f"<p>Session {n}: families book the quiet room for an hour.</p>" for n in range(400))
    assert len(html) > 140_000
    result = c.html_to_text(html)
    assert len(result.value) <= c.DESCRIPTION_LIMIT and result.value.endswith("…")
    assert f"cut to {c.DESCRIPTION_LIMIT} characters" in result.notes
    stem, whole = result.value[:-1], c.html_to_text(html, limit=10**6).value
    assert whole.startswith(stem) and whole[len(stem)] in " \n" and "base64" not in whole
    assert len(c.html_to_text("word " * 100, limit=50).value) <= 50


def test_notes_are_empty_when_nothing_changed():
    assert c.html_to_text("Already plain.").notes == ()
    assert c.clean_url("https://example.org/x").notes == ()
    assert c.clean_email("hello@example.org").notes == ()


@pytest.mark.parametrize("value, text, note", [
    ("Cost of Living -  Community Space", "Cost of Living - Community Space", "tidied spaces"),
    ("  Youth Club ", "Youth Club", "tidied spaces"),
    ("Knit&amp;Natter Westmarch", "Knit&Natter Westmarch", "decoded entities"),
    ("<b>Bold</b> name", "Bold name", "converted HTML to text"),
    ("WESTMARCHYOUTHCLUB", "WESTMARCHYOUTHCLUB", None),
    ("", None, None),
    ("   ", None, None),
    (None, None, None),
    (["a"], None, "refused: not text"),
])
def test_clean_text(value, text, note):
    result = c.clean_text(value)
    assert result.value == text
    assert (note in result.notes) if note else result.notes == ()


def test_clean_text_cuts_names_to_the_limit():
    result = c.clean_text("Kestrel " * 40, limit=30)
    assert len(result.value) <= 30 and "cut to 30 characters" in result.notes


@pytest.mark.parametrize("description, summary", [
    ("<p>A youth club. For 11 to 19s.</p><p>More.</p>", "A youth club. For 11 to 19s."),
    ("<h4>Works with young people who are</h4><h4>homeless or leaving care.</h4>",
     "Works with young people who are homeless or leaving care."),
    ("<p>Services:</p><ul><li>food</li><li>activities</li><li>wifi</li></ul>", "Services: food; activities; wifi"),
    ("One sentence here. " * 20, "One sentence here. " * 9 + "One sentence here."),
    ("", ""),
])
def test_summary_from(description, summary):
    result = c.summary_from(description)
    assert result.value == summary.strip() and len(result.value) <= 200


def test_summary_cuts_one_long_sentence():
    result = c.summary_from("word " * 100, limit=60)
    assert result.value.endswith("…") and len(result.value) <= 60 and result.notes


@pytest.mark.parametrize("value, url, note", [
    ("www.example.org/x", "https://www.example.org/x", "added https://"),
    ("kestrel-art.example", "https://kestrel-art.example", "added https://"),
    ("//cdn.example.org/a", "https://cdn.example.org/a", "added https://"),
    ("www.example.org:8080/a", "https://www.example.org:8080/a", "added https://"),
    ("http:www.westmarch-example.co.uk", "https://www.westmarch-example.co.uk", "repaired the scheme"),
    ("https//example.org", "https://example.org", "repaired the scheme"),
    ("http://www.example.org/", "https://www.example.org/", "changed http to https"),
    ("HTTPS://WWW.EXAMPLE.ORG/Path", "https://www.example.org/Path", "lower-cased the host"),
    ("https://www.marrowby-ropeworks.example/?fbclid=IwAR218Nta5Q", "https://www.marrowby-ropeworks.example/", "removed tracking parameters"),
    ("https://x.example/a?utm_source=n&room=1", "https://x.example/a?room=1", "removed tracking parameters"),
    (" https://example.org/x. ", "https://example.org/x", "trimmed the address"),
    ("https://example.org", "https://example.org", None),
    ("", None, None),
    (None, None, None),
    ("javascript:alert(1)", None, "refused: javascript: address"),
    ("JavaScript:void(0)", None, "refused: javascript: address"),
    ("data:text/html;base64,PHNjcmlwdD4=", None, "refused: data: address"),
    ("mailto:a@example.org", None, "refused: mailto: address"),
    ("ftp://example.org", None, "refused: ftp: address"),
    ("Kestrel Lane Community Centre", None, "refused: spaces in the address"),
    ("https://exa mple.org", None, "refused: spaces in the address"),
    ("localhost", None, "refused: no proper host name"),
    ("https://intranet/page", None, "refused: no proper host name"),
    ("http://192.168.0.1/", None, "refused: host is an IP address"),
    ("https://user:secret@example.org", None, "refused: user name in the address"),
    ("https://example.org:99999", None, "refused: not a web address"),
    ("https://example.org/" + "a" * 600, None, "refused: longer than 500 characters"),
    (42, None, "refused: not text"),
])
def test_clean_url(value, url, note):
    result = c.clean_url(value)
    assert result.value == url
    assert (note in result.notes) if note else result.notes == ()


def test_clean_url_can_keep_http():
    assert c.clean_url("http://example.org/a", https_only=False).value == "http://example.org/a"


@pytest.mark.parametrize("value, email, note", [
    ("club@kestrel-lane.example.", "club@kestrel-lane.example", "removed trailing punctuation"),
    ("\u00a0carers@westmarch-youth.example", "carers@westmarch-youth.example", "removed spaces"),
    ("hub@marrowby.example\u00a0", "hub@marrowby.example", "removed spaces"),
    ("\u200bhub@marrowby.example", "hub@marrowby.example", "removed spaces"),
    ("mailto:a@example.org?subject=Hi", "a@example.org", "removed mailto:"),
    ("MAILTO:a@example.org", "a@example.org", "removed mailto:"),
    ("Youth Team <team@example.org>", "team@example.org", "removed the display name"),
    ("a@example.org; b@example.org", "a@example.org", "kept the first of several addresses"),
    ("a@example.org or b@example.org", "a@example.org", "kept the first of several addresses"),
    ("Team@Example.ORG", "Team@example.org", "lower-cased the domain"),
    ("hello@example.org", "hello@example.org", None),
    ("", None, None),
    ("pride@westmarch-youth", None, "refused: not an e-mail address"),
    ("a..b@example.org", None, "refused: not an e-mail address"),
    ("not an address", None, "refused: not an e-mail address"),
    ("redacted@example.invalid", None, "refused: not an e-mail address"),
    (7, None, "refused: not text"),
])
def test_clean_email(value, email, note):
    result = c.clean_email(value)
    assert result.value == email
    assert (note in result.notes) if note else result.notes == ()


def _phones(value):
    return [(p.number, p.description, p.kind) for p in c.clean_phone(value).value]


@pytest.mark.parametrize("value, phones", [
    ("Call 01245 123456 (Mon-Fri)", [("01245 123456", "Call (Mon-Fri)", "voice")]),
    ("01245123456", [("01245 123456", "", "voice")]),
    ("0800 111 1111", [("0800 111 1111", "", "voice")]),
    ("08001111111", [("0800 111 1111", "", "voice")]),
    ("0800 132320", [("0800 132320", "", "voice")]),
    ("0800 1111", [("0800 1111", "", "voice")]),
    ("07700900123", [("07700 900123", "", "voice")]),
    ("020 7946 0000", [("020 7946 0000", "", "voice")]),
    ("01174 035606", [("0117 403 5606", "", "voice")]),
    ("0121 496 0000", [("0121 496 0000", "", "voice")]),
    ("0808 2080 888", [("0808 208 0888", "", "voice")]),
    ("03003330300", [("0300 333 0300", "", "voice")]),
    ("016977 1234", [("016977 1234", "", "voice")]),
    ("116 123", [("116 123", "", "voice")]),
    ("116123", [("116 123", "", "voice")]),
    ("999", [("999", "", "voice")]),
    ("+44 (0)1245 123456", [("01245 123456", "", "voice")]),
    ("+441179300301", [("0117 930 0301", "", "voice")]),
    ("0044 20 7946 0000", [("020 7946 0000", "", "voice")]),
    ('"+44 1632 234567"', [("01632 234567", "", "voice")]),
    ("1632960123", [("01632 960123", "", "voice")]),
    ("tel:01724%20296808", [("01724 296808", "", "voice")]),
    ("sms:+85258", [("85258", "", "text")]),
    ("Text SHOUT to 85258", [("85258", "Text SHOUT to", "text")]),
    ("Tel: 01632 960123 ext 101", [("01632 960123", "Tel ext 101", "voice")]),
    ("Office 01632 960123, mobile 07700 900123",
     [("01632 960123", "Office", "voice"), ("07700 900123", "mobile", "voice")]),
    ("01632 960456 or 01632 960457 (evenings)",
     [("01632 960456", "", "voice"), ("01632 960457", "evenings", "voice")]),
    ("Freephone 0808 157 0192 / Text 07700 900456",
     [("0808 157 0192", "Freephone", "voice"), ("07700 900456", "Text", "text")]),
    ("Call 01632 960 123 (office) 07700 900 123 (mobile)",
     [("01632 960123", "Call (office)", "voice"), ("07700 900123", "mobile", "voice")]),
    ("01245 123456 01245 654321", [("01245 123456", "", "voice"), ("01245 654321", "", "voice")]),
    ("+1 212 555 0100", [("+1 212 555 0100", "", "voice")]),
    (1632960123, [("01632 960123", "", "voice")]),
])
def test_clean_phone_finds_and_spaces_uk_numbers(value, phones):
    assert _phones(value) == phones


@pytest.mark.parametrize("value, note", [
    ("[mobile number removed]", "refused: no phone number"),
    ("Mon-Fri 9-5", "refused: no phone number"),
    ("12345678", "refused: 12345678 is not a UK number"),
    ("0123", "refused: no phone number"),
    (["01632 960123"], "refused: not text"),
])
def test_clean_phone_refuses_what_is_not_a_number(value, note):
    result = c.clean_phone(value)
    assert result.value == [] and note in result.notes and result.refused


def test_clean_phone_notes():
    assert "changed +44 to 0" in c.clean_phone("+44 (0)1245 123456").notes
    assert "reformatted the number" in c.clean_phone("01245123456").notes
    assert "found 2 numbers" in c.clean_phone("01245 123456 or 01245 654321").notes
    assert "added the missing leading 0" in c.clean_phone("1632960123").notes
    assert c.clean_phone("01245 123456").notes == () and c.clean_phone("").notes == ()
    assert c.clean_phone(None).value == [] and c.clean_phone("Call 999").value == [PhoneNumber("999", "Call")]


@pytest.mark.parametrize("digits, shown", [
    ("01632960123", "01632 960123"), ("01132496000", "0113 249 6000"), ("02079460000", "020 7946 0000"),
    ("07700900123", "07700 900123"), ("07012345678", "070 1234 5678"), ("05612345678", "056 1234 5678"),
    ("09098790000", "0909 879 0000"), ("0412345678", None), ("06123456789", None), ("0500123456", None),
    ("12345", None), ("", None), ("0163296012x", None),
])
def test_format_uk_number(digits, shown):
    assert c.format_uk_number(digits) == shown


@pytest.mark.parametrize("value, postcode, note", [
    ("cm201ab", "CM20 1AB", "normalised the postcode"),
    (" qx7 4hd ", "QX7 4HD", "normalised the postcode"),
    ("qx12ab", "QX1 2AB", "normalised the postcode"),
    ("QX3 9ZZ.", "QX3 9ZZ", "normalised the postcode"),
    ("QX3\u00a09AB", "QX3 9AB", "normalised the postcode"),
    ("CM20 1AB", "CM20 1AB", None),
    ("Marrowby Children's Centre, Mill Road, QX3 9ZZ", "QX3 9ZZ", "took the postcode out of other text"),
    ("CM1", None, "refused: not a postcode"),
    ("hello", None, "refused: not a postcode"),
    ("QX1 2AB or QX1 2AC", None, "refused: not a postcode"),
    ("", None, None),
    (12, None, "refused: not text"),
])
def test_clean_postcode(value, postcode, note):
    result = c.clean_postcode(value)
    assert result.value == postcode
    assert (note in result.notes) if note else result.notes == ()


@pytest.mark.parametrize("minimum, maximum, ages, note", [
    (11, 19, (11, 19), None),
    ("11", "19", (11, 19), None),
    (11.0, "25.0", (11, 25), None),
    (-1, 127, (None, None), "minimum age -1 read as no limit"),
    ("-1", "120", (None, None), "maximum age 120 read as no limit"),
    (0, 99, (None, None), "minimum age 0 read as no limit"),
    ("0", "18", (None, 18), "minimum age 0 read as no limit"),
    (None, 0, (None, None), "maximum age 0 read as no limit"),
    (18.0, 11.0, (11, 18), "swapped minimum and maximum ages"),
    (12.5, None, (12, None), "rounded the minimum age down"),
    ("16+", "25 years", (16, 25), None),
    (150, None, (None, None), "refused: minimum age 150"),
    ("eleven", 19, (None, 19), "refused: minimum age is not a number"),
    (True, 19, (None, 19), "refused: minimum age is not a number"),
    (float("nan"), float("inf"), (None, None), "refused: maximum age is not a number"),
    ("", "", (None, None), None),
    (None, None, (None, None), None),
])
def test_clean_ages(minimum, maximum, ages, note):
    result = c.clean_ages(minimum, maximum)
    assert result.value == ages
    assert (note in result.notes) if note else result.notes == ()


@pytest.mark.parametrize("value, moment", [
    ("2023-04-01T10:00:00", datetime(2023, 4, 1, 9, 0, tzinfo=UTC)),      # BST
    ("2023-01-15T10:00:00", datetime(2023, 1, 15, 10, 0, tzinfo=UTC)),    # GMT
    ("2023-04-01", datetime(2023, 3, 31, 23, 0, tzinfo=UTC)),
    ("2023-04-01T10:00:00Z", datetime(2023, 4, 1, 10, 0, tzinfo=UTC)),
    ("2023-04-01T10:00:00+01:00", datetime(2023, 4, 1, 9, 0, tzinfo=UTC)),
    ("2023-03-15T10:30:45.123Z", datetime(2023, 3, 15, 10, 30, 45, 123000, tzinfo=UTC)),
    ("2024-10-01 09:15:00", datetime(2024, 10, 1, 8, 15, tzinfo=UTC)),
    ("01/10/2024", datetime(2024, 9, 30, 23, 0, tzinfo=UTC)),
    (datetime(2024, 1, 1, 12, 0), datetime(2024, 1, 1, 12, 0, tzinfo=UTC)),
    ("0001-01-01T00:00:00", None), ("9999-12-31", None), ("", None), ("soon", None), ("31/02/2023", None),
    (20230401, None), (None, None),
])
def test_parse_timestamp(value, moment):
    result = c.parse_timestamp(value, ZONE)
    assert result.value == moment
    if moment is not None:
        assert result.value.tzinfo is UTC


def test_parse_timestamp_notes_and_zones():
    assert c.parse_timestamp("2023-04-01T10:00:00", ZONE).notes == ("read the time as Europe/London",)
    assert c.parse_timestamp("2023-04-01T10:00:00Z", ZONE).notes == ()
    assert c.parse_timestamp("0001-01-01T00:00:00", ZONE).refused
    assert c.parse_timestamp("2023-04-01T10:00:00", timezone="UTC").value == datetime(2023, 4, 1, 10, tzinfo=UTC)
    assert c.parse_timestamp("2023-04-01", timezone="Mars/Olympus").refused


@pytest.mark.parametrize("value, day", [
    ("2024-09-18", date(2024, 9, 18)), ("2023-06-30T23:30:00Z", date(2023, 7, 1)),
    ("2023-06-30T23:30:00+01:00", date(2023, 6, 30)),
    ("2024-09-18T10:00:00", date(2024, 9, 18)), ("18/09/2024", date(2024, 9, 18)),
    ("", None), ("0001-01-01", None), ("never", None),
])
def test_parse_date(value, day):
    assert c.parse_date(value, ZONE).value == day


def test_parse_date_without_a_zone_takes_the_date_as_written():
    assert c.parse_date("2023-06-30T23:30:00Z").value == date(2023, 6, 30)


def test_record_ids_are_ours_deterministic_and_feed_scoped():
    reused = "7e57ab1e-0000-beef-1036-aa00bb11cc22"
    assert c.feed_key("Westmarch Council", " 7E57AB1E-0000-BEEF-1036-AA00BB11CC22 ") == f"westmarch-council {reused}"
    assert c.feed_key("Marrowby Parents", 42) == "marrowby-parents 42"
    assert c.record_uuid("westmarch", reused) == c.record_uuid("Westmarch", reused.upper())
    assert c.record_uuid("westmarch", reused) != c.record_uuid("marrowby", reused)
    ours = c.record_uuid("westmarch", reused)
    assert c.is_rfc4122(ours) and ours != reused
    assert c.feed_key("", "x") is None and c.feed_key("f", " ") is None and c.record_uuid("f", None) is None
    assert c.record_uuid("westmarch", "x") == "f063aad6-4a55-58e8-b400-670546bd7c66"


@pytest.mark.parametrize("value, shaped, rfc", [
    ("b3e1c7a2-5d4f-4a6b-8c9d-0e1f2a3b4c5d", True, True),
    ("dead5eed-f121-df4d-60d2-4dc0d69ff555", True, False),      # version d, NCS variant
    ("ab12cd34-ef56-ab78-cd90-ef12ab34cd56", True, False),      # Microsoft variant
    ("00000000-0000-0000-0000-000000000000", True, False),
    ("B3E1C7A2-5D4F-4A6B-8C9D-0E1F2A3B4C5D", True, True),
    ("{b3e1c7a2-5d4f-4a6b-8c9d-0e1f2a3b4c5d}", False, False),
    ("b3e1c7a25d4f4a6b8c9d0e1f2a3b4c5d", False, False),
    ("c0ffee12-3456-ab78-cd90-[mobile number removed]", False, False),
    (None, False, False),
])
def test_uuid_shapes(value, shaped, rfc):
    assert c.is_uuid_shaped(value) is shaped and c.is_rfc4122(value) is rfc


def test_audience_terms_from_pc_target_audience():
    record = {"pc_targetAudience": [
        {"id": "45526", "audienceType": "Parents "}, {"id": "45527", "audienceType": "Parents>Grandparents"},
        {"id": "45528", "audienceType": "Carers"}, {"id": "45529", "audienceType": "carers "},
        {"id": "26205", "audienceType": "Sensory Impaired > Visually Impaired"}, {"id": "x"}, "Young people"]}
    result = c.audience_terms(record)
    assert result.value == ["Parents", "Grandparents", "Carers", "Sensory Impaired", "Visually Impaired",
                            "Young people"]
    assert set(result.notes) == {"trimmed audience terms", "split audience paths", "dropped repeated audience terms"}
    assert c.audience_terms({"pc_targetAudience": []}).value == []
    assert c.audience_terms({"name": "no extension"}).value == [] and c.audience_terms("x").value == []
    assert c.audience_terms({"pc_audience": "Women; Men"}).value == ["Women", "Men"]


@pytest.mark.parametrize("value, status", [
    ("active", "active"), ("Active", "active"), ("temporarily_closed", "temporarily closed"),
    ("Temporarily Closed", "temporarily closed"), ("defunct", "defunct"), ("closed", None), ("", None), (None, None),
])
def test_clean_status(value, status):
    assert c.clean_status(value).value == status


@pytest.mark.parametrize("value, modes", [
    ("Venue", ["in_person"]), ("Home visit", ["in_person"]), ("Online", ["online"]), ("Phone", ["phone"]),
    (["Venue", "Online"], ["in_person", "online"]),
    ("You can attend this service in-person or remotely via video conferencing", ["in_person", "online"]),
    ("Information advice and guidance", []), ("", []), (None, []),
])
def test_delivery_modes(value, modes):
    assert c.delivery_modes(value).value == modes


@pytest.mark.parametrize("item, term", [
    ({"id": "x", "taxonomy": {"id": "esdServiceType:298", "name": "Carers support groups",
                              "vocabulary": "esdServiceTypes"}},
     TaxonomyTerm("esdServiceTypes", "298", "Carers support groups")),
    ({"id": "298", "name": "Carers support groups", "vocabulary": "LGA Service Types"},
     TaxonomyTerm("esdServiceTypes", "298", "Carers support groups")),
    ({"id": "esdNeed:69", "name": "Social inclusion", "vocabulary": "esdNeeds"},
     TaxonomyTerm("esdNeeds", "69", "Social inclusion")),
    ({"taxonomy_term": {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "Carers support groups",
                        "taxonomy": "esdServiceTypes", "term_uri": "http://id.esd.org.uk/service/298"}},
     TaxonomyTerm("esdServiceTypes", "298", "Carers support groups", "http://id.esd.org.uk/service/298")),
    ({"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "Walk and talk", "taxonomy": "Westmarch local terms",
      "code": "WMX-42"}, TaxonomyTerm("Westmarch local terms", "WMX-42", "Walk and talk")),
    ({"id": "wmx-activity-17", "name": "Wellbeing walks", "vocabulary": "Westmarch Activities List"},
     TaxonomyTerm("Westmarch Activities List", "wmx-activity-17", "Wellbeing walks")),
])
def test_taxonomy_terms(item, term):
    assert c.taxonomy_term(item).value == term


def test_taxonomy_term_refusals():
    assert c.taxonomy_term({}).refused and c.taxonomy_term("esd").refused and c.taxonomy_term(None).value is None


ANYTHING = st.one_of(
    st.text(), st.text(alphabet="<>/&;#=\"' \n\u00a0\u200bapbrlihtdsvgimcx:01234+()-."), st.none(),
    st.integers(), st.floats(allow_nan=True), st.booleans(), st.binary(max_size=20),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=10), st.one_of(st.text(max_size=10), st.none()), max_size=3),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANYTHING, ANYTHING)
def test_no_cleaning_function_raises(value, other):
    for function in (c.html_to_text, c.clean_text, c.summary_from, c.clean_url, c.clean_email, c.clean_phone,
                     c.clean_postcode, c.parse_date, c.clean_status, c.delivery_modes, c.audience_terms,
                     c.taxonomy_term):
        assert isinstance(function(value), c.Cleaned)
    assert isinstance(c.parse_timestamp(value, ZONE), c.Cleaned)
    assert isinstance(c.parse_timestamp(value, other), c.Cleaned)
    assert isinstance(c.parse_date(value, other), c.Cleaned)
    assert isinstance(c.clean_ages(value, other), c.Cleaned)
    assert c.feed_key(value, other) is None or c.record_uuid(value, other)
    assert c.is_rfc4122(value) in (True, False) and c.normalise_id(value) in (None, c.normalise_id(value))


@settings(max_examples=150, deadline=None)
@given(st.text(), st.integers(min_value=2, max_value=400))
def test_text_and_urls_keep_their_promises(text, limit):
    assert len(c.html_to_text(text, limit=limit).value) <= limit
    url = c.clean_url(text).value
    assert url is None or (url.startswith("https://") and " " not in url and len(url) <= c.URL_LIMIT)
    email = c.clean_email(text).value
    assert email is None or (email.count("@") == 1 and email == email.strip())
    for phone in c.clean_phone(text).value:
        assert phone.number.startswith("+") or c.format_uk_number(phone.number.replace(" ", ""), texting=True)


def _pages(prefix):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob(f"{prefix}*.json"))]


def test_oruk1_fixtures_are_paged_with_the_quirks_importers_meet():
    pages = _pages("oruk1_services_page")
    assert [p["number"] for p in pages] == [1, 2] and pages[0]["first"] and pages[1]["last"]
    items = [s for p in pages for s in p["content"]]
    assert len(items) == pages[0]["totalElements"]
    ids = [s["id"] for s in items]
    assert len(set(ids)) == len(ids) - 1                      # one id for two services
    assert any("organization" not in s for s in items)
    assert not all(c.is_rfc4122(i) for i in ids) and all(c.is_uuid_shaped(i) for i in ids)
    longest = max(items, key=lambda s: len(s["description"]))
    assert len(longest["description"]) > 140_000
    assert len(c.html_to_text(longest["description"]).value) <= c.DESCRIPTION_LIMIT
    assert any("added https://" in c.clean_url(s["url"]).notes for s in items)
    assert any("removed trailing punctuation" in c.clean_email(s["email"]).notes for s in items)
    assert "Grandparents" in [t for s in items for t in c.audience_terms(s).value]


def test_oruk1_details_use_both_plural_spellings():
    details = [json.loads(p.read_text(encoding="utf-8")) for p in FIXTURES.glob("oruk1_service_*.json")]
    assert {"eligibilitys", "service_taxonomys"} <= set().union(*details)
    assert any({"eligibilities", "service_taxonomies"} <= set(d) for d in details)
    ages = [c.clean_ages(e["minimum_age"], e["maximum_age"]).value
            for d in details for e in d.get("eligibilitys", d.get("eligibilities", []))]
    assert (None, None) in ages and (11, 18) in ages
    postcodes = [c.clean_postcode(a["postal_code"] or a["address_1"]).value for d in details
                 for sal in d["service_at_locations"] for a in sal["location"]["physical_addresses"]]
    assert postcodes and all(postcodes)
    numbers = [p for d in details for contact in d["contacts"] for ph in contact["phones"]
               for p in c.clean_phone(ph["number"]).value]
    assert any(p.description for p in numbers) and any(p.kind == "text" for p in numbers)


def test_oruk3_and_csv_fixtures_follow_the_standard_shapes():
    listing = json.loads((FIXTURES / "oruk3_services.json").read_text(encoding="utf-8"))
    assert {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
            "contents"} <= set(listing)
    full = json.loads((FIXTURES / "oruk3_service_full.json").read_text(encoding="utf-8"))
    terms = [c.taxonomy_term(a).value for a in full["attributes"]]
    assert TaxonomyTerm("esdServiceTypes", "298", "Carers support groups", "http://id.esd.org.uk/service/298") in terms
    package = json.loads((FIXTURES / "csv_package" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        path = FIXTURES / "csv_package" / resource["path"]
        header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["name"]


def _real_feeds():
    return [pytest.param(name, marks=pytest.mark.skipif(
        not (REAL / name).is_file(), reason=f"real ORUK feed {name} not found in {REAL} (../shared is not "
                                            "part of a clone; CI has it)")) for name in REAL_FEEDS]


@pytest.mark.parametrize("name", _real_feeds())
def test_cleaning_real_council_feeds(name):
    feed = json.loads((REAL / name).read_text(encoding="utf-8"))
    refused_urls = 0
    for service in feed:
        description = c.html_to_text(service["description"])
        assert len(description.value) <= c.DESCRIPTION_LIMIT and "<p>" not in description.value
        assert "&nbsp;" not in description.value and "base64," not in description.value
        for value in (service["url"], (service.get("organization") or {}).get("url")):
            url = c.clean_url(value)
            assert url.value is None or c.clean_url(url.value).value == url.value
            refused_urls += url.refused
        email = c.clean_email(service["email"])
        assert email.value is None or c.clean_email(email.value).value == email.value
        # The only addresses refused are the redaction's stand-ins at a reserved domain.
        assert not email.refused or service["email"].strip(" \u00a0").endswith("@example.invalid")
        for term in c.audience_terms(service).value:
            assert term == term.strip() and ">" not in term
        assert c.record_uuid(name, service["id"]) and c.clean_status(service["status"]).value == "active"
        if service["assured_date"]:
            assert c.parse_date(service["assured_date"]).value
        for stamp in service["pc_metadata"].values():
            assert stamp in ("", "[redacted]") or c.parse_timestamp(stamp, ZONE).value
    assert refused_urls <= len(feed) * 0.01
