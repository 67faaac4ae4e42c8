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
