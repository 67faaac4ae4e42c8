"""Every setting, read from the environment, with safe embedded defaults.

Development needs no configuration at all: SQLite and the search index live in
``instance/``. Production (``SIGNPOST_ENV=production``) refuses to start without
an explicit ``SECRET_KEY`` rather than falling back to a guessable one.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from directory.counties.pack import DEFAULT_COUNTY, load_pack

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A setting is missing or unsafe; raised at start-up, never at request time."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: Path, production: bool) -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY must be set when SIGNPOST_ENV=production")
    # Development: a random key kept in instance/ so every gunicorn worker shares it.
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{instance_path / 'signpost.db'}"
    # Heroku-style URLs name the old driver; we use psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _public_base_url(production: bool) -> str:
    url = os.environ.get("PUBLIC_BASE_URL", "").strip() or load_pack(
        os.environ.get("COUNTY", DEFAULT_COUNTY)).public_base_url
    if not url:
        if production:
            raise ConfigError("PUBLIC_BASE_URL must be set when SIGNPOST_ENV=production "
                              "(e-mail links and API addresses are built from it)")
        url = f"http://127.0.0.1:{os.environ.get('PORT', '5000')}"
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"PUBLIC_BASE_URL must be an http(s) address, not {url!r}")
    return url.rstrip("/")


def _trusted_hosts(base_url: str, production: bool) -> list[str]:
    """Host names requests may name; anything else is refused with a 400."""
    listed = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    hosts = listed or [urlsplit(base_url).hostname]
    if not production:
        hosts += ["localhost", "127.0.0.1"]
    return list(dict.fromkeys(hosts))


def _rate_limit_storage(production: bool) -> str:
    uri = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if production and uri.startswith("memory://"):
        raise ConfigError("RATELIMIT_STORAGE_URI must be shared (redis://...) when "
                          "SIGNPOST_ENV=production: memory:// counts each worker on its own")
    return uri


# Settings a county pack provides; the environment (or a test) may override each.
PACK_SETTINGS = ("SITE_NAME", "COUNTY_NAME", "TIMEZONE", "EXIT_URL")


DATABASE_CONNECT_TIMEOUT = 2  # seconds; libpq's smallest


def apply_database_options(config: dict) -> None:
    """Fail fast while the database is away, so a page says so (a calm 503) in about
    two seconds rather than a worker hanging; pre-ping replaces dead pooled
    connections, so the site recovers by itself when the database is back."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options.setdefault("pool_pre_ping", True)
    if config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        timeout = int(config.get("DATABASE_CONNECT_TIMEOUT", DATABASE_CONNECT_TIMEOUT))
        connect = dict(options.get("connect_args") or {})
        connect.setdefault("connect_timeout", timeout)
        # A server that stops answering mid-connection (no RST) ends the wait too.
        connect.setdefault("tcp_user_timeout", timeout * 1000)
        options["connect_args"] = connect
    config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def apply_county(config: dict) -> None:
    """Fill in what the chosen county pack says, where nothing more specific did."""
    pack = load_pack(config["COUNTY"])
    config.setdefault("SITE_NAME", pack.site_name)
    config.setdefault("COUNTY_NAME", pack.name)
    config.setdefault("TIMEZONE", pack.timezone)
    config.setdefault("EXIT_URL", pack.exit_url)
    config["BABEL_DEFAULT_TIMEZONE"] = config["TIMEZONE"]
    config["PREFERRED_COUNTIES"] = pack.preferred_counties or (pack.name,)
    config.setdefault("LOCALES", list(pack.community_languages))


