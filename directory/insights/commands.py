"""`flask insights prune`: delete counts older than INSIGHTS_RETENTION_DAYS (run daily from cron)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from directory.insights import counting

insights_cli = AppGroup("insights", help="The demand and gaps report's counts.")


@insights_cli.command("prune")
def prune_command() -> None:
    """Delete counts older than the retention period."""
    app = current_app._get_current_object()
    counting.prune(app)
    click.echo(f"Deleted counts older than {app.config['INSIGHTS_RETENTION_DAYS']} days.")
