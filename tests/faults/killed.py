"""Run in a separate process by test_killed_worker.py: a worker that approves a
suggestion and stops dead (waits to be killed) at a chosen point."""
from __future__ import annotations

import time
from pathlib import Path


def approve_then_hang(db_config: dict, index_dir: str, submission_id: str, moderator_id: str,
                      marker: str, stage: str) -> None:
    from directory import create_app
    from directory.accounts.models import User
    from directory.extensions import db
    from directory.moderation import operations
    from directory.moderation.models import Submission

    def hang(*_args) -> None:
        Path(marker).write_text(stage)
        time.sleep(600)  # until SIGKILL

    if stage == "before-commit":
        publish = operations._publish

        def publish_then_hang(*args):
            publish(*args)
            db.session.flush()  # the live rows are written, in the open transaction
            hang()

        operations._publish = publish_then_hang
    else:  # "after-commit": committed, but the search index not yet told
        operations.engine.catch_up = hang

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SEARCH_INDEX_DIR": index_dir,
                      "RATELIMIT_ENABLED": False, **db_config})
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        operations.decide(db.session.get(User, moderator_id), submission, "approve", submission.lock_version)
