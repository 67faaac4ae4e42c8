"""The maps beside results and on a service page: markers from public locations only.

The list is the primary content; a map is a labelled companion whose numbered
markers link to the numbered results. Confidential places are drawn only at the
rounded position ``public_location`` gives them. Drawing is geo.maps' job.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from directory.counties.pack import current_pack
from directory.geo.maps import Marker, draw_map
from directory.listings.models import Service, public_location


def _points(service: Service) -> list[tuple[float, float]]:
    return [
        (place.latitude, place.longitude)
        for place in map(public_location, service.locations)
        if place.latitude is not None and place.longitude is not None
    ]


def _scale_label(miles: int) -> str:
    return ngettext("%(num)s mile", "%(num)s miles", miles)


def results_map(page, first_number: int) -> Markup:
    """A map of the page's numbered results with a place to go to ('' if none)."""
    outlines = current_pack().outlines()
    if outlines is None:
        return Markup("")
    markers = [
        # TRANSLATORS: a map marker's name: the result's number and the service's name.
        Marker(str(number), latitude, longitude, f"#result-{number}",
               _("%(number)s: %(name)s", number=number, name=item.service.name))
        for number, item in enumerate(page.found, start=first_number)
        for latitude, longitude in _points(item.service)[:1]
    ]
    if not markers:
        return Markup("")
    here = page.place.point if page.place is not None else None
    return draw_map(
        outlines,
        markers,
        here=(here.latitude, here.longitude) if here else None,
        title=_("Map of these services"),
        description=_("The numbers match the numbered services in the list above."),
        here_label=_("Where you searched"),
        scale_label=_scale_label,
        id_prefix="results-map",
        # Drawn at about the size it is shown (a phone's width, or the side column),
        # so markers and labels keep their size.
        width=360,
        height=320,
    )


def service_map(service: Service) -> Markup:
    """A small map of where a service is ('' when it has no place to show)."""
    outlines = current_pack().outlines()
    points = _points(service)
    if outlines is None or not points:
        return Markup("")
    markers = [Marker(str(n), lat, lon, "#where", service.name) for n, (lat, lon) in enumerate(points, start=1)]
    return draw_map(
        outlines,
        markers,
        title=_("Map of where this service is"),
        description=_("The addresses are written out above the map."),
        scale_label=_scale_label,
        id_prefix="service-map",
        min_span_miles=4.0,
        width=360,
        height=240,
    )
