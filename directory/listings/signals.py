"""What the public directory announces, for packages that listen (the demand report).

Sent after the work is done; a receiver must be cheap and must not fail the page.
Listeners depend on the directory, never the other way round.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# A search was answered. Keyword arguments: params (SearchParams), page
# (DirectoryPage), channel ("site" or "api"), token (the discreet search's token,
# or None when there is none: browse pages and the API, counted once per page one).
searched = _signals.signal("searched")

# A public service page was shown. Keyword argument: service_id.
service_viewed = _signals.signal("service-viewed")

# Someone followed a service's website or e-mail link through the site.
# Keyword arguments: service_id, how ("website" or "email").
service_contacted = _signals.signal("service-contacted")
