"""Who may sign in, and with which role: the users file.

Three roles, each seeing what the one before it sees and more (interface.md, `[access]`):
`board` (aggregates only, suppressed), `qa` (plus rows to review, the rows behind a number,
commentary) and `admin` (plus loads, rollback, users, targets and settings). The users file is
TOML, one table per user holding an argon2id hash of their password (never the password) and
their role:

    [users."a.smith"]
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."
    role = "qa"

Where it is (`users_path`): `[access] users_file` in the settings, else `$NEGLECT_INSIGHT_USERS`,
else `users.toml` in the store folder beside the database pointer (`store_dir(db_path)`, which
callers pass in: this module sits below the load layer). A store that still has only the old
`qa_users.toml` (entries without a role) is read as that file with every user `qa`; the next
change writes `users.toml`. An administrator manages users with `neglect-insight users`.
Nothing here logs or prints a password or a hash.
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

ROLES = ("board", "qa", "admin")  # in order: each role sees everything the one before sees
USERS_ENV = "NEGLECT_INSIGHT_USERS"
QA_USERS_ENV = "NEGLECT_INSIGHT_QA_USERS"  # the old name, still honoured
FILE_NAME = "users.toml"
OLD_FILE_NAME = "qa_users.toml"  # QA users only, before roles: every entry is role qa
NAME_PATTERN = re.compile(r"[a-z0-9._-]{2,40}")
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()


def users_path(store: Path, configured: Path | None = None) -> Path:
    """The users file: `configured` (`[access] users_file`), else $NEGLECT_INSIGHT_USERS, else
    users.toml in `store`, the store folder of the database pointer (`store_dir(db_path)`)."""
    override = configured or os.environ.get(USERS_ENV) or os.environ.get(QA_USERS_ENV)
    return Path(override) if override else Path(store) / FILE_NAME


def allows(role: str | None, needed: str) -> bool:
    """True when `role` may see what `needed` may (admin > qa > board; no role: nothing)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def check_name(name: str) -> None:
    """Raise ValueError unless `name` is 2 to 40 of a-z, 0-9, '.', '_', '-'."""
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ValueError("A user name is 2 to 40 characters: lower-case letters, digits, "
                         "'.', '_' or '-'.")


def check_password(password: str) -> None:
    """Raise ValueError for a password under MIN_PASSWORD_LENGTH characters."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"A password must be at least {MIN_PASSWORD_LENGTH} characters long.")


def check_role(role: str) -> None:
    """Raise ValueError unless `role` is one of ROLES."""
    if role not in ROLES:
        raise ValueError(f"A role is one of {', '.join(ROLES)}.")


def _read(path: Path) -> dict[str, tuple[str, str]]:
    """user name -> (password hash, role); empty for a missing, unreadable or malformed file.
    An entry without a role (the old QA users file) is `qa`; one with an unknown role is left
    out, so it can never sign in."""
    try:
        users = tomllib.loads(Path(path).read_text(encoding="utf-8")).get("users", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, ValueError):
        return {}
    if not isinstance(users, dict):
        return {}
    return {name: (entry["password_hash"], entry.get("role", "qa"))
            for name, entry in users.items()
            if isinstance(entry, dict) and isinstance(entry.get("password_hash"), str)
            and entry.get("role", "qa") in ROLES}


def _entries(path: Path) -> dict[str, tuple[str, str]]:
    """The users of `path`, or of the old qa_users.toml beside it while users.toml is absent."""
    path = Path(path)
    old = path.with_name(OLD_FILE_NAME)
    if path.name == FILE_NAME and not path.exists() and old.exists():
        return _read(old)
    return _read(path)


def _toml(entries: dict[str, tuple[str, str]]) -> str:
    lines = ["# Neglect Insight users: argon2id password hashes and roles only.",
             "# Manage with `neglect-insight users add|remove|list|passwd NAME`.", ""]
    for name, (password_hash, role) in sorted(entries.items()):
        if not NAME_PATTERN.fullmatch(name) or any(c in password_hash for c in '"\\\n'):
            continue  # never write a key or value TOML could misread
        lines += [f'[users."{name}"]', f'password_hash = "{password_hash}"',
                  f'role = "{role}"', ""]
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


def add_user(path: Path, name: str, password: str, role: str) -> Path:
    """Add user `name` with `role` (or replace their password and role); returns the file's
    path. Raises ValueError for a bad name or role, or a password under 12 characters."""
    check_name(name)
    check_role(role)
    check_password(password)
    path = Path(path)
    _write_atomically(path, _toml(_entries(path) | {name: (_hasher.hash(password), role)}))
    return path


def set_password(path: Path, name: str, password: str) -> Path:
    """Replace the password of existing user `name`, keeping their role. Raises KeyError for
    an unknown user and ValueError for a password under 12 characters."""
    check_password(password)
    path = Path(path)
    entries = _entries(path)
    if name not in entries:
        raise KeyError(name)
    entries[name] = (_hasher.hash(password), entries[name][1])
    _write_atomically(path, _toml(entries))
    return path


def remove_user(path: Path, name: str) -> bool:
    """Remove user `name`; False when there was no such user (the file is left alone)."""
    path = Path(path)
    entries = _entries(path)
    if entries.pop(name, None) is None:
        return False
    _write_atomically(path, _toml(entries))
    return True


def users(path: Path) -> dict[str, str]:
    """user name -> role, sorted by name."""
    return {name: role for name, (_hash, role) in sorted(_entries(Path(path)).items())}


def role_of(path: Path, name: str) -> str | None:
    """The role of user `name` (for a trusted proxy's header: no password), or None."""
    found = _entries(Path(path)).get(name) if isinstance(name, str) else None
    return None if found is None else found[1]


@cache
def _dummy_hash() -> str:
    """A hash to check against for unknown users, so they take as long as known ones."""
    return _hasher.hash("not a password of anyone's")


def authenticate(path: Path, name: str, password: str) -> str | None:
    """The role of `name` when `password` is theirs (argon2's constant-time check), else None,
    never an exception. An unknown user costs one argon2 verify too, so timing cannot tell
    which names exist."""
    try:
        found = _entries(Path(path)).get(name) if isinstance(name, str) else None
        if not isinstance(password, str) or not password:
            return None
        if found is None:
            _hasher.verify(_dummy_hash(), password + "x")  # same work, always fails
            return None
        password_hash, role = found
        return role if _hasher.verify(password_hash, password) else None
    except (Argon2Error, InvalidHashError, TypeError, ValueError, OSError):
        return None


def has_users(path: Path) -> bool:
    """True when the users file exists and names at least one user."""
    return bool(_entries(Path(path)))
