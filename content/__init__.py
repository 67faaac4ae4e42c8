"""Awareness content: district hubs, advice guides and VVU campaigns.

content/ may import directory/; the directory imports content only inside
create_app, through init_app.
"""
from __future__ import annotations

from flask import Flask, current_app
from markupsafe import Markup


def init_app(app: Flask) -> None:
    from content import models as _models  # noqa: F401  (tables for Alembic and the ORM)
    from content import operations, translations
    from content.render import render_markdown
    from content.search import SOURCE
    from content.views import bp
    from directory.i18n.locales import describe_locale
    from directory.links import language_prefix
    from directory.search.sources import register
    from directory.seo import register_sitemap_source

    register(SOURCE)
    register_sitemap_source(_sitemap_entries)
    app.extensions.setdefault("demo_seeders", []).append(_seed_demo)
    app.register_blueprint(bp)
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals.update(
        featured_campaigns=operations.featured_campaigns, page_state=operations.state_label,
        page_reading=lambda page: translations.reading(page, language_prefix()), shown_lang=shown_lang,
        describe_locale=describe_locale,
    )


def shown_lang(shown) -> Markup:
    """lang and dir for words shown in the default language on a translated page."""
    if shown is None or not shown.missing:
        return Markup("")
    return Markup(' lang="%s" dir="ltr"') % current_app.config["BABEL_DEFAULT_LOCALE"].replace("_", "-")


def _sitemap_entries():
    """The public awareness pages for the sitemap: the advice and campaign lists, and
    every page live now (published and inside its window; drafts never)."""
    from content import operations
    from content.models import PageKind
    from directory.seo import page_urls

    for endpoint in ("content.guides", "content.campaigns"):
        yield from ((url, None) for url in page_urls(endpoint))
    for kind, endpoint in ((PageKind.HUB, "content.hub"), (PageKind.GUIDE, "content.guide"),
                           (PageKind.CAMPAIGN, "content.campaign")):
        for page in operations.visible_pages(kind):
            if kind is PageKind.HUB and page.area is None:
                continue
            slug = page.area.slug if kind is PageKind.HUB else page.slug
            yield from ((url, page.updated_at) for url in page_urls(endpoint, slug=slug))


def _seed_demo() -> str:
    from content.demo import seed_content

    created = seed_content()
    return f"Seeded {created} awareness pages" if created else "Awareness pages already exist"
