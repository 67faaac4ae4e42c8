"""Signpost: the public youth services directory and awareness site."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from directory import assets, config
from directory.extensions import babel, csrf, db, limiter, migrate
from directory.i18n import locales

PROJECT_ROOT = config.PROJECT_ROOT


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, then every blueprint by name."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(config.load(Path(app.instance_path)))
    if test_config:
        app.config.from_mapping(test_config)
    config.apply_county(app.config)
    config.apply_database_options(app.config)

    if app.config["PROXY_COUNT"]:
        # Trust exactly as many X-Forwarded-* hops as there are proxies (RATE-3).
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    babel.init_app(app, locale_selector=locales.select_locale)
    locales.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    # First, so its after_request (compression) runs after every other one.
    assets.init_app(app)

    # Import models so Alembic and the ORM see every table.
    from directory import audit as _audit  # noqa: F401
    from directory import errors, security
    from directory.accounts import models as _account_models  # noqa: F401
    from directory.accounts import permissions, sessions
    from directory.accounts.views import admin_bp
    from directory.accounts.views import bp as accounts_bp
    from directory.api.views import bp as api_bp
    from directory.cli import register_commands
    from directory.geo import models as _geo_models  # noqa: F401
    from directory.i18n import models as _i18n_models  # noqa: F401
    from directory.i18n.views import bp as languages_bp
    from directory.insights import models as _insight_models  # noqa: F401
    from directory.listings import models as _listing_models  # noqa: F401
    from directory.listings.search import SOURCE as service_source
    from directory.listings.views import bp as listings_bp
    from directory.moderation import models as _moderation_models  # noqa: F401
    from directory.moderation.views import bp as moderation_bp
    from directory.oruk import models as _oruk_models  # noqa: F401
    from directory.pages import bp as pages_bp
    from directory.search import models as _search_models  # noqa: F401
    from directory.search.sources import register as register_search_source

    app.register_blueprint(listings_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(languages_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(moderation_bp)
    from directory.oruk.api import bp as oruk_bp
    from directory.oruk.commands import oruk_cli
    from directory.oruk.downloads import bp as open_data_bp

    app.register_blueprint(oruk_bp)
    app.register_blueprint(open_data_bp)
    from directory.oruk.views import bp as imports_bp

    app.register_blueprint(imports_bp)
    app.cli.add_command(oruk_cli)
    csrf.exempt(api_bp)  # read-only GET endpoints; no session is used
    csrf.exempt(oruk_bp)
    errors.init_app(app)
    security.init_app(app)
    sessions.init_app(app)
    permissions.init_app(app)
    register_commands(app)
    register_search_source(service_source)

    from directory import insights

    insights.init_app(app)

    from directory import templating

    templating.init_app(app)
    from directory import seo

    seo.init_app(app)  # robots.txt, the sitemap, canonical links and schema.org data

    import content

    content.init_app(app)
    return app
