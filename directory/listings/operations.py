"""What people do with the directory: search it, read listings, and the one path
every change to a live listing takes (outbox row and audit event included).

Plain functions, callable without a request, shared by the pages, the API and tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from directory import audit
from directory.accounts.permissions import Permission, require
from directory.counties.languages import in_reader_language
from directory.counties.pack import current_pack
from directory.extensions import db
from directory.geo import lookup
from directory.geo.models import Area
from directory.links import language_prefix
from directory.listings import cards
from directory.listings.editing import apply_data, service_to_data
from directory.listings.freshness import is_listed
from directory.listings.languages import name as language_name
from directory.listings.models import MODE_LABELS, Category, Service, ServiceStatus, public_location
from directory.listings.params import SearchInputError, SearchParams
from directory.search import engine
from directory.search.models import enqueue
from directory.search.query import Filters, Origin, SearchResults
from directory.search.understanding import in_danger


@dataclass
class FoundService:
    service: Service
    distance_miles: float | None


@dataclass
class DirectoryPage:
    params: SearchParams
    results: SearchResults
    found: list[FoundService]
    place: lookup.ResolvedPlace | None
    categories: list[Category]
    areas: list[Area]
    # When the words say someone may be in danger now: crisis services to show
    # first, in the Help now panel (None when they do not).
    help_now: list[FoundService] | None = None
    # Near a place: the best services reached from anywhere, by phone, text or online.
    wherever: list[FoundService] = field(default_factory=list)

    def facet(self, name: str) -> list[tuple[str, str, int]]:
        """(value, label, count) for every value of a facet, zero counts included."""
        counts = self.results.facets.get(name, {})
        if name == "category":
            pairs = [(c.slug, in_reader_language(c)) for c in self.categories]
        elif name == "area":
            pairs = [(a.slug, a.name) for a in self.areas]
        elif name == "mode":
            pairs = [(value, str(label)) for value, label in MODE_LABELS.items()]
        elif name == "language":
            pairs = sorted(((code, language_name(code)) for code in counts), key=lambda pair: pair[1])
        else:
            pairs = [(key, key) for key in counts]
        return [(value, label, counts.get(value, 0)) for value, label in pairs]

    @property
    def wherever_first(self) -> bool:
        """Do the national lines come before the nearest places? When the words named
        a need the best of them meets ("someone to talk to": a listening line), yes;
        otherwise they follow the nearest place."""
        if not self.wherever or not self.results.needs:
            return False
        return any(c.slug in self.results.needs for c in self.wherever[0].service.categories)

    def facet_choices(self, name: str) -> list[tuple[str, str, int]]:
        """The facet's values worth offering: those with results, and any chosen."""
        chosen = getattr(self.params, name)
        return [choice for choice in self.facet(name) if choice[2] or choice[0] in chosen]


def place_message(error: lookup.PlaceError) -> str:
    """What to tell the person when "near" cannot be used."""
    if isinstance(error, lookup.PlacesUnavailable):
        return _(
            "Searching by town or postcode is not working on this site at the moment. "
            "You can still use your location, or choose an area."
        )
    if isinstance(error, lookup.PlaceNotFound):
        return _("We could not find that place. Check the spelling, or try a postcode like %(district)s.",
                 district=current_pack().example_district)
    return _("Your location did not come through properly. Please try again or type a place.")


def all_categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.sort_order, Category.name)))


def all_areas() -> list[Area]:
    return list(db.session.scalars(select(Area).order_by(Area.name)))


def local_now() -> datetime:
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"]))


def _check_known(values: tuple[str, ...], known: set[str], field: str, message: str) -> None:
    if any(v not in known for v in values):
        raise SearchInputError(field, message)


