"""LOG-1 and LOG-2: security events are logged, secrets and search words are not."""
from __future__ import annotations

import logging

from directory.accounts.models import Role
from tests.factories import PASSWORD, make_user
from tests.web.helpers import login, post, session_cookie


def test_sign_in_events_are_logged_without_secrets(app, caplog):
    caplog.set_level(logging.INFO)
    with app.app_context():
        user = make_user(Role.CONTRIBUTOR, email="log@example.org")
    client = app.test_client()
    post(client, "/account/login", {"email": "log@example.org", "password": "wrong password 1"})
    login(client, app, user, PASSWORD)
    client.get("/search?q=sentinelneed", follow_redirects=True)
    text = caplog.text
    assert '"event": "login.failed"' in text and '"event": "login.succeeded"' in text
    assert user.id in text
    for secret in (PASSWORD, "wrong password 1", session_cookie(client), "sentinelneed", "log@example.org"):
        assert secret and secret not in text


def test_moderation_decisions_and_denials_are_logged(app, caplog):
    from tests.moderation.world import build_world, pending_submission

    caplog.set_level(logging.INFO)
    with app.app_context():
        world = build_world()
        pending_submission(world.users["contributor"], name="Logged club")
    client = app.test_client()
    login(client, app, world.users["contributor"], PASSWORD)
    assert client.get("/moderation").status_code == 403
    assert "access denied" in caplog.text
    assert '"event": "submission.pending"' in caplog.text


def test_one_log_record_even_with_newlines_in_input(app, caplog):
    caplog.set_level(logging.INFO)
    client = app.test_client()
    post(client, "/account/login", {"email": "a\nLOGIN OK admin@example.org", "password": "whatever123"})
    assert all("LOGIN OK" not in record.getMessage() for record in caplog.records)
