"""A minute of mixed load on 4 gunicorn workers and PostgreSQL (issue 14).

    .venv/bin/python -m tests.faults.mixed_load                 # 60 s, 4 workers
    .venv/bin/python -m tests.faults.mixed_load --seconds 20    # shorter

A fresh schema on the local PostgreSQL gets 1,000 synthetic services, 20 suggestions
waiting for a moderator and a published campaign page. gunicorn serves it with 4
workers while threads search, open results pages, service pages and the campaign,
and 4 other processes (moderators and comms staff, through the same domain
functions the screens use) approve the 20 suggestions and save 20 edits to the page
at the same time. At the end every approval must be found by a search over HTTP,
the page must show its last edit, the index must equal the database (``flask
search check``) and no request may have failed. Prints the latency percentiles;
exits 1 on any error or stale entry. Too long for ``make test``: run by hand, and
its output is quoted in the README.
"""
from __future__ import annotations

import argparse
import http.client
import logging
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

from directory.config import PROJECT_ROOT
from tests.benchmarks.run import _gunicorn, free_port, percentile
from tests.faults.postgres import ADMIN_URL

SEARCHES = ["youth club", "football", "someone to talk to", "drugs", "sexual health free",
            "mental health", "boxing", "careers advice", "bullying", "dance", "lgbtq group"]
CAMPAIGN = "mixed-load-campaign"


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextmanager
def _app(url: str, index_dir: str):
    """An app context on the load's schema; its connections closed afterwards."""
    from directory import create_app
    from directory.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": index_dir, "SECRET_KEY": "mixed-load",
                      "RATELIMIT_ENABLED": False, "INSIGHTS_ENABLED": False})
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def prepare(url: str, index_dir: str, services: int, suggestions: int) -> dict:
    """Migrate and fill the schema; returns the ids the load needs."""
    from flask_migrate import upgrade

    from content.models import PageKind, PageStatus
    from content.operations import Draft, new_page
    from directory.accounts.models import Role
    from directory.listings.operations import local_now
    from directory.search import engine, index
    from directory.search.query import Filters
    from tests.benchmarks.data import populate
    from tests.factories import make_user
    from tests.moderation.world import pending_submission

    with _app(url, index_dir):
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        populate(services)
        contributor = make_user(Role.CONTRIBUTOR, email="contributor@example.org")
        moderators = [make_user(Role.MODERATOR, email=f"moderator{i}@example.org") for i in range(2)]
        comms = make_user(Role.COMMS, email="comms@example.org")
        pending = [pending_submission(contributor, name=f"Mixedload{i} club", areas=[], county_wide=True)
                   for i in range(suggestions)]
        page = new_page(comms, PageKind.CAMPAIGN, CAMPAIGN,
                        Draft(title="Edit 0", summary="A campaign", body="<p>Words</p>", status=PageStatus.PUBLISHED))
        index.rebuild(engine.index_root())
        public = engine.find("", Filters(), origin=None, now=local_now(), page=1, page_size=200)
        ids = [hit.id for hit in public.hits]
        return {"pending": pending, "moderators": [m.id for m in moderators], "comms": comms.id,
                "page": page.id, "services": ids}


def _approve(url: str, index_dir: str, moderator_id: str, submission_ids: list[str], gap: float) -> None:
    from directory.accounts.models import User
    from directory.extensions import db
    from directory.moderation import operations
    from directory.moderation.models import Submission

    logging.disable(logging.INFO)  # this process's decision e-mails go to the log with no MAIL_SERVER
    with _app(url, index_dir):
        for sid in submission_ids:
            time.sleep(gap)
            submission = db.session.get(Submission, sid)
            operations.decide(db.session.get(User, moderator_id), submission, "approve", submission.lock_version)
            db.session.remove()


def _edit(url: str, index_dir: str, comms_id: str, page_id: str, editor: int, edits: int, gap: float) -> None:
    from content.models import Page, PageStatus
    from content.operations import Draft, save
    from directory.accounts.models import User
    from directory.extensions import db

    with _app(url, index_dir):
        for n in range(1, edits + 1):
            time.sleep(gap)
            save(db.session.get(User, comms_id), db.session.get(Page, page_id),
                 Draft(title=f"Edit {editor}-{n}", summary="A campaign", body=f"<p>Words, edit {n}</p>",
                       status=PageStatus.PUBLISHED))
            db.session.remove()


