"""Deployment settings (interface.md, "Settings"): one TOML file per deployment,
`$NEGLECT_INSIGHT_CONFIG` when set, else `./neglect-insight.toml`; the demo needs none.

    [partnership]
    name = "Cambridgeshire and Peterborough Safeguarding Children Partnership"
    la_codes = ["873", "E06000031"]   # DfE local authority codes, old 3-digit or new 9-character
    [disclosure]
    threshold = 5        # counts from 1 to this are shown as c (indicators.md, "Disclosure")
    [loads]
    keep = 8             # loads kept for `neglect-insight rollback`; older ones are deleted
    [server]
    host = "127.0.0.1"   # where `serve` listens: this computer only unless told otherwise
    [access]
    sign_in = "users"    # "none" (the demo: everyone is admin), "users" or "proxy"
    users_file = "users.toml"         # relative to this file; default: the store folder
    proxy_header = "X-Remote-User"    # "proxy": the header a trusted reverse proxy sets
    session_hours = 8    # a signed-in session ends after this long idle

Read today: `[partnership]`, `[disclosure]`, `[loads]`, `[server]` and `[access]`. Whether a
local authority code exists is checked where the DfE files are (pipelines.indicators.benchmarks);
here only its form. An unknown section or key is ignored with a warning. A bad
file raises `SettingsError`, whose message names the file and the key and says what to fix, so
a command can print it instead of a traceback.

- `load_settings(path=None)` -> `Settings`: the file in use (`settings_path()`), checked.
- `settings_path()` -> the file in use, or None when there is none (defaults apply).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SETTINGS_ENV = "NEGLECT_INSIGHT_CONFIG"
SETTINGS_FILE = Path("neglect-insight.toml")
DEFAULT_THRESHOLD = 5  # indicators.md, "Disclosure control": counts 1 to 5 are shown as c
DEFAULT_KEEP = 8  # interface.md, "Settings": the loads kept for rollback
DEFAULT_HOST = "127.0.0.1"  # interface.md: `serve` binds 127.0.0.1 unless told otherwise
SIGN_IN_MODES = ("none", "users", "proxy")
DEFAULT_PROXY_HEADER = "X-Remote-User"
DEFAULT_SESSION_HOURS = 8
# A DfE local authority code: old 3-digit ("873") or new 9-character, E06 unitary, E08
# metropolitan district, E09 London borough, E10 county ("E10000003").
LA_CODE = re.compile(r"\d{3}|E(0[689]|10)\d{6}")


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class PartnershipSettings:
    """Who the deployment is for. `la_codes` as written (checked for form only); empty: the
    demo's partnership. `file` is the settings file they came from, for messages."""

    name: str | None = None  # None: not set (the LAs' names are used)
    la_codes: tuple[str, ...] = ()
    file: Path | None = field(default=None, compare=False)


@dataclass(frozen=True)
class DisclosureSettings:
    threshold: int = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class LoadsSettings:
    keep: int = DEFAULT_KEEP


@dataclass(frozen=True)
class ServerSettings:
    host: str = DEFAULT_HOST


@dataclass(frozen=True)
class AccessSettings:
    """Who may sign in and how. `users_file` is already resolved against the settings
    file's folder; None means the default file in the store folder."""

    sign_in: str = "none"
    users_file: Path | None = None
    proxy_header: str = DEFAULT_PROXY_HEADER
    session_hours: float = DEFAULT_SESSION_HOURS