def load(instance_path: Path) -> dict:
    """Build the configuration mapping for ``app.config``."""
    production = os.environ.get("SIGNPOST_ENV", "development") == "production"
    # Browsers accept Secure cookies from http://localhost and 127.0.0.1 too, so the
    # session cookie is Secure and __Host- prefixed everywhere (SESS-1). Turn it off
    # only to develop over plain http on another host name.
    secure_cookie = production or _bool(os.environ.get("SESSION_COOKIE_SECURE"), default=True)
    index_dir = os.environ.get("SEARCH_INDEX_DIR") or str(instance_path / "search-index")
    base_url = _public_base_url(production)
    return {
        "SIGNPOST_ENV": "production" if production else "development",
        "SECRET_KEY": _secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        # Links in e-mails, the feed and the API come from here, never from Host.
        "PUBLIC_BASE_URL": base_url,
        "TRUSTED_HOSTS": _trusted_hosts(base_url, production),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SEARCH_INDEX_DIR": index_dir,
        # Seconds a request waits for the Whoosh write lock before leaving the
        # work to the next request or to `flask search drain`.
        "SEARCH_WRITE_TIMEOUT": float(os.environ.get("SEARCH_WRITE_TIMEOUT", "2")),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR") or str(instance_path / "uploads"),
        "PLACES_DATA_DIR": os.environ.get(
            "PLACES_DATA_DIR", str(PROJECT_ROOT.parent / "shared" / "data" / "geo")
        ),
        # The county pack: a name under directory/counties/ or a path to a folder.
        # SITE_NAME, COUNTY_NAME, TIMEZONE and EXIT_URL default to the pack's.
        "COUNTY": os.environ.get("COUNTY", DEFAULT_COUNTY),
        **{key: os.environ[key] for key in PACK_SETTINGS if os.environ.get(key)},
        "SECURITY_CONTACT": os.environ.get("SECURITY_CONTACT", "mailto:security@example.org"),
        "SEARCH_PAGE_SIZE": 20,
        # How long a discreet search's results address works (issue 12).
        "SEARCH_TOKEN_MINUTES": int(os.environ.get("SEARCH_TOKEN_MINUTES", "60")),
        # The demand and gaps report (issue 12): aggregate counts only.
        "INSIGHTS_ENABLED": _bool(os.environ.get("INSIGHTS_ENABLED"), default=True),
        "INSIGHTS_FLUSH_SECONDS": float(os.environ.get("INSIGHTS_FLUSH_SECONDS", "10")),
        "INSIGHTS_FLUSH_SIZE": int(os.environ.get("INSIGHTS_FLUSH_SIZE", "500")),
        "INSIGHTS_RETENTION_DAYS": int(os.environ.get("INSIGHTS_RETENTION_DAYS", "730")),
        "INSIGHTS_WEEKS": int(os.environ.get("INSIGHTS_WEEKS", "12")),
        "SEARCH_MAX_QUERY_LENGTH": 200,
        "NEAR_MAX_MILES": float(os.environ.get("NEAR_MAX_MILES", "30")),
        "BABEL_DEFAULT_LOCALE": "en_GB",
        # The other languages (URL prefixes) come from the county pack; catalogues
        # are compiled here from directory/translations when their .po changes.
        "COMPILED_TRANSLATIONS": instance_path / "translations",
        "BABEL_TRANSLATION_DIRECTORIES": str(instance_path / "translations"),
        # memory:// only holds within one process: gunicorn.conf.py refuses to start
        # several workers with it, and production refuses it outright (RATE-2).
        "RATELIMIT_STORAGE_URI": _rate_limit_storage(production),
        # Off only for benchmarks that measure the pages themselves.
        "RATELIMIT_ENABLED": _bool(os.environ.get("RATELIMIT_ENABLED"), default=True),
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "signpost"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "SEARCH_RATE_LIMIT": os.environ.get("SEARCH_RATE_LIMIT", "60 per minute"),
        # The ORUK API is read by other directories' harvesters, page after page.
        "ORUK_RATE_LIMIT": os.environ.get("ORUK_RATE_LIMIT", "600 per minute"),
        # Feeds `flask oruk sync` re-reads: "name=source,name2=source2".
        "ORUK_FEEDS": dict(part.split("=", 1) for part in os.environ.get("ORUK_FEEDS", "").split(",")
                           if "=" in part),
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookie,
        "SESSION_COOKIE_NAME": "__Host-signpost" if secure_cookie else "signpost",
        "HSTS": production,
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "JSON_SORT_KEYS": False,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(os.environ.get("MAIL_USE_TLS")),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Signpost <no-reply@localhost>"),
        # Sessions: 30 minutes idle, 12 hours at most (SESS-4).
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", "30")),
        "SESSION_MAX_HOURS": int(os.environ.get("SESSION_MAX_HOURS", "12")),
        "LOGIN_MAX_FAILURES": 10,
        "LOGIN_LOCK_MINUTES": 15,
        # Wrong second-factor codes before a pending sign-in must start again.
        "SECOND_FACTOR_MAX_TRIES": 5,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "FORM_RATE_LIMIT": os.environ.get("FORM_RATE_LIMIT", "10 per hour"),
        "REVIEW_MONTHS": int(os.environ.get("REVIEW_MONTHS", "6")),
        "REVIEW_GRACE_DAYS": int(os.environ.get("REVIEW_GRACE_DAYS", "90")),
    }
