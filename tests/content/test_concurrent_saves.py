"""Two people saving the same page at the same moment both keep their words
(content.operations.next_revision_number): found by the mixed-load run, where two
editors got the same revision number and the second save failed."""
from __future__ import annotations

import threading

from sqlalchemy import select

from content import operations
from content.models import Page, PageKind, PageStatus, Revision
from directory.accounts.models import Role, User
from directory.extensions import db
from tests.factories import make_user

EDITORS, SAVES = 3, 4


def test_saves_at_the_same_moment_all_become_revisions(app):
    with app.app_context():
        comms = make_user(Role.COMMS, email="comms@example.org")
        page_id = operations.new_page(comms, PageKind.CAMPAIGN, "together", operations.Draft(
            title="Start", status=PageStatus.PUBLISHED)).id
    barrier = threading.Barrier(EDITORS)
    failures: list[BaseException] = []

    def edit(editor: int) -> None:
        with app.app_context():
            try:
                barrier.wait()
                for n in range(SAVES):
                    operations.save(db.session.get(User, comms.id), db.session.get(Page, page_id),
                                    operations.Draft(title=f"Edit {editor}-{n}", status=PageStatus.PUBLISHED))
            except BaseException as error:  # noqa: BLE001 - reported below
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=edit, args=(e,)) for e in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    with app.app_context():
        numbers = sorted(db.session.scalars(select(Revision.number).where(Revision.page_id == page_id)))
        assert numbers == list(range(1, EDITORS * SAVES + 2)), "one revision per save, none lost"
        page = db.session.get(Page, page_id)
        assert page.current.number == numbers[-1]
