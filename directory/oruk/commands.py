"""`flask oruk export | import | sync | approve`: Open Referral UK from the command line."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from directory.accounts.models import Role, User
from directory.extensions import db
from directory.geo.models import Area
from directory.oruk import importing, reading
from directory.oruk.downloads import FILES

oruk_cli = AppGroup("oruk", help="Open Referral UK: export the directory, import other directories' feeds.")


@oruk_cli.command("export")
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to write services.json and services-csv.zip into.")
def export_command(folder: Path) -> None:
    """Write the public directory as ORUK 3.0 JSON and an HSDS 3.0 CSV data package."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (build, _mimetype) in FILES.items():
        (folder / name).write_bytes(build())
        click.echo(f"Wrote {folder / name}")


def _decider(email: str | None) -> User | None:
    if not email:
        return None
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_enabled or user.role not in (Role.MODERATOR, Role.ADMIN):
        raise click.ClickException(f"{email}: not an enabled moderator's or admin's account")
    return user


def _run(source: str, feed: str, dry_run: bool, approve_as: str | None, report_path: Path | None,
         area: str = "") -> None:
    if area and db.session.scalar(select(Area.id).where(Area.slug == area)) is None:
        raise click.ClickException(f"{area}: not one of this county's areas (see /areas)")
    try:
        read = reading.read(source)
    except reading.FeedError as error:
        raise click.ClickException(str(error)) from None
    report = importing.plan(read, feed, area)
    click.echo(report.as_text())
    if report_path:
        importing.write_report(report, report_path)
        click.echo(f"Report written to {report_path}")
    if dry_run:
        click.echo("Dry run: nothing was changed.")
        return
    done = importing.apply(report, _decider(approve_as))
    waiting = "published" if approve_as else "sent to the moderators"
    click.echo(f"{done.get('create', 0)} new and {done.get('update', 0)} changed listings {waiting}; "
               f"{done.get('missing', 0)} flagged as gone from the feed.")


@oruk_cli.command("import")
@click.argument("source")
@click.option("--feed", help="A short name for this feed (default: taken from the source).")
@click.option("--dry-run", is_flag=True, help="Only report what would change.")
@click.option("--approve-as", metavar="EMAIL", help="Publish at once, as this moderator's or admin's decision.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the report as JSON here.")
@click.option("--area", default="", metavar="SLUG",
              help="The area of services that give no place or area (a council's own feed).")
def import_command(source: str, feed: str | None, dry_run: bool, approve_as: str | None,
                   report_path: Path | None, area: str) -> None:
    """Import an ORUK 3.0 or 1.0 JSON file or API, or an HSDS/ORUK CSV data package."""
    _run(source, feed or _feed_name(source), dry_run, approve_as, report_path, area)


@oruk_cli.command("sync")
@click.option("--dry-run", is_flag=True, help="Only report what would change.")
def sync_command(dry_run: bool) -> None:
    """Re-read every feed in ORUK_FEEDS (name=source, comma-separated); run it from cron."""
    feeds = current_app.config["ORUK_FEEDS"]
    if not feeds:
        raise click.ClickException("No feeds: set ORUK_FEEDS, e.g. ORUK_FEEDS=north-lincs=https://example.org/api")
    for name, source in feeds.items():
        _run(source, name, dry_run, None, None)


@oruk_cli.command("approve")
@click.argument("feed")
@click.option("--as", "email", required=True, metavar="EMAIL", help="The moderator or admin deciding.")
def approve_command(feed: str, email: str) -> None:
    """Approve every suggestion a feed's import left waiting, after reading its report."""
    approved, skipped = importing.approve_batch(feed, _decider(email))
    click.echo(f"Approved {approved} listings from {feed}." + (f" {skipped} had changed and were left." if skipped
                                                               else ""))


def _feed_name(source: str) -> str:
    name = source.rstrip("/").rsplit("/", 1)[-1] or source
    return name.rsplit(".", 1)[0][:100]
