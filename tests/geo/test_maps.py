"""The county map drawn on the server: the pack's outlines, how they were made, and the SVG."""
from __future__ import annotations

import json
import math
import re
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from directory.counties.making import douglas_peucker, make_outlines, read_rings, ring_area
from directory.counties.pack import PACKS_DIR, PackError, load_pack, read_pack
from directory.geo.maps import METRES_PER_MILE, Marker, draw_map
from tests.conftest import PLACES_DIR

WESTMARCH = Path(__file__).resolve().parents[1] / "counties" / "westmarch"
BOUNDARIES = PLACES_DIR / "essex_boundaries.geojson"
needs_boundaries = pytest.mark.skipif(
    not BOUNDARIES.is_file(),
    reason=f"needs ../shared/data/geo: the source boundaries {BOUNDARIES} are not there (CI always has them)")
SVG = "{http://www.w3.org/2000/svg}"
HARLOW = (51.7766, 0.1116)
EPPING = (51.6994, 0.1107)
LONDON = (51.5074, -0.1278)  # outside the county


@pytest.fixture(scope="module")
def outlines():
    return load_pack("essex").outlines()


def miles(n: int) -> str:
    return f"{n} mile" if n == 1 else f"{n} miles"


def draw(outlines, markers=(), **options):
    return str(draw_map(outlines, markers, title=options.pop("title", "Services near you"),
                        description=options.pop("description", "Numbered markers match the list"),
                        scale_label=options.pop("scale_label", miles), **options))


