"""Awareness content: district hubs, advice guides and VVU campaigns.

content/ may import directory/; the directory imports content only inside
create_app, through init_app.
"""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from content import models as _models  # noqa: F401  (tables for Alembic and the ORM)
    from content import operations
    from content.render import render_markdown
    from content.search import SOURCE
    from content.views import bp
    from directory.search.sources import register

    register(SOURCE)
    app.extensions.setdefault("demo_seeders", []).append(_seed_demo)
    app.register_blueprint(bp)
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals.update(
        featured_campaigns=operations.featured_campaigns, page_state=operations.state_label
    )


def _seed_demo() -> str:
    from content.demo import seed_content

    created = seed_content()
    return f"Seeded {created} awareness pages" if created else "Awareness pages already exist"
