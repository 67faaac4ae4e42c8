"""The services a results page shows, kept in memory per search-index generation.

Loading twenty services with their organisation, places, phones and opening times
through the ORM cost about a third of a results page. Every change to a listing
reaches the index through the outbox and so starts a new index generation, which
empties this cache; between changes the same services are shown again and again.

The services are loaded in a session of their own and closed, so they are detached
with everything a card, the map and the national group read already loaded, and
no later commit in the request can expire them. Only results pages use them (the
API's and the kept list's services are loaded fresh, as they read more)."""
from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy.orm import Session

from directory.extensions import db
from directory.listings.freshness import is_listed
from directory.listings.models import Service

MAX_SERVICES = 1000  # about 12 KB each as ORM objects (measured): some 12 MB

_lock = threading.Lock()
_generation = ""
_services: OrderedDict[str, Service] = OrderedDict()


def clear() -> None:
    global _generation
    with _lock:
        _services.clear()
        _generation = ""


def _cached(generation: str, ids: list[str]) -> dict[str, Service]:
    global _generation
    with _lock:
        if generation != _generation:
            _services.clear()
            _generation = generation
        found = {}
        for service_id in ids:
            service = _services.get(service_id)
            if service is not None:
                _services.move_to_end(service_id)
                found[service_id] = service
        return found


def _keep(generation: str, services: list[Service]) -> None:
    with _lock:
        if generation != _generation:
            return  # a newer generation came meanwhile: these may be out of date
        for service in services:
            _services[service.id] = service
        while len(_services) > MAX_SERVICES:
            _services.popitem(last=False)


def result_services(ids: list[str], generation: str) -> dict[str, Service]:
    """Public services by id, as ``load_public_services``, from memory where the
    same index generation already loaded them. Being listed depends on today's
    date, so it is judged on every call."""
    from directory.listings.operations import RESULT_LOADS, public_services_query

    found = _cached(generation, ids) if generation else {}
    missing = [service_id for service_id in ids if service_id not in found]
    if missing:
        with Session(db.engine) as session:
            loaded = list(session.scalars(public_services_query(RESULT_LOADS).where(Service.id.in_(missing))))
        if generation:
            _keep(generation, loaded)
        found.update((service.id, service) for service in loaded)
    return {service_id: service for service_id, service in found.items() if is_listed(service)}