def view_box(svg: str) -> tuple[float, float, float, float]:
    x, y, w, h = map(float, re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    return x, y, w, h


def inside(box: tuple[float, float, float, float], point: tuple[float, float]) -> bool:
    x, y, w, h = box
    return x <= point[0] <= x + w and y <= point[1] <= y + h


def svg_point(outlines, latitude: float, longitude: float) -> tuple[float, float]:
    x, y = outlines.units(latitude, longitude)
    return x, -y


def marker(number: int, where: tuple[float, float], title: str = "") -> Marker:
    return Marker(str(number), *where, f"#result-{number}", title or f"{number}: Youth club {number}")


# The pack's file

def test_the_pack_has_one_outline_per_council_named_as_in_areas_csv(outlines):
    pack = load_pack("essex")
    assert len(outlines.areas) == 14
    assert {a.ons_code: a.name for a in outlines.areas} == {a.ons_code: a.name for a in pack.areas()}
    assert all(len(ring) >= 4 and ring[0] == ring[-1] for area in outlines.areas for ring in area.rings)


def test_the_file_is_small_and_read_once():
    path = PACKS_DIR / "essex" / "outlines.json"
    assert path.stat().st_size <= 40_000
    pack = load_pack("essex")
    assert pack.outlines() is pack.outlines()


def test_a_pack_without_outlines_draws_no_map():
    pack = read_pack(WESTMARCH)
    assert pack.outlines() is None
    assert draw_map(pack.outlines(), [marker(1, HARLOW)], title="t", description="d", scale_label=miles) == ""


@pytest.fixture
def westmarch_copy(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(WESTMARCH, folder)
    return folder


def _outline_file(folder: Path, areas: list) -> None:
    data = {"projection": {"kind": "equirectangular", "latitude": 54.2, "longitude": -4.8}, "unit_m": 50,
            "areas": areas}
    (folder / "outlines.json").write_text(json.dumps(data))


def test_a_ring_that_is_not_closed_is_named(westmarch_copy):
    _outline_file(westmarch_copy, [{"ons_code": "X07000001", "name": "Amberley Vale",
                                    "rings": [[[0, 0], [10, 0], [10, 10], [0, 10]]]}])
    with pytest.raises(PackError, match=r"outlines.json, area 1 \(X07000001\), ring 1: must be a closed"):
        read_pack(westmarch_copy)


def test_an_outline_of_a_council_the_pack_does_not_have_is_caught(westmarch_copy):
    _outline_file(westmarch_copy, [{"ons_code": "X09999999", "name": "Nowhere",
                                    "rings": [[[0, 0], [10, 0], [10, 10], [0, 0]]]}])
    with pytest.raises(PackError, match="X09999999 not in areas.csv"):
        read_pack(westmarch_copy)


@needs_boundaries
def test_each_simplified_council_keeps_its_area(outlines):
    source = read_rings(BOUNDARIES)
    for area in outlines.areas:
        before = sum(ring_area([outlines.units(lat, lon) for lon, lat in ring]) for ring in source[area.ons_code])
        after = sum(ring_area(ring) for ring in area.rings)
        assert after == pytest.approx(before, rel=0.03), area.name
        assert sum(map(len, area.rings)) < sum(map(len, source[area.ons_code])) / 2, area.name


@needs_boundaries
def test_the_committed_file_is_what_the_command_makes(tmp_path):
    shutil.copy(PACKS_DIR / "essex" / "areas.csv", tmp_path / "areas.csv")
    made = make_outlines(tmp_path, BOUNDARIES)
    assert (made.areas, made.source_points) == (14, 10_085) and made.points < 3000
    written, committed = (json.loads((folder / "outlines.json").read_text())
                          for folder in (tmp_path, PACKS_DIR / "essex"))
    assert written == committed


# Making it

def test_douglas_peucker_drops_points_on_a_straight_line():
    line = [(float(x), 0.0) for x in range(10)]
    assert douglas_peucker(line, 0.5) == [(0.0, 0.0), (9.0, 0.0)]


def test_douglas_peucker_keeps_corners_and_drops_small_wiggles():
    # A bump to (4, 3) on the way to a corner at (10, 0); (2, 1.6) and (6, 2.1) are
    # 0.08 and 0.09 off the bump's sides, (10, 5) is on the last leg.
    shape = [(0.0, 0.0), (2.0, 1.6), (4.0, 3.0), (6.0, 2.1), (10.0, 0.0), (10.0, 5.0), (10.0, 10.0)]
    assert douglas_peucker(shape, 5) == [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
    assert douglas_peucker(shape, 0.5) == [(0.0, 0.0), (4.0, 3.0), (10.0, 0.0), (10.0, 10.0)]
    assert douglas_peucker(shape, 0.05) == [p for p in shape if p != (10.0, 5.0)]


def test_douglas_peucker_keeps_the_ends_of_short_lines():
    assert douglas_peucker([(0.0, 0.0), (1.0, 1.0)], 5) == [(0.0, 0.0), (1.0, 1.0)]
    assert douglas_peucker([(0.0, 0.0), (1.0, 9.0), (2.0, 0.0)], 5) == [(0.0, 0.0), (1.0, 9.0), (2.0, 0.0)]


def _square(west: float, south: float, size: float, border: list | None = None) -> list:
    """A closed ring, anticlockwise; ``border`` replaces its east side (south to north)."""
    east, north = west + size, south + size
    east_side = border or [(east, south), (east, north)]
    return [(west, south), *east_side, (west, north), (west, south)]


def test_neighbours_keep_one_shared_border_and_tiny_islands_go(tmp_path):
    """Two councils share a wiggly border; each side is simplified the same way."""
    d = 0.02  # about 1.4 km east-west, 2.2 km north-south at 54 degrees
    border = [(-4.8, 54.0 + i * d / 40) for i in range(41)]
    border = [(lon + (0.0012 if i % 8 == 4 else 0.00005 * (i % 3)), lat) for i, (lon, lat) in enumerate(border)]
    border[0], border[-1] = (-4.8, 54.0), (-4.8, 54.0 + d)
    west = _square(-4.8 - d, 54.0, d, border)
    east = [(-4.8, 54.0), (-4.8 + d, 54.0), (-4.8 + d, 54.0 + d), *border[::-1]]
    island = [(-4.7, 54.1), (-4.6999, 54.1), (-4.6999, 54.1001), (-4.7, 54.1)]
    features = [
        {"type": "Feature", "id": "X07000001", "properties": {},
         "geometry": {"type": "MultiPolygon", "coordinates": [[west], [island]]}},
        {"type": "Feature", "id": "X07000002", "properties": {},
         "geometry": {"type": "Polygon", "coordinates": [east]}},
        {"type": "Feature", "id": "X06000003", "properties": {},  # only a speck: still kept
         "geometry": {"type": "Polygon", "coordinates": [island]}},
    ]
    source = tmp_path / "boundaries.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    shutil.copy(WESTMARCH / "areas.csv", tmp_path / "areas.csv")
    made = make_outlines(tmp_path, source, tolerance_m=30, unit_m=1)
    assert (made.areas, made.rings) == (3, 3)
    data = json.loads((tmp_path / "outlines.json").read_text())
    rings = {area["ons_code"]: area["rings"] for area in data["areas"]}
    assert len(rings["X07000001"]) == 1  # the island collapsed
    assert len(rings["X06000003"]) == 1  # its own largest ring, kept however small
    x_border = rings["X07000001"][0][1][0]
    west_border = [tuple(p) for p in rings["X07000001"][0] if abs(p[0] - x_border) < 100]
    east_border = [tuple(p) for p in rings["X07000002"][0] if abs(p[0] - x_border) < 100]
    assert 2 < len(west_border) < 41  # the big wiggles stay, the small ones go
    assert set(west_border) == set(east_border)


def test_the_command_writes_the_current_packs_file(app_factory, westmarch_copy, tmp_path):
    ring = [[-4.9, 54.1], [-4.8, 54.1], [-4.8, 54.2], [-4.9, 54.2], [-4.9, 54.1]]
    source = tmp_path / "westmarch.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "X07000001", "properties": {"lad_code": "X07000001", "name": "Amberley Vale"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}))
    app = app_factory(COUNTY=str(westmarch_copy))
    result = app.test_cli_runner().invoke(args=["places", "make-outlines", str(source)])
    assert result.exit_code == 0, result.output
    assert "Wrote the outlines of 1 areas (1 rings, 5 points from 5)" in result.output
    outlines = read_pack(westmarch_copy).outlines()
    assert [a.name for a in outlines.areas] == ["Amberley Vale"]
    assert outlines.projection.latitude == pytest.approx(54.14, abs=0.01)


# Drawing it

def test_the_map_is_well_formed_svg_named_for_screen_readers(outlines):
    svg = draw(outlines, [marker(1, HARLOW)], id_prefix="results-map")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") != "img"
    assert root.get("aria-labelledby") == "results-map-title results-map-desc"
    assert root.find(f"{SVG}title").get("id") == "results-map-title"
    assert root.find(f"{SVG}title").text == "Services near you"
    assert root.find(f"{SVG}desc").get("id") == "results-map-desc"
    assert "style=" not in svg and "<script" not in svg


def test_two_maps_on_a_page_have_their_own_ids(outlines):
    first, second = draw(outlines, id_prefix="map-top"), draw(outlines, id_prefix="map-foot")
    assert 'id="map-top-title"' in first and 'id="map-foot-title"' in second and "map-top" not in second
    with pytest.raises(ValueError, match="id_prefix"):
        draw(outlines, id_prefix='x" onload="alert(1)')


def test_markers_link_to_their_entries_and_carry_their_names(outlines):
    svg = draw(outlines, [marker(1, HARLOW, "1: Harlow Youth Club"), marker(2, EPPING, "2: Epping Forest Cadets")])
    links = ET.fromstring(svg).findall(f".//{SVG}a")
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("#result-1", "1: Harlow Youth Club"), ("#result-2", "2: Epping Forest Cadets")]
    assert [a.find(f"{SVG}text").text for a in links] == ["1", "2"]
    assert all(a.find(f"{SVG}circle") is not None for a in links)


def test_text_is_escaped(outlines):
    evil = '<script>alert("x")</script>'
    svg = draw(outlines, [Marker("<b>1</b>", *HARLOW, '#r" onclick="alert(1)', evil)],
               title=evil, description=evil, here=EPPING, here_label=evil,
               scale_label=lambda n: f"{n} <i>miles</i>")
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg and 'onclick="' not in svg
    assert svg.count("&lt;script&gt;") == 5  # title, desc, marker title and name, searched place
    root = ET.fromstring(svg)  # still well formed
    assert root.find(f".//{SVG}a").get("href") == '#r" onclick="alert(1)'
    for href in ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x"):
        with pytest.raises(ValueError, match="href"):
            draw(outlines, [Marker("1", *HARLOW, href, "1")])


def test_the_view_holds_every_marker_and_the_searched_place(outlines):
    places = [HARLOW, EPPING, (51.8860, 0.9035), LONDON]
    svg = draw(outlines, [marker(n, p) for n, p in enumerate(places, start=1)], here=(51.7356, 0.4685),
               here_label="CM1")
    box = view_box(svg)
    for point in [*places, (51.7356, 0.4685)]:
        assert inside(box, svg_point(outlines, *point)), point
    assert len(ET.fromstring(svg).findall(f".//{SVG}a")) == 4  # London's is drawn too
    assert "CM1</text>" in svg and 'class="map-here"' in svg


def test_a_single_marker_shows_at_least_the_minimum_span(outlines):
    box = view_box(draw(outlines, [marker(1, HARLOW)], min_span_miles=6))
    shorter = min(box[2], box[3]) * outlines.unit_m / METRES_PER_MILE
    assert shorter == pytest.approx(6, rel=0.01)
    assert inside(box, svg_point(outlines, *HARLOW))
    wider = view_box(draw(outlines, [marker(1, HARLOW)], min_span_miles=12))
    assert wider[3] == pytest.approx(2 * box[3], rel=0.01)


def test_no_markers_show_the_whole_county(outlines):
    box = view_box(draw(outlines))
    points = [(x, -y) for area in outlines.areas for ring in area.rings for x, y in ring]
    assert all(inside(box, p) for p in points)
    # ...and not much more: the county fills the width or the height, less the padding.
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert (max(xs) - min(xs)) / box[2] > 0.85 or (max(ys) - min(ys)) / box[3] > 0.8


def test_the_outlines_are_the_same_on_every_map(outlines):
    def land(svg: str) -> str:
        return re.search(r'<g class="map-areas".*?</g>', svg).group(0)

    near, whole = draw(outlines, [marker(1, HARLOW)]), draw(outlines)
    assert view_box(near) != view_box(whole) and land(near) == land(whole)
    assert land(whole).count("<path") == 14 and 'vector-effect="non-scaling-stroke"' in land(whole)


def test_the_scale_bar_fits_the_zoom(outlines):
    asked = []

    def label(n: int) -> str:
        asked.append(n)
        return miles(n)

    near = draw(outlines, [marker(1, HARLOW)], scale_label=label)
    whole = draw(outlines, scale_label=label)
    assert asked == [2, 20]
    assert ">2 miles</text>" in near and ">20 miles</text>" in whole
    # The bar is that many miles long, and no longer than a quarter of the map.
    for svg, n in ((near, 2), (whole, 20)):
        length = float(re.search(r'<g class="map-scale".*?<path d="M[\d.]+ [\d.]+v5h([\d.]+)', svg).group(1))
        per_px = view_box(svg)[2] / 640
        assert length * per_px * outlines.unit_m == pytest.approx(n * METRES_PER_MILE, rel=0.01)
        assert length <= 640 / 4


def test_markers_are_the_same_size_at_any_zoom(outlines):
    near, far = (draw(outlines, [marker(1, HARLOW)], min_span_miles=span) for span in (6, 40))
    for svg in (near, far):
        scale = float(re.search(r"scale\(([\d.]+)\)", svg).group(1))
        assert scale == pytest.approx(view_box(svg)[2] / 640, rel=1e-4)  # the overlay is in pixels
        assert 'r="11"' in svg
    assert view_box(far)[2] > 5 * view_box(near)[2]


def test_markers_at_one_address_are_spread_out(outlines):
    svg = draw(outlines, [marker(n, HARLOW) for n in range(1, 8)], here=HARLOW, here_label="CM20")
    centres = [(float(c.get("cx")), float(c.get("cy"))) for c in ET.fromstring(svg).iter(f"{SVG}circle")]
    assert len(centres) == 7
    assert min(math.dist(a, b) for i, a in enumerate(centres) for b in centres[i + 1:]) >= 20
    assert max(math.dist(c, centres[0]) for c in centres) < 80  # still around the place


def test_drawing_a_map_is_cheap(outlines):
    markers = [marker(n, (51.55 + 0.02 * n, 0.1 + 0.04 * n)) for n in range(1, 21)]
    draw(outlines, markers)  # the outlines become paths once
    started = time.perf_counter()
    for _ in range(50):
        draw(outlines, markers, here=HARLOW, here_label="CM20 1AB")
    assert (time.perf_counter() - started) / 50 < 0.005  # measured about 0.25 ms
