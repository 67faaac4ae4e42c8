"""Flask commands, grouped: seed-demo, places, search, users, backup."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

places_cli = AppGroup("places", help="Load open place data (postcodes, towns).")
search_cli = AppGroup("search", help="Build, catch up and check the search index.")
users_cli = AppGroup("users", help="Manage accounts.")
backup_cli = AppGroup("backup", help="Back up, check and restore the database and uploads.")


@places_cli.command("load")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--if-empty", is_flag=True, help="Do nothing if place data is already loaded.")
def places_load(folder: Path | None, if_empty: bool) -> None:
    """Load the county pack's postcode districts, places and areas, and full
    postcodes from FOLDER (default: the PLACES_DATA_DIR setting) if it has them."""
    from directory.counties.pack import PackError, current_pack
    from directory.geo.loading import full_postcodes_file, load_places
    from directory.geo.lookup import places_loaded

    if if_empty and places_loaded():
        click.echo("Place data already loaded")
        return
    pack = current_pack()
    folder = folder or Path(current_app.config["PLACES_DATA_DIR"])
    try:
        report = load_places(pack, folder)
    except PackError as error:
        raise click.ClickException(str(error)) from None
    source = full_postcodes_file(pack, folder)
    click.echo(
        f"Loaded {report.districts} postcode districts, {report.places} places and "
        f"{report.areas} areas from {pack.folder}"
    )
    click.echo(f"Loaded {report.postcodes} full postcodes from {source}" if source else
               "No full-postcode file found: full postcodes resolve to their district's centre")


@places_cli.command("make-pack")
@click.argument("source", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--radius-km", default=30.0, show_default=True,
              help="Keep neighbouring postcode districts whose centre is this close.")
def places_make_pack(source: Path, radius_km: float) -> None:
    """Compute the county pack's place tables from the open data in SOURCE (see its SOURCE.md)."""
    from directory.counties.making import make_place_tables
    from directory.counties.pack import current_pack

    pack = current_pack()
    made = make_place_tables(pack.folder, source, radius_km)
    click.echo(f"Wrote {made.districts} postcode districts and {made.places} places to {pack.folder}")


@places_cli.command("make-outlines")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--tolerance-m", default=150.0, show_default=True,
              help="Simplify the boundaries to within this many metres (Douglas-Peucker).")
@click.option("--unit-m", default=50.0, show_default=True, help="Round the points to a grid of this many metres.")
def places_make_outlines(source: Path, tolerance_m: float, unit_m: float) -> None:
    """Compute the county pack's outlines.json (council boundaries for the map) from the
    GeoJSON file SOURCE, one feature per council with its ONS code (see the pack's SOURCE.md)."""
    from directory.counties.making import make_outlines
    from directory.counties.pack import current_pack

    pack = current_pack()
    try:
        made = make_outlines(pack.folder, source, tolerance_m, unit_m)
    except (ValueError, KeyError) as error:
        raise click.ClickException(f"{source}: not a GeoJSON file of council boundaries ({error})") from None
    click.echo(f"Wrote the outlines of {made.areas} areas ({made.rings} rings, {made.points} points from "
               f"{made.source_points}) to {pack.folder}")


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
    from directory.counties.pack import PackError, current_pack
    from directory.demo.data import has_demo
    from directory.demo.seed import seed

    if not has_demo(current_pack()):
        click.echo(f"The county pack in {current_pack().folder} has no demo directory")
        return
    try:
        created = seed(only_if_empty=if_empty)
        click.echo(f"Seeded {created} services" if created else "Database already has services")
        # Other packages (content/) add their own demo data through this hook.
        for seeder in current_app.extensions.get("demo_seeders", []):
            click.echo(seeder())
    except PackError as error:
        raise click.ClickException(str(error)) from None


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


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n / 1024:.1f} kB"


@backup_cli.command("create")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--uploads-only", is_flag=True,
              help="Only the uploads folder (with PostgreSQL, whose database pg_dump backs up).")
def backup_create(dest: Path, uploads_only: bool) -> None:
    """Write one backup file to DEST (a file name, or a folder to put a dated one in):
    a consistent SQLite snapshot, the uploads and a manifest. Safe while the site runs."""
    from directory.backup import BackupError, counted, create_backup

    try:
        path, manifest = create_backup(dest, uploads_only=uploads_only)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    rows = sum((manifest.row_counts or {}).values())
    what = "uploads only" if manifest.database is None else (
        f"{len(manifest.row_counts or {})} tables, {rows} rows, revision {manifest.alembic_revision}")
    click.echo(f"Wrote {path} ({_size(path.stat().st_size)}): {what}, {counted(len(manifest.uploads), 'upload')}")


@backup_cli.command("check")
@click.argument("source", type=click.Path(path_type=Path))
def backup_check(source: Path) -> None:
    """Verify a backup without restoring it; exit 1 if anything is wrong."""
    from directory.backup import BackupError, check_backup, counted

    try:
        report = check_backup(source)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    if not report.ok:
        raise click.ClickException(f"{source} failed its checks:\n  " + "\n  ".join(report.problems))
    manifest = report.manifest
    database = "no database" if manifest.database is None else (
        f"database ok ({sum((manifest.row_counts or {}).values())} rows, revision {manifest.alembic_revision})")
    click.echo(f"{source} is a complete backup from {manifest.created_at}: {database}, "
               f"{counted(len(manifest.uploads), 'upload')} matching its sha256")


@backup_cli.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an instance that already has data or uploads.")
@click.option("--no-index", is_flag=True, help="Leave rebuilding the search index to `flask search rebuild`.")
def backup_restore(source: Path, force: bool, no_index: bool) -> None:
    """Restore a backup into this (empty) instance, verify it, and rebuild the search index."""
    from directory.backup import BackupError, counted, restore_backup

    try:
        report = restore_backup(source, force=force, rebuild_index=not no_index)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    manifest = report.manifest
    if report.restored_database:
        click.echo(f"Restored the database from {manifest.created_at} "
                   f"({sum((manifest.row_counts or {}).values())} rows, row counts verified)")
    click.echo(f"Restored {counted(report.restored_uploads, 'upload')} (sha256 verified)")
    if report.index_folder is not None:
        click.echo(f"Rebuilt search index in {report.index_folder}")
    for line in report.advice:
        click.echo(line)


def register_commands(app: Flask) -> None:
    app.cli.add_command(places_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(remind)
