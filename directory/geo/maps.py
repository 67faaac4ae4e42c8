"""Maps of the county drawn on the server, as inline SVG.

Why not a slippy map: tiles come from a tile server, so every public page with one
would tell a third party who looked at it and where (young people search for
sexual health, drugs or abuse services), and it would need JavaScript and a looser
Content Security Policy. This map is the pack's simplified council boundaries
(``outlines.json``) with numbered markers, made of SVG presentation attributes only:
no request, no script, no inline style.

The list of results stays the primary content; the map is a labelled companion. Each
marker is a link to its entry in the list ("#result-1") named like the entry, so the
map adds nothing a reader of the list would miss and the list loses nothing without it.

The council outlines are turned into path strings once per process; a map only
chooses its viewBox and adds markers, so drawing one costs well under a millisecond.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from directory.counties.pack import Outlines

METRES_PER_MILE = 1609.344
SCALE_MILES = (1, 2, 5, 10, 20, 50, 100)
# Colours: marker text is white on dark blue (8.6:1); markers, the searched place and
# the outlines stand out from the land by over 3:1 (WCAG 1.4.11).
PAPER = "#ffffff"
LAND = "#f3f2f1"
BORDER = "#6b6b6b"
MARKER = "#1d4e89"
MARKER_TEXT = "#ffffff"
HERE = "#d4351c"
INK = "#0b0c0c"
# Sizes on screen, in pixels of the map's width and height.
MARKER_RADIUS = 11
HERE_SIZE = 9
PADDING = (28, 28, 48, 28)  # top, right, bottom (room for the scale bar), left
ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# Addresses a link must not have; browsers skip leading spaces and controls, and tabs and newlines anywhere.
UNSAFE_SCHEMES = re.compile(r"^[\x00-\x20]*(javascript|vbscript|data):", re.I)


@dataclass(frozen=True)
class Marker:
    """A numbered point on the map linking to its entry in the list."""

    label: str  # drawn in the marker, e.g. "1"
    latitude: float
    longitude: float
    href: str  # where it links, e.g. "#result-1"
    title: str  # its accessible name, e.g. "1: Youth Club"


@dataclass(frozen=True)
class _Base:
    """What every map of these outlines shares: the land layer and its extent."""

    land: str
    bounds: tuple[float, float, float, float]  # min x, min y, max x, max y in SVG units (y down)


def _number(value: float, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _ring_path(ring: tuple[tuple[int, int], ...]) -> str:
    """M x y then relative steps (y flipped: the rings have north up, SVG has y down)."""
    (x0, y0), parts = ring[0], []
    for (xa, ya), (xb, yb) in zip(ring, ring[1:-1], strict=False):
        parts += [str(xb - xa), str(ya - yb)]
    steps = "".join(p if p.startswith("-") or not i else " " + p for i, p in enumerate(parts))
    return f"M{x0} {-y0}l{steps}z"


@lru_cache(maxsize=4)
def _base(outlines: Outlines) -> _Base:
    paths = []
    for area in outlines.areas:
        d = "".join(_ring_path(ring) for ring in area.rings)
        # vector-effect is not inherited, so each path has its own: borders stay 1 px at any zoom.
        paths.append(f'<path class="map-area" data-area="{escape(area.ons_code)}" '
                     f'vector-effect="non-scaling-stroke" d="{d}"/>')
    xs = [x for area in outlines.areas for ring in area.rings for x, _ in ring]
    ys = [-y for area in outlines.areas for ring in area.rings for _, y in ring]
    land = (f'<g class="map-areas" aria-hidden="true" fill="{LAND}" stroke="{BORDER}" stroke-width="1" '
            f'stroke-linejoin="round" fill-rule="evenodd">' + "".join(paths) + "</g>")
    return _Base(land, (min(xs), min(ys), max(xs), max(ys)))


@dataclass(frozen=True)
class _View:
    """The viewBox: its top-left corner in SVG units and the units per pixel."""

    x: float
    y: float
    per_px: float

    def px(self, point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - self.x) / self.per_px, (point[1] - self.y) / self.per_px


def _fit(points: list[tuple[float, float]], bounds: tuple[float, float, float, float], min_span: float,
         width: int, height: int) -> _View:
    """The view that shows every point (or, with none, ``bounds``) inside the padding,
    and at least ``min_span`` units across its shorter side."""
    if points:
        bounds = (min(p[0] for p in points), min(p[1] for p in points),
                  max(p[0] for p in points), max(p[1] for p in points))
    top, right, bottom, left = PADDING
    inner_w, inner_h = max(width - left - right, 1), max(height - top - bottom, 1)
    per_px = max((bounds[2] - bounds[0]) / inner_w, (bounds[3] - bounds[1]) / inner_h,
                 min_span / min(width, height), 1e-9)
    centre_x, centre_y = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    return _View(centre_x - (left + inner_w / 2) * per_px, centre_y - (top + inner_h / 2) * per_px, per_px)


Box = tuple[float, float, float, float]  # left, top, right, bottom, in pixels


def _covers(box: Box, centre: tuple[float, float]) -> bool:
    """Does a marker at ``centre`` overlap the box?"""
    x, y = centre
    return math.dist(centre, (min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))) < MARKER_RADIUS + 1


# Where a marker goes when its place is taken: rings of 6, 12, 18 and 24 spots around it.
_GAP = 2 * MARKER_RADIUS + 1
_AROUND = [(0.0, 0.0)] + [(ring * _GAP * math.cos(a), ring * _GAP * math.sin(a)) for ring in range(1, 5)
                          for a in (2 * math.pi * k / (6 * ring) - math.pi / 2 for k in range(6 * ring))]


def _spread(wanted: list[tuple[float, float]], taken: list[tuple[float, float]], boxes: list[Box],
            width: int, height: int) -> list[tuple[float, float]]:
    """Marker centres, each moved (in rings around its place) off the markers before it,
    ``taken`` points and ``boxes``, so services at one address stay readable and clickable."""
    placed = list(taken)
    low, high_x, high_y, near = MARKER_RADIUS, width - MARKER_RADIUS, height - MARKER_RADIUS, (_GAP - 2) ** 2

    def free(x: float, y: float) -> bool:
        return (low <= x <= high_x and low <= y <= high_y
                and all((x - ox) ** 2 + (y - oy) ** 2 >= near for ox, oy in placed)
                and not any(_covers(box, (x, y)) for box in boxes))

    for x, y in wanted:
        placed.append(next(((x + dx, y + dy) for dx, dy in _AROUND if free(x + dx, y + dy)), (x, y)))
    return placed[len(taken):]


def _scale(per_px: float, unit_m: float, width: int, height: int,
           label: Callable[[int], str]) -> tuple[str, Box]:
    """A bar of a round number of miles, no longer than a quarter of the map, at bottom left."""
    mile_px = METRES_PER_MILE / unit_m / per_px
    miles = max([m for m in SCALE_MILES if m * mile_px <= width / 4] or [SCALE_MILES[0]])
    length = miles * mile_px
    text = str(escape(label(miles)))
    x0, y0 = 16, height - 14
    box = (x0 - 8, y0 - 26, x0 + 8 + max(length, 7 * len(text)), y0 + 8)
    return (f'<g class="map-scale" aria-hidden="true">'
            f'<rect x="{box[0]}" y="{box[1]}" width="{_number(box[2] - box[0], 1)}" height="{box[3] - box[1]}" '
            f'rx="3" fill="{PAPER}" fill-opacity="0.85"/>'
            f'<path d="M{x0} {y0 - 5}v5h{_number(length, 1)}v-5" fill="none" stroke="{INK}" stroke-width="2"/>'
            f'<text x="{x0}" y="{y0 - 9}" font-size="12" fill="{INK}">{text}</text></g>'), box


def _here_box(at: tuple[float, float], label: str, side: tuple[str, float, float]) -> Box:
    anchor, dx, dy = side
    wide, tall = 7.5 * len(label) + 2, 16  # about 13 px bold text
    left = at[0] + dx - {"start": 0, "end": wide, "middle": wide / 2}[anchor]
    return left, at[1] + dy - tall / 2, left + wide, at[1] + dy + tall / 2


def _here_side(at: tuple[float, float], label: str, centres: list[tuple[float, float]], boxes: list[Box],
               width: int, height: int) -> tuple[str, float, float]:
    """Where the searched place's name goes: right, left, above or below its diamond,
    on the side that covers the fewest markers and stays on the map."""
    sides = [("start", HERE_SIZE + 4, 0), ("end", -HERE_SIZE - 4, 0),
             ("middle", 0, -HERE_SIZE - 10), ("middle", 0, HERE_SIZE + 12)]

    def cost(side: tuple[str, float, float]) -> float:
        box = _here_box(at, label, side)
        off = box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height
        return sum(_covers(box, centre) for centre in centres) + 100 * off + 10 * any(
            not (box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1]) for b in boxes)

    return min(sides, key=cost)


def draw_map(outlines: Outlines | None, markers: Sequence[Marker] = (), *, title: str, description: str,
             scale_label: Callable[[int], str], id_prefix: str = "map",
             here: tuple[float, float] | None = None, here_label: str = "",
             min_span_miles: float = 6.0, width: int = 640, height: int = 400) -> Markup:
    """An inline ``<svg>`` of the county's councils with ``markers`` and the searched
    place ``here`` (latitude, longitude) drawn as a diamond labelled ``here_label``.

    The view fits every marker and ``here`` (points outside the county too), at least
    ``min_span_miles`` across; with neither, the whole county. ``title`` and
    ``description`` name the map for screen readers; ``scale_label(miles)`` words the
    scale bar ("5 miles", translated by the caller). ``id_prefix`` makes the ids unique
    when a page shows two maps. All text is escaped. With no outlines (a pack without
    outlines.json) there is no map: the result is empty.
    """
    if outlines is None:
        return Markup("")
    if not ID.match(id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r} must be a letter then letters, digits, - or _")
    if width <= 0 or height <= 0:
        raise ValueError("width and height must be positive")
    for marker in markers:
        if UNSAFE_SCHEMES.match(re.sub(r"[\t\n\r]", "", marker.href)):
            raise ValueError(f"marker {marker.label!r}: href {marker.href!r} is not a page address")
    base = _base(outlines)
    projected = [_svg_point(outlines, m.latitude, m.longitude) for m in markers]
    here_at = _svg_point(outlines, *here) if here else None
    view = _fit(projected + ([here_at] if here_at else []), base.bounds,
                min_span_miles * METRES_PER_MILE / outlines.unit_m, width, height)
    u = view.per_px
    box = f"{_number(view.x)} {_number(view.y)} {_number(width * u)} {_number(height * u)}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="county-map" width="{width}" height="{height}" '
             f'viewBox="{box}" role="group" aria-labelledby="{id_prefix}-title {id_prefix}-desc">'
             f'<title id="{id_prefix}-title">{escape(title)}</title>'
             f'<desc id="{id_prefix}-desc">{escape(description)}</desc>'
             f'<rect class="map-paper" x="{_number(view.x)}" y="{_number(view.y)}" width="{_number(width * u)}" '
             f'height="{_number(height * u)}" fill="{PAPER}"/>', base.land,
             # Everything else is drawn in pixels, so it is the same size on every map.
             f'<g transform="translate({_number(view.x)} {_number(view.y)}) scale({_number(u, 6)})">']
    scale, scale_box = _scale(u, outlines.unit_m, width, height, scale_label)
    wanted = [view.px(p) for p in projected]
    here_px = view.px(here_at) if here_at else None
    boxes, named = [scale_box], ""
    if here_px:
        parts.append(f'<path class="map-here" aria-hidden="true" d="M{_number(here_px[0], 1)} '
                     f'{_number(here_px[1] - HERE_SIZE, 1)}l{HERE_SIZE} {HERE_SIZE}l-{HERE_SIZE} {HERE_SIZE}'
                     f'l-{HERE_SIZE}-{HERE_SIZE}z" fill="{HERE}" stroke="{PAPER}" stroke-width="2"/>')
    if here_px and here_label:
        anchor, dx, dy = _here_side(here_px, here_label, wanted, boxes, width, height)
        boxes.append(_here_box(here_px, here_label, (anchor, dx, dy)))
        named = (f'<text class="map-here-label" x="{_number(here_px[0] + dx, 1)}" y="{_number(here_px[1] + dy, 1)}" '
                 f'dy="0.35em" text-anchor="{anchor}" font-size="13" font-weight="bold" fill="{INK}" '
                 f'stroke="{PAPER}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
                 f'{escape(here_label)}</text>')
    centres = _spread(wanted, [here_px] if here_px else [], boxes, width, height)
    parts += [_marker(marker, centre) for marker, centre in zip(markers, centres, strict=True)]
    parts += [named, scale, "</g></svg>"]
    return Markup("".join(parts))


def _svg_point(outlines: Outlines, latitude: float, longitude: float) -> tuple[float, float]:
    x, y = outlines.units(latitude, longitude)
    return x, -y


def _marker(marker: Marker, centre: tuple[float, float]) -> str:
    x, y = _number(centre[0], 1), _number(centre[1], 1)
    size = 12 if len(marker.label) <= 2 else 9
    return (f'<a href="{escape(marker.href)}" class="map-marker" aria-label="{escape(marker.title)}">'
            f'<title>{escape(marker.title)}</title>'
            f'<circle cx="{x}" cy="{y}" r="{MARKER_RADIUS}" fill="{MARKER}" stroke="{PAPER}" stroke-width="2"/>'
            f'<text x="{x}" y="{y}" dy="0.35em" text-anchor="middle" font-size="{size}" font-weight="bold" '
            f'fill="{MARKER_TEXT}">{escape(marker.label)}</text></a>')
