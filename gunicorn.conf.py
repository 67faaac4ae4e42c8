"""gunicorn settings for Signpost (used by `make run`; fit for production too)."""
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Never preload: each worker opens the search index itself, after the fork.
preload_app = False
accesslog = "-"
# LOG-2: no client address and no query string, so search words are never
# logged beside who searched. %(U)s is the path without the query.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'


def on_starting(server):
    """RATE-2: refuse several workers whose rate limits would each count alone.

    With memory:// every worker keeps its own counts, so "10 a minute" would let
    10 through per worker. Share them (RATELIMIT_STORAGE_URI=redis://...) or run one.
    """
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    limits_on = os.environ.get("RATELIMIT_ENABLED", "1").strip().lower() not in {"0", "false", "no", "off"}
    if limits_on and server.cfg.workers > 1 and storage.startswith("memory://"):
        raise SystemExit(
            f"Refusing to start {server.cfg.workers} workers with RATELIMIT_STORAGE_URI={storage}: "
            "rate limits would be counted per worker. Set RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379 "
            "(make run does) or WEB_CONCURRENCY=1."
        )


def worker_exit(server, worker):
    """Write the demand counts this worker still holds before it stops (issue 12)."""
    import sys

    app = getattr(sys.modules.get("wsgi"), "app", None)
    if app is not None:
        from directory.insights.counting import flush

        flush(app)


def post_worker_init(worker):
    """Open the index, build its table and compile templates before accepting traffic (issue 14)."""
    import sys

    app = getattr(sys.modules.get("wsgi"), "app", None)
    if app is not None:
        from directory.warmup import warm

        warm(app)