def _origin(params: SearchParams, areas: list[Area]) -> tuple[Origin | None, lookup.ResolvedPlace | None]:
    if params.lat is not None and params.lon is not None:
        place = lookup.from_coordinates(params.lat, params.lon)
    elif params.near:
        place = lookup.resolve(params.near)
    else:
        return None, None
    area_slug = next((a.slug for a in areas if place.lad_code and a.ons_code == place.lad_code), None)
    max_miles = current_app.config["NEAR_MAX_MILES"]
    return Origin(place.point, area_slug, max_miles), place


# What each kind of page shows, loaded up front in a fixed number of queries.
RESULT_LOADS = ("categories", "areas", "locations", "phones", "schedules")
PAGE_LOADS = RESULT_LOADS + ("contacts",)


def public_services_query(relationships: tuple[str, ...]):
    """Active services with their organisation and the named relationships.

    Anything not active is dropped here whatever the index says (SRCH-1)."""
    return (
        select(Service)
        .where(Service.status == ServiceStatus.ACTIVE)
        .options(
            joinedload(Service.organization),
            *(selectinload(getattr(Service, name)) for name in relationships),
        )
    )


def load_public_services(ids: list[str]) -> dict[str, Service]:
    """Public services by id, with what a results card and the API show."""
    if not ids:
        return {}
    query = public_services_query(RESULT_LOADS).where(Service.id.in_(ids))
    return {s.id: s for s in db.session.scalars(query) if is_listed(s)}


def nearest_distance(service: Service, point: lookup.Point) -> float | None:
    """Miles from ``point`` to the service's nearest public location (via geopy)."""
    distances = [
        lookup.distance_miles(point, lookup.Point(loc.latitude, loc.longitude))
        for loc in map(public_location, service.locations)
        if loc.latitude is not None and loc.longitude is not None
    ]
    return min(distances) if distances else None


def search_directory(params: SearchParams, now: datetime | None = None, related: int = 0,
                     results_page: bool = False) -> DirectoryPage:
    """Search public listings. For the ``results_page``, a search near a place puts
    the best few phone, text and online services in their own group, and the
    services come from the per-generation cache (cards.py).

    Raises SearchInputError for unknown filters and lookup.PlaceError when the
    place cannot be found; both carry a message for the person.
    """
    categories = all_categories()
    areas = all_areas()
    _check_known(params.category, {c.slug for c in categories}, "category",
                 _("We do not have that category. Please choose one from the list."))
    _check_known(params.area, {a.slug for a in areas}, "area",
                 _("We do not cover that area. Please choose one from the list."))
    origin, place = _origin(params, areas)
    filters = Filters(
        category=frozenset(params.category),
        area=frozenset(params.area),
        mode=frozenset(params.mode),
        language=frozenset(params.language),
        age=params.age,
        free=params.free,
        open_now=params.open_now,
    )
    results = engine.find(
        params.q,
        filters,
        origin=origin,
        now=now or local_now(),
        page=params.page,
        page_size=current_app.config["SEARCH_PAGE_SIZE"],
        related=related,
        related_area=_searched_area(params, origin),
        reader_language=language_prefix(),
        wherever_size=WHEREVER_SERVICES if results_page else 0,
    )
    shown = [hit.id for hit in results.hits + results.wherever]
    services = cards.result_services(shown, results.generation) if results_page else load_public_services(shown)

    def found(hits) -> list[FoundService]:
        return [FoundService(services[hit.id], nearest_distance(services[hit.id], origin.point) if origin else None)
                for hit in hits if hit.id in services]

    help_now = _help_now(origin, now) if params.q and in_danger(params.q) else None
    return DirectoryPage(params, results, found(results.hits), place, categories, areas, help_now,
                         wherever=found(results.wherever))


WHEREVER_SERVICES = 3  # phone, text and online services grouped apart under "near"


def _searched_area(params: SearchParams, origin: Origin | None) -> str | None:
    """The one area a search is about, if any: the place's, or a single area filter."""
    if origin is not None and origin.area:
        return origin.area
    return params.area[0] if len(params.area) == 1 else None


