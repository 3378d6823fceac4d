"""Who may see the rows behind a number: the QA users file (authorised QA users only).

Child-level rows (pseudonyms) are shown only to QA users named in a TOML file, one table per
user holding an argon2id hash of their password (never the password):

    [users."a.smith"]
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."

The file is `$NEGLECT_INSIGHT_QA_USERS`, else `qa_users.toml` in the store folder beside the
database pointer (`pipelines.load.database.store_dir(db_path)`, which callers pass in: this
module sits below the load layer). An administrator adds or replaces a user with
`neglect-insight add-qa-user NAME`. Nothing here logs or prints a password or a hash.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error, InvalidHashError

QA_USERS_ENV = "NEGLECT_INSIGHT_QA_USERS"
FILE_NAME = "qa_users.toml"
NAME_PATTERN = re.compile(r"[a-z0-9._-]{2,40}")
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()


def users_path(store: Path) -> Path:
    """The QA users file: $NEGLECT_INSIGHT_QA_USERS, else qa_users.toml in `store`, the store
    folder of the database pointer (`store_dir(db_path)`)."""
    override = os.environ.get(QA_USERS_ENV)
    return Path(override) if override else Path(store) / FILE_NAME


def _hashes(path: Path) -> dict[str, str]:
    """user name -> password hash; empty for a missing, unreadable or malformed file."""
    try:
        users = tomllib.loads(Path(path).read_text(encoding="utf-8")).get("users", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, ValueError):
        return {}
    if not isinstance(users, dict):
        return {}
    return {name: entry["password_hash"] for name, entry in users.items()
            if isinstance(entry, dict) and isinstance(entry.get("password_hash"), str)}


def check_name(name: str) -> None:
    """Raise ValueError unless `name` is 2 to 40 of a-z, 0-9, '.', '_', '-'."""
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ValueError("A QA user name is 2 to 40 characters: lower-case letters, digits, "
                         "'.', '_' or '-'.")


def check_password(password: str) -> None:
    """Raise ValueError for a password under MIN_PASSWORD_LENGTH characters."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"A QA user's password must be at least {MIN_PASSWORD_LENGTH} "
                         "characters long.")


def _toml(hashes: dict[str, str]) -> str:
    lines = ["# Neglect Insight QA users: argon2id password hashes only.",
             "# Add or replace a user with `neglect-insight add-qa-user NAME`.", ""]
    for name, password_hash in sorted(hashes.items()):
        if not NAME_PATTERN.fullmatch(name) or any(c in password_hash for c in '"\\\n'):
            continue  # never write a key or value TOML could misread
        lines += [f'[users."{name}"]', f'password_hash = "{password_hash}"', ""]
    return "\n".join(lines)


def _write_atomically(path: Path, text: str) -> None:
    """Write a new file beside `path`, then rename it over `path` (readers never see half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)  # hashes are secrets too
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def add_user(path: Path, name: str, password: str) -> Path:
    """Add QA user `name` (or replace their password) in the users file; returns its path.
    Raises ValueError for a bad name or a password under 12 characters."""
    check_name(name)
    check_password(password)
    path = Path(path)
    hashes = _hashes(path) | {name: _hasher.hash(password)}
    _write_atomically(path, _toml(hashes))
    return path


@cache
def _dummy_hash() -> str:
    """A hash to check against for unknown users, so they take as long as known ones."""
    return _hasher.hash("not a password of anyone's")


def verify(path: Path, name: str, password: str) -> bool:
    """True only when `name` is a QA user in the file and `password` is theirs (argon2's
    constant-time check). False, never an exception, for anything else."""
    try:
        known = _hashes(Path(path))
        password_hash = known.get(name) if isinstance(name, str) else None
        if not isinstance(password, str) or not password:
            return False
        if password_hash is None:
            _hasher.verify(_dummy_hash(), password + "x")  # same work, always fails
            return False
        return _hasher.verify(password_hash, password)
    except (Argon2Error, InvalidHashError, TypeError, ValueError, OSError):
        return False


def has_users(path: Path) -> bool:
    """True when the users file exists and names at least one QA user."""
    return bool(_hashes(Path(path)))
