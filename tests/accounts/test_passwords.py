"""AUTH-1, AUTH-2 and AUTH-4: password rules and storage."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from directory.accounts import passwords
from directory.accounts.operations import AccountError, check_new_password


def test_hash_is_argon2id_with_rfc9106_low_memory_parameters():
    assert passwords.hash_password("a long enough password").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_verify_is_exact_no_trimming_or_case_change():
    stored = passwords.hash_password("Pass word ")
    assert passwords.verify_password(stored, "Pass word ")
    assert not passwords.verify_password(stored, "Pass word")
    assert not passwords.verify_password(stored, "pass word ")


def test_unknown_user_still_costs_one_verification():
    assert passwords.verify_password(None, "anything at all") is False


def test_weak_legacy_hash_needs_rehash():
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("old password here")
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(passwords.hash_password("new password here"))


@pytest.mark.parametrize("password", ["password123", "qwertyuiop", "iloveyou1", "Password1!"])
def test_common_passwords_are_refused(app, password):
    with app.app_context(), pytest.raises(AccountError):
        check_new_password(password, "sam@example.org", "Sam Smith")


@pytest.mark.parametrize("password", ["Signpost2026", "essex2026!", "youth12345", "Basildon2026"])
def test_passwords_made_of_site_words_are_refused(app, password):
    from directory.counties.pack import current_pack
    from directory.extensions import db
    from directory.geo.loading import upsert_areas

    with app.app_context():
        upsert_areas(current_pack())
        db.session.commit()
        with pytest.raises(AccountError):
            check_new_password(password, "sam@example.org", "Sam Smith")


@pytest.mark.parametrize("password", [
    "x" * 64, "ø" * 128, "correct horse battery staple", "plainlowercaselettersonly",
])
def test_long_unicode_and_plain_passwords_are_accepted(app, password):
    with app.app_context():
        check_new_password(password, "sam@example.org", "Sam Smith")


def test_short_password_refused(app):
    with app.app_context(), pytest.raises(AccountError, match="at least 8"):
        check_new_password("short", "sam@example.org", "Sam")
