"""County packs load through one reader that names the file, record and field of a mistake."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from directory.counties.pack import PACKS_DIR, PackError, read_pack

WESTMARCH = Path(__file__).resolve().parent / "westmarch"


@pytest.mark.parametrize("folder", [PACKS_DIR / "essex", WESTMARCH])
def test_both_packs_load_through_the_same_reader(folder):
    pack = read_pack(folder)
    areas = pack.areas()
    districts = list(pack.postcode_districts())
    places = list(pack.places())
    assert areas and districts and places and pack.helplines and pack.attributions
    # Every area's postcode districts are in the pack's own district table.
    known = {d["outcode"] for d in districts}
    assert all(set(a.postcode_districts) <= known for a in areas)


def test_the_essex_pack_is_small_and_covers_its_towns():
    pack = read_pack(PACKS_DIR / "essex")
    names = {p["name"] for p in pack.places()}
    assert {"Harlow", "Clacton-on-Sea", "Saffron Walden", "Basildon", "Grays"} <= names
    assert len(names) < 5000 and sum(1 for _ in pack.postcode_districts()) < 1000


@pytest.fixture
def broken(tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(WESTMARCH, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_folder_without_settings_is_not_a_pack(tmp_path):
    with pytest.raises(PackError, match="not a county pack"):
        read_pack(tmp_path)


def test_a_bad_area_names_the_file_the_row_and_the_field(broken):
    _edit(broken / "areas.csv", "corran,Corran,", "Corran Town,Corran,")
    with pytest.raises(PackError) as raised:
        read_pack(broken)
    message = str(raised.value)
    assert "areas.csv, row 3" in message and "slug" in message


def test_a_missing_value_is_named(broken):
    _edit(broken / "areas.csv", "X07000002", "")
    with pytest.raises(PackError, match=r"areas.csv, row 3 \(corran\): ons_code is empty"):
        read_pack(broken)


def test_a_place_off_the_map_is_named(broken):
    _edit(broken / "places.csv", "Dunmere,QX5,Westmarch,54.499", "Dunmere,QX5,Westmarch,954.499")
    pack = read_pack(broken)
    with pytest.raises(PackError, match=r"places.csv, row 6 \(Dunmere\): .*off the map"):
        list(pack.places())


def test_a_missing_column_is_named(broken):
    _edit(broken / "postcode_districts.csv", "lad_name", "council")
    with pytest.raises(PackError, match="postcode_districts.csv: missing column"):
        list(read_pack(broken).postcode_districts())


def test_a_setting_in_the_wrong_table_is_caught(broken):
    path = broken / "county.toml"
    path.write_text(path.read_text() + 'site_name = "typed after the helplines"\n')
    with pytest.raises(PackError, match="keys after \\[\\[helplines\\]\\] belong to the helpline"):
        read_pack(broken)


def test_an_unknown_setting_is_caught(broken):
    path = broken / "county.toml"
    path.write_text('sitename = "a typo"\n' + path.read_text())
    with pytest.raises(PackError, match="unknown setting.*sitename"):
        read_pack(broken)


def test_a_missing_file_is_named(broken):
    (broken / "places.csv").unlink()
    with pytest.raises(PackError, match="has no places.csv"):
        read_pack(broken)


def _essex_copy(tmp_path) -> Path:
    folder = tmp_path / "essex"
    shutil.copytree(PACKS_DIR / "essex", folder)
    return folder


def test_starter_pages_load_with_their_slugs(tmp_path):
    from content.starter import starter_content

    starter = starter_content(read_pack(PACKS_DIR / "essex"))
    assert len(starter.hubs) == 14 and {h["area"] for h in starter.hubs} >= {"harlow", "thurrock"}
    assert "spotting-the-signs-of-county-lines" in {g["slug"] for g in starter.guides}
    assert all(c["calls_to_action"] for c in starter.campaigns)


@pytest.mark.parametrize("edit, message", [
    (lambda text: text.replace("+++\n", "", 1), "must start with front matter"),
    (lambda text: text.replace("featured = ", "featured_on_home = ", 1), "missing featured; unknown featured_on_home"),
    (lambda text: text.replace("featured = false", 'featured = "no"', 1).replace("featured = true", 'featured = "yes"', 1),
     "featured has the wrong type"),
    (lambda text: text.replace('url = "', 'link = "', 1), r"calls_to_action 1: missing url; unknown link"),
])
def test_a_wrong_starter_page_is_named(tmp_path, edit, message):
    from content.starter import starter_content

    folder = _essex_copy(tmp_path)
    path = folder / "content" / "campaigns" / "the-real-cost.md"
    path.write_text(edit(path.read_text()))
    with pytest.raises(PackError, match=message) as raised:
        starter_content(read_pack(folder))
    assert "the-real-cost.md" in str(raised.value)


def test_a_hub_for_an_unknown_area_is_named(tmp_path):
    from content.starter import starter_content

    folder = _essex_copy(tmp_path)
    (folder / "content" / "hubs" / "harlow.md").rename(folder / "content" / "hubs" / "atlantis.md")
    with pytest.raises(PackError, match="no area 'atlantis' in areas.csv"):
        starter_content(read_pack(folder))


def test_every_need_names_a_category_of_the_pack():
    from directory.demo.data import categories

    pack = read_pack(PACKS_DIR / "essex")
    slugs = {c["slug"] for c in categories(pack)}
    rules = pack.need_rules()
    assert len(rules) >= 14 and {slug for _pattern, slug in rules} <= slugs


def test_a_broken_need_pattern_is_named(broken):
    (broken / "needs.toml").write_text('[[needs]]\ncategory = "sport"\npattern = "(unclosed"\n')
    with pytest.raises(PackError, match=r"needs.toml, need 1 \(sport\): the pattern is not a regular"):
        read_pack(broken).need_rules()


def test_a_pack_without_crisis_words_never_shows_the_panel():
    assert not read_pack(WESTMARCH).crisis().in_danger("i want to die")
    assert read_pack(PACKS_DIR / "essex").crisis().in_danger("i want to die")


def test_a_broken_crisis_pattern_is_named(broken):
    (broken / "crisis.toml").write_text('category = "crisis"\ndanger = ["(oops"]\n')
    with pytest.raises(PackError, match=r"crisis.toml, danger 1: not a regular expression"):
        read_pack(broken).crisis()
