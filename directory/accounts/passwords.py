"""Password hashing (argon2id) and the password rules of AUTH-1 and AUTH-2."""
from __future__ import annotations

import re
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask_babel import gettext as _

MIN_LENGTH = 8
MAX_LENGTH = 256
COMMON_LIST_SIZE = 3000

# RFC 9106 low-memory profile: argon2id, t=3, m=64 MiB, p=4 (the library's defaults).
_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both paths take as long (AUTH-8).
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check exactly what was typed; always does one argon2 verification."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The most common passwords, from the list zxcvbn ships (ranked by frequency)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_LIST_SIZE])


def _core(password: str) -> str:
    """"Signpost2026!" -> "signpost": the word people wrap digits and symbols around."""
    return re.sub(r"^[\W\d_]+|[\W\d_]+$", "", password.lower())


def password_problems(password: str, context_words: set[str]) -> list[str]:
    """What is wrong with a new password, in words for the person; [] if it is fine.

    No composition rules (AUTH-1): length, common passwords and words about this
    site or the person are what make a password guessable.
    """
    if len(password) < MIN_LENGTH:
        return [_("Your password must be at least %(count)s characters.", count=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [_("Your password must be %(count)s characters or fewer.", count=MAX_LENGTH)]
    lowered = password.lower()
    core = _core(password)
    if lowered in common_passwords() or core in common_passwords():
        return [_("That password is too common. Try three or four random words together.")]
    words = {w.lower() for w in context_words if len(w) >= 4}
    if core in words or any(w in lowered and len(w) >= len(lowered) - 4 for w in words):
        return [_("Your password is too easy to guess from this site or your details.")]
    return []
