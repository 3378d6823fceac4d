"""The pseudonymisation key and the pseudonyms it makes.

A pseudonym is HMAC-SHA256 of the value under the LA's secret key, cut to 64 bits (a
collision among a million keys has odds of about one in 37 million) and prefixed by the kind of
key: `C` child (a pupil id is the child's id), `R` referral, `A` assessment, `P` plan, `E` early
help episode. The kind is part of what is hashed, so a child and a referral with the same id get
unrelated pseudonyms. The same key gives the same pseudonym in every file and every quarter;
without the key nobody can go back from a pseudonym to the id, or test a guess.

The 64 bits are written as 14 lower-case letters (base 26, `Cyrwhducbojdblb`): letters and
nothing else, so a pseudonym is a valid LAchildID for the DfE (rule 1580: letters and digits
only; 1570: at most 20 characters) and holds no digit, so it can never look like an NHS number
or a UPN to the identifier check.

The key file holds 32 random bytes (`secrets`) as hex, readable by its owner only (mode 0600);
it is never overwritten.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32
PSEUDONYM_BYTES = 8  # 64 bits of the HMAC
LETTERS = "abcdefghijklmnopqrstuvwxyz"
PSEUDONYM_LETTERS = 14  # 26 ** 14 > 2 ** 64: every 64-bit value has its own letters


class KeyFileError(Exception):
    """The key file is missing, unreadable or not a key; the message says what to do."""


def how_to_create(path: Path | str) -> str:
    return (f"Create one with: neglect-insight pseudonymise SRC DST --key {path} --new-key. "
            "Keep it secret, outside the delivery folders, and use the same key every quarter "
            "so that each child keeps the same pseudonym.")


def already_exists(path: Path) -> str:
    return (f"The key file {path} already exists and was not replaced: its pseudonyms would be "
            "lost. Leave out --new-key to use it, or give another path.")


def create_key(path: Path) -> None:
    """Write a new random key readable by its owner only; refuse to replace an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(already_exists(path)) from None
    with os.fdopen(descriptor, "w") as out:
        os.fchmod(out.fileno(), 0o600)
        out.write(secrets.token_hex(KEY_BYTES) + "\n")


def read_key(path: Path) -> bytes:
    if not path.is_file():
        raise KeyFileError(f"The key file {path} does not exist. {how_to_create(path)}")
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, UnicodeDecodeError, ValueError):
        key = b""
    if len(key) < KEY_BYTES:
        raise KeyFileError(f"{path} is not a key file made by --new-key (64 hex digits). "
                           f"{how_to_create(path)}")
    return key


def is_private(path: Path) -> bool:
    """True when no one but the owner may read or write the key file."""
    return not stat.S_IMODE(path.stat().st_mode) & 0o077


class Pseudonyms:
    """Pseudonyms under one key."""

    def __init__(self, key: bytes):
        self._key = key

    def of(self, prefix: str, value: str) -> str:
        digest = hmac.new(self._key, f"{prefix}:{value}".encode(), hashlib.sha256).digest()
        number = int.from_bytes(digest[:PSEUDONYM_BYTES], "big")
        letters = []
        for _ in range(PSEUDONYM_LETTERS):
            number, digit = divmod(number, len(LETTERS))
            letters.append(LETTERS[digit])
        return prefix + "".join(letters)