HELP_NOW_SERVICES = 3


def _help_now(origin: Origin | None, now: datetime | None) -> list[FoundService]:
    """The crisis services to put first when someone may be in danger."""
    category = current_pack().crisis().category
    results = engine.find("", Filters(category=frozenset({category})), origin=origin, now=now or local_now(),
                          page=1, page_size=HELP_NOW_SERVICES)
    services = load_public_services([hit.id for hit in results.hits])
    return [FoundService(services[hit.id], nearest_distance(services[hit.id], origin.point) if origin else None)
            for hit in results.hits if hit.id in services]


def get_public_service(service_id: str) -> Service | None:
    """An active service by id, or None (the page then answers 404)."""
    service = db.session.scalar(public_services_query(PAGE_LOADS).where(Service.id == service_id))
    return service if service is not None and is_listed(service) else None


MAX_KEPT = 30  # services in one kept list (its link must stay short enough to share)


@dataclass
class KeptList:
    services: list[Service]
    missing: int  # ids that are not (or no longer) public listings


def kept_services(ids: list[str]) -> KeptList:
    """A person's kept list, in the order they kept it, with what a printed list shows.

    The list lives in their browser or the link; nothing of it is stored here."""
    wanted = list(dict.fromkeys(ids))
    found = {s.id: s for s in db.session.scalars(public_services_query(PAGE_LOADS).where(Service.id.in_(wanted)))
             if is_listed(s)} if wanted else {}
    return KeptList([found[i] for i in wanted if i in found], sum(1 for i in wanted if i not in found))


def get_category(slug: str) -> Category | None:
    return db.session.scalar(select(Category).where(Category.slug == slug))


def get_area(slug: str) -> Area | None:
    return db.session.scalar(select(Area).where(Area.slug == slug))


# --- writes: every change to a live listing goes through here ------------------------


class ListingChanged(ValueError):
    """The live listing changed after the submission being applied was made."""


def _written(actor, service: Service, action: str, before: dict | None, after: dict | None) -> None:
    """The outbox row and the audit event, in the caller's transaction."""
    db.session.add(service)
    db.session.flush()
    enqueue("service", service.id)
    audit.record(actor, action, "service", service.id, before=before, after=after)


def save_service(service: Service, actor=None) -> Service:
    """Commit a new or changed service (seeding, imports, tests) and bring the search
    index up to date.

    The outbox row goes in the same transaction as the change, so even if the
    index cannot be written now (lock busy, crash) the next drain applies it.
    People change listings only through moderation (``apply_approved``).
    """
    _written(actor, service, "listing.saved", None, None)
    db.session.commit()
    engine.catch_up()
    return service


def apply_approved(reviewer, target: Service | None, data: dict, base_version: int | None) -> Service:
    """Apply an approved submission to the live tables, in the caller's transaction.

    The caller has checked that ``reviewer`` may decide it. The listing counts as
    checked today by them. Raises ListingChanged if ``target`` moved on since the
    submission was made (its version is not ``base_version``)."""
    if target is None:
        service, before = Service(status=ServiceStatus.ACTIVE, version=1), None
    else:
        if target.version != base_version:
            raise ListingChanged(target.id)
        service, before = target, service_to_data(target)
        service.version += 1
    apply_data(service, data)
    service.assured_date = date.today()
    service.assurer_email = reviewer.email
    _written(reviewer, service, "listing.created" if before is None else "listing.edited", before, data)
    return service


def confirm_still_correct(user, service: Service) -> None:
    """One click "still correct": counts as a check, moving the review date on."""
    require(user, Permission.LISTING_CONFIRM, service)
    before = {"assured_date": str(service.assured_date)}
    service.assured_date = date.today()
    service.assurer_email = user.email
    # It may have been hidden as long overdue: the index must hear of it.
    _written(user, service, "listing.checked", before, {"assured_date": str(service.assured_date)})
    db.session.commit()
    engine.catch_up()
