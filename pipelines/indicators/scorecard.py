"""The scorecard's pure pieces, shared by the dashboard's Overview and the board pack: the
partnership's targets file, the direction of travel and RAG against a target. No Streamlit and
no database here.

- `targets(path=None)` -> ({indicator_id: Target}, problem or None): read and check the targets
  file (`path`, else $NEGLECT_INSIGHT_TARGETS, else the example `targets.toml` beside this
  module); on any problem, no targets and a message saying what to fix.
- `travel(indicator, now, before)` -> better | worse | up | down | same | None.
- `rag(value, target)` -> green | amber | red | None.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import NamedTuple

from neglect_insight.pipelines.indicators.catalogue import Indicator, catalogue

TARGETS_ENV = "NEGLECT_INSIGHT_TARGETS"
DEFAULT_TARGETS = Path(__file__).resolve().with_name("targets.toml")


class Target(NamedTuple):
    target: float
    direction: str  # "lower" or "higher": the good side of the target
    owner: str
    tolerance: float  # amber while within this distance on the wrong side


def targets_path() -> Path:
    """The targets file in use: $NEGLECT_INSIGHT_TARGETS, else the example file."""
    return Path(os.environ.get(TARGETS_ENV) or DEFAULT_TARGETS)


def targets(path: Path | None = None) -> tuple[dict[str, Target], str | None]:
    """The partnership's targets (`path`, else NEGLECT_INSIGHT_TARGETS, else the example
    pipelines/indicators/targets.toml); on any problem, no targets and a message saying what to
    fix."""
    path = Path(path) if path is not None else targets_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, (f"The targets file {path} was not found, so no targets are shown. Set "
                    f"{TARGETS_ENV} to the file's path, or unset it to use the example file.")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        return {}, f"The targets file {path} could not be read ({err}). Fix it and reload."
    problems, out = [], {}
    for indicator_id, entry in raw.items():
        where = f"[{indicator_id}]"
        if indicator_id not in catalogue():
            problems.append(f"{where} is not an indicator id (see the Methodology page)")
            continue
        if not isinstance(entry, dict):
            problems.append(f"{where} must be a table with target, direction and owner")
            continue
        target, direction = entry.get("target"), entry.get("direction")
        tolerance, owner = entry.get("tolerance"), entry.get("owner", "")
        if isinstance(target, bool) or not isinstance(target, int | float):
            problems.append(f"{where} target must be a number, e.g. target = 20.0")
        if direction not in ("lower", "higher"):
            problems.append(f'{where} direction must be "lower" or "higher"')
        if tolerance is not None and (isinstance(tolerance, bool)
                                      or not isinstance(tolerance, int | float) or tolerance < 0):
            problems.append(f"{where} tolerance must be a number of 0 or more")
        if not isinstance(owner, str):
            problems.append(f'{where} owner must be text in quotes, e.g. owner = "Head of '
                            'Service"')
        if not problems:
            out[indicator_id] = Target(float(target), direction, owner, float(
                abs(target) * 0.1 if tolerance is None else tolerance))
    if problems:
        return {}, (f"The targets file {path} has problems, so no targets are shown: "
                    + "; ".join(problems) + ".")
    return out, None


def travel(indicator: Indicator, now: float | None, before: float | None) -> str | None:
    """Direction of travel from `before` to `now`: better or worse when the catalogue says
    which way is good, else up or down; same when unchanged; None without both numbers."""
    if now is None or before is None:
        return None
    if now == before:
        return "same"
    up = now > before
    if indicator.better == "neither":
        return "up" if up else "down"
    return "better" if up == (indicator.better == "higher") else "worse"


def rag(value: float | None, target: Target | None) -> str | None:
    """Green on the good side of the target (or on it), amber within the tolerance on the
    wrong side, red beyond it; None without a value or a target."""
    if value is None or target is None:
        return None
    short = target.target - value if target.direction == "higher" else value - target.target
    if short <= 0:
        return "green"
    return "amber" if short <= target.tolerance else "red"
