"""Deployment settings (interface.md, "Settings"): one TOML file per deployment,
`$NEGLECT_INSIGHT_CONFIG` when set, else `./neglect-insight.toml`; the demo needs none.

    [disclosure]
    threshold = 5        # counts from 1 to this are shown as c (indicators.md, "Disclosure")

Read today: `[disclosure] threshold`. The other sections of the spec (`partnership`, `server`,
`access`, `loads`) are accepted and left for their features to read; an unknown section or key
is ignored with a warning. A bad file raises `SettingsError`, whose message names the file and
the key and says what to fix, so a command can print it instead of a traceback.

- `load_settings(path=None)` -> `Settings`: the file in use (`settings_path()`), checked.
- `settings_path()` -> the file in use, or None when there is none (defaults apply).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SETTINGS_ENV = "NEGLECT_INSIGHT_CONFIG"
SETTINGS_FILE = Path("neglect-insight.toml")
DEFAULT_THRESHOLD = 5  # indicators.md, "Disclosure control": counts 1 to 5 are shown as c


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class DisclosureSettings:
    threshold: int = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Settings:
    """The deployment's settings; defaults where the file (or a key) is absent."""

    path: Path | None = None  # the file read, None when there was none
    disclosure: DisclosureSettings = field(default_factory=DisclosureSettings)
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


def _disclosure(path: Path, table: dict[str, Any]) -> tuple[DisclosureSettings, list[str]]:
    threshold = table.get("threshold", DEFAULT_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise SettingsError(f"{path}: [disclosure] threshold must be a whole number of at least "
                            f"1 (counts from 1 to it are shown as c); it is {threshold!r}. The "
                            f"usual value is {DEFAULT_THRESHOLD}.")
    return DisclosureSettings(threshold), sorted(set(table) - {"threshold"})


# Each section of the file and its parser: (path, table) -> (settings, unknown keys). None: a
# section of the spec whose feature does not read its settings yet (its keys pass unchecked).
_SECTIONS: dict[str, Callable[[Path, dict[str, Any]], tuple[Any, list[str]]] | None] = {
    "partnership": None,
    "server": None,
    "access": None,
    "disclosure": _disclosure,
    "loads": None,
}
