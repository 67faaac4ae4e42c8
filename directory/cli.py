"""Flask commands, grouped: seed-demo, places, search."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

places_cli = AppGroup("places", help="Load open place data (postcodes, towns).")
search_cli = AppGroup("search", help="Build, catch up and check the search index.")
users_cli = AppGroup("users", help="Manage accounts.")


@places_cli.command("load")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--if-empty", is_flag=True, help="Do nothing if place data is already loaded.")
def places_load(folder: Path | None, if_empty: bool) -> None:
    """Load postcodes, postcode districts, places and areas from FOLDER
    (default: the PLACES_DATA_DIR setting)."""
    from directory.geo.loading import PlaceDataMissing, load_places
    from directory.geo.lookup import places_loaded

    if if_empty and places_loaded():
        click.echo("Place data already loaded")
        return
    folder = folder or Path(current_app.config["PLACES_DATA_DIR"])
    try:
        report = load_places(folder)
    except PlaceDataMissing as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Loaded {report.postcodes} postcodes, {report.districts} postcode districts, "
        f"{report.places} places and {report.areas} areas from {folder}"
    )


@search_cli.command("rebuild")
def search_rebuild() -> None:
    """Build a new index from the database and swap it in."""
    from directory.search import engine, index

    folder = index.rebuild(engine.index_root())
    click.echo(f"Rebuilt search index in {folder}")


@search_cli.command("drain")
def search_drain() -> None:
    """Apply outbox rows this node has not indexed yet (run it on a timer)."""
    from directory.search import engine, index

    applied = index.drain(engine.index_root(), timeout=60)
    click.echo("Index busy; try again" if applied < 0 else f"Re-indexed {applied} records")


@search_cli.command("check")
def search_check() -> None:
    """Compare the index with the database; exit 1 if they differ."""
    from directory.search import engine, index

    report = index.check(engine.index_root())
    if report.ok:
        click.echo("Index matches the database")
        return
    click.echo(f"Missing from index: {len(report.missing)}; should not be there: {len(report.extra)}")
    raise SystemExit(1)


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if any service exists.")
@with_appcontext
def seed_demo(if_empty: bool) -> None:
    """Load the demo directory (fictional local services plus real national lines)."""
    from directory.demo.seed import seed

    created = seed(only_if_empty=if_empty)
    click.echo(f"Seeded {created} services" if created else "Database already has services")
    # Other packages (content/) add their own demo data through this hook.
    for seeder in current_app.extensions.get("demo_seeders", []):
        click.echo(seeder())


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrator", help="Display name.")
def users_create_admin(email: str, name: str) -> None:
    """Create an admin with a random one-time password, shown once."""
    from directory.accounts.operations import create_admin, find_user

    if find_user(email) is not None:
        raise click.ClickException("That e-mail address already has an account")
    password = create_admin(email, name)
    click.echo(f"Created admin {email}. One-time password (change it at first sign-in): {password}")


@click.command("remind")
@with_appcontext
def remind() -> None:
    """E-mail officers about listings due for a check, and hide long-overdue ones (cron)."""
    from directory.moderation.operations import remind as send_reminders

    click.echo(f"Sent {send_reminders()} reminder e-mails")


def register_commands(app: Flask) -> None:
    app.cli.add_command(places_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(remind)
