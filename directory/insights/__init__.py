"""The demand and gaps report: what people look for and where nothing answers.

Counts only, keyed by day and a few coarse fields; never the words typed, a place,
a person, a token or an address (issue 12, part 4). `counting` buffers and writes
them, `report` turns them into tables with small numbers suppressed.
"""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from directory.insights import commands, counting, views

    counting.init_app(app)
    app.register_blueprint(views.bp)
    app.cli.add_command(commands.insights_cli)