@dataclass(frozen=True)
class Settings:
    """The deployment's settings; defaults where the file (or a key) is absent."""

    path: Path | None = None  # the file read, None when there was none
    partnership: PartnershipSettings = field(default_factory=PartnershipSettings)
    disclosure: DisclosureSettings = field(default_factory=DisclosureSettings)
    loads: LoadsSettings = field(default_factory=LoadsSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    access: AccessSettings = field(default_factory=AccessSettings)
    warnings: tuple[str, ...] = ()  # unknown sections and keys, in plain words


def settings_path() -> Path | None:
    """The settings file in use: `$NEGLECT_INSIGHT_CONFIG` (which must exist), else
    `./neglect-insight.toml` when there is one, else None."""
    named = os.environ.get(SETTINGS_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise SettingsError(f"The settings file {path} (named by {SETTINGS_ENV}) was not "
                                f"found. Correct {SETTINGS_ENV}, or unset it to use "
                                f"./{SETTINGS_FILE} or the defaults.")
        return path
    return SETTINGS_FILE if SETTINGS_FILE.is_file() else None


def load_settings(path: Path | str | None = None) -> Settings:
    """The deployment's settings from `path`, else from `settings_path()`; defaults when there
    is no file. Raises `SettingsError` for a file that cannot be read or a bad value."""
    path = Path(path) if path is not None else settings_path()
    if path is None:
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SettingsError(f"The settings file {path} could not be opened "
                            f"({err.strerror or err}).") from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise SettingsError(f"The settings file {path} is not valid TOML ({err}). Fix it and "
                            "try again.") from err
    sections: dict[str, Any] = {}
    warnings = []
    for name, table in raw.items():
        if name not in _SECTIONS:
            warnings.append(f"{path}: [{name}] is not a setting Neglect Insight knows, so it is "
                            f"ignored (known: {', '.join(_SECTIONS)}).")
        elif not isinstance(table, dict):
            raise SettingsError(f"{path}: {name} must be a section ([{name}] on a line of its "
                                "own, then its keys).")
        elif (parse := _SECTIONS[name]) is not None:
            sections[name], unknown = parse(path, table)
            warnings += [f"{path}: [{name}] {key} is not a setting Neglect Insight knows, so it "
                         "is ignored." for key in unknown]
    return Settings(path, warnings=tuple(warnings), **sections)


def _is_whole_number_from_1(value: Any) -> bool:
    """TOML gives true/false as bool, a subclass of int: neither is a count."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _partnership(path: Path, table: dict[str, Any]) -> tuple[PartnershipSettings, list[str]]:
    name = table.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip() or len(name) > 200):
        raise SettingsError(f"{path}: [partnership] name must be the partnership's name in "
                            f'quotes, such as "Cambridgeshire and Peterborough Safeguarding '
                            f'Children Partnership" (at most 200 characters); it is {name!r}.')
    codes = table.get("la_codes", [])
    codes = [codes] if isinstance(codes, str) else codes
    example = 'such as ["873"] or ["873", "E06000031"]'
    if not isinstance(codes, list):
        raise SettingsError(f"{path}: [partnership] la_codes must be a list of DfE local "
                            f"authority codes in quotes, {example}; it is {codes!r}.")
    cleaned: list[str] = []
    for code in codes:
        text = code.strip().upper() if isinstance(code, str) else None
        if text is None or not LA_CODE.fullmatch(text):
            raise SettingsError(f"{path}: [partnership] la_codes holds {code!r}, which is not a "
                                "DfE local authority code: write the old 3-digit code or "
                                "the new 9-character one (E06, E08, E09 or E10), in quotes, "
                                f"{example}.")
        if text in cleaned:
            raise SettingsError(f"{path}: [partnership] la_codes names {text!r} twice; name "
                                "each local authority once.")
        cleaned.append(text)
    if name is not None and not cleaned:
        raise SettingsError(f"{path}: [partnership] la_codes is missing: name the partnership's "
                            f"local authorities by their DfE codes, {example}, so its published "
                            "figures can be compared.")
    settings = PartnershipSettings(name.strip() if name else None, tuple(cleaned), path)
    return settings, sorted(set(table) - {"name", "la_codes"})


def _disclosure(path: Path, table: dict[str, Any]) -> tuple[DisclosureSettings, list[str]]:
    threshold = table.get("threshold", DEFAULT_THRESHOLD)
    if not _is_whole_number_from_1(threshold):
        raise SettingsError(f"{path}: [disclosure] threshold must be a whole number of at least "
                            f"1 (counts from 1 to it are shown as c); it is {threshold!r}. The "
                            f"usual value is {DEFAULT_THRESHOLD}.")
    return DisclosureSettings(threshold), sorted(set(table) - {"threshold"})


def _loads(path: Path, table: dict[str, Any]) -> tuple[LoadsSettings, list[str]]:
    keep = table.get("keep", DEFAULT_KEEP)
    if not _is_whole_number_from_1(keep):
        raise SettingsError(f"{path}: [loads] keep must be a whole number of at least 1 (the "
                            f"loads kept for rollback, the current one included); it is "
                            f"{keep!r}. The usual value is {DEFAULT_KEEP}.")
    return LoadsSettings(keep), sorted(set(table) - {"keep"})


def _server(path: Path, table: dict[str, Any]) -> tuple[ServerSettings, list[str]]:
    host = table.get("host", DEFAULT_HOST)
    if not isinstance(host, str) or not host.strip() or any(c.isspace() for c in host):
        raise SettingsError(f"{path}: [server] host must be an address to listen on, such as "
                            f'"127.0.0.1" (this computer only) or "0.0.0.0" (every network '
                            f"interface); it is {host!r}.")
    return ServerSettings(host.strip()), sorted(set(table) - {"host"})


def _access(path: Path, table: dict[str, Any]) -> tuple[AccessSettings, list[str]]:
    sign_in = table.get("sign_in", "none")
    if sign_in not in SIGN_IN_MODES:
        raise SettingsError(f"{path}: [access] sign_in must be one of "
                            f"{', '.join(repr(m) for m in SIGN_IN_MODES)}; it is {sign_in!r}.")
    users_file = table.get("users_file")
    if users_file is not None and (not isinstance(users_file, str) or not users_file.strip()):
        raise SettingsError(f"{path}: [access] users_file must be a file name, such as "
                            f'"users.toml" (relative to the settings file); it is '
                            f"{users_file!r}.")
    header = table.get("proxy_header", DEFAULT_PROXY_HEADER)
    if not isinstance(header, str) or not header or not all(
            c.isalnum() or c == "-" for c in header):
        raise SettingsError(f"{path}: [access] proxy_header must be an HTTP header name, such "
                            f'as "{DEFAULT_PROXY_HEADER}"; it is {header!r}.')
    hours = table.get("session_hours", DEFAULT_SESSION_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 24 * 7:
        raise SettingsError(f"{path}: [access] session_hours must be a number of hours above 0 "
                            f"and at most 168 (a week); it is {hours!r}. The usual value is "
                            f"{DEFAULT_SESSION_HOURS}.")
    resolved = None if users_file is None else path.parent / users_file.strip()
    known = {"sign_in", "users_file", "proxy_header", "session_hours"}
    return AccessSettings(sign_in, resolved, header, float(hours)), sorted(set(table) - known)


# Each section of the file and its parser: (path, table) -> (settings, unknown keys). None: a
# section of the spec whose feature does not read its settings yet (its keys pass unchecked).
_SECTIONS: dict[str, Callable[[Path, dict[str, Any]], tuple[Any, list[str]]] | None] = {
    "partnership": _partnership,
    "server": _server,
    "access": _access,
    "disclosure": _disclosure,
    "loads": _loads,
}