class Load:
    """Threads that keep asking for pages; latencies and failures by kind."""

    def __init__(self, port: int, services: list[str]):
        self.port, self.services = port, services
        self.times: dict[str, list[float]] = {}
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def _get(self, path: str) -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Accept": "text/html"})
            response = conn.getresponse()
            return response.status, response.getheader("Location") or "", response.read().decode()
        finally:
            conn.close()

    def _one(self, rng: random.Random) -> None:
        kind = rng.choice(["search", "search", "search", "service", "campaign", "home"])
        started = time.perf_counter()
        if kind == "search":
            status, location, _body = self._get(f"/search?q={quote(rng.choice(SEARCHES))}")
            if status == 303:
                status, _location, _body = self._get(location)
        elif kind == "service":
            status, location, _body = self._get(f"/services/{rng.choice(self.services)}")
            if status == 301:
                status, _location, _body = self._get(location)
        elif kind == "campaign":
            status, _location, _body = self._get(f"/campaigns/{CAMPAIGN}")
        else:
            status, _location, _body = self._get("/")
        took = (time.perf_counter() - started) * 1000
        with self.lock:
            self.times.setdefault(kind, []).append(took)
            if status != 200:
                self.failures.append(f"{kind} answered {status}")

    def run(self, seconds: float, threads: int) -> None:
        deadline = time.monotonic() + seconds

        def loop(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                try:
                    self._one(rng)
                except OSError as error:
                    with self.lock:
                        self.failures.append(f"connection: {error!r}")

        running = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()


def _wait_ready(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz/ready")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn never became ready")


def verify(load: Load, url: str, index_dir: str, suggestions: int, page_id: str) -> list[str]:
    """What must hold at the end; returns the problems."""
    from content.models import Page
    from directory.extensions import db
    from directory.search import engine, index

    problems = []
    for i in range(suggestions):
        status, location, _body = load._get(f"/search?q=mixedload{i}")
        status, _location, body = load._get(location) if status == 303 else (status, "", "")
        if status != 200 or f"Mixedload{i} club" not in body:
            problems.append(f"approval {i} is not in the results")
    with _app(url, index_dir):
        last = db.session.get(Page, page_id).current.title
        status, _location, body = load._get(f"/campaigns/{CAMPAIGN}")
        if status != 200 or last not in body:
            problems.append(f"the campaign page does not show its last edit ({last})")
        engine.catch_up()
        report = index.check(engine.index_root())
    if not report.ok:
        problems.append(f"search check: {len(report.missing)} missing, {len(report.extra)} extra")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--approvals", type=int, default=20)
    args = parser.parse_args(argv)
    schema = f"load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{ADMIN_URL}?options=-csearch_path%3D{schema}"
    folder = Path(tempfile.mkdtemp(prefix="signpost-load-"))
    index_dir = str(folder / "index")
    server = None
    try:
        _log(f"preparing {args.services} services and {args.approvals} suggestions in schema {schema}")
        ids = prepare(url, index_dir, args.services, args.approvals)
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "SEARCH_INDEX_DIR": index_dir, "PORT": str(port),
               "WEB_CONCURRENCY": str(args.workers), "RATELIMIT_ENABLED": "0", "INSIGHTS_ENABLED": "0",
               "SECRET_KEY": "mixed-load", "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
        with open(folder / "gunicorn.log", "w") as server_log:
            server = subprocess.Popen([_gunicorn(), "--config", "gunicorn.conf.py", "wsgi:app"], cwd=PROJECT_ROOT,
                                      env=env, stdout=subprocess.DEVNULL, stderr=server_log)
        _wait_ready(port, server)
        _log(f"gunicorn ready with {args.workers} workers; loading for {args.seconds:.0f} s")
        load = Load(port, ids["services"])
        gap = args.seconds / (args.approvals / 2 + 1)
        context = multiprocessing.get_context("spawn")
        halves = [ids["pending"][0::2], ids["pending"][1::2]]
        staff = [context.Process(target=_approve, args=(url, index_dir, moderator, half, gap))
                 for moderator, half in zip(ids["moderators"], halves, strict=True)]
        staff += [context.Process(target=_edit, args=(url, index_dir, ids["comms"], ids["page"], editor,
                                                      args.approvals // 2, gap)) for editor in range(2)]
        for process in staff:
            process.start()
        load.run(args.seconds, args.threads)
        for process in staff:
            process.join(120)
        crashed = [p.exitcode for p in staff if p.exitcode != 0]
        problems = [f"a staff process exited with {code}" for code in crashed]
        problems += verify(load, url, index_dir, args.approvals, ids["page"])
        _report(load, args, problems)
        return 1 if problems or load.failures else 0
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def _report(load: Load, args, problems: list[str]) -> None:
    total = sum(len(v) for v in load.times.values())
    print(f"Mixed load: {args.seconds:.0f} s, {args.workers} gunicorn workers, PostgreSQL, {args.services} services;"
          f" {args.approvals} approvals and {args.approvals} page edits by 4 staff processes meanwhile")
    print(f"{'requests':>10} {'kind':<10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, values in sorted(load.times.items()):
        print(f"{len(values):>10} {kind:<10} {percentile(values, 50):>8.1f} {percentile(values, 95):>8.1f}"
              f" {percentile(values, 99):>8.1f} {max(values):>8.1f}")
    print(f"{total} requests, {len(load.failures)} errors; "
          f"{'no stale or lost search entries' if not problems else '; '.join(problems)}")
    for failure in load.failures[:10]:
        print(f"  {failure}")


if __name__ == "__main__":
    sys.exit(main())
