"""The scorecard's pure pieces, shared by the dashboard's Overview and the board pack: the
partnership's targets file, the direction of travel and RAG against a target. No Streamlit and
no database here.

- `targets(path=None)` -> ({indicator_id: Target}, problem or None): read and check the targets
  file (`path`, else $NEGLECT_INSIGHT_TARGETS, else the example `targets.toml` beside this
  module); on any problem, no targets and a message saying what to fix. A target may carry a
  `trajectory`: one value per quarter end (`Target.value_for(period_end)`).
- `moved(unit, now, before)`: whether a change is big enough to call a rise or a fall (the one
  threshold: `MATERIAL_POINTS` percentage points for percentages, `MATERIAL_SHARE` of the
  earlier figure for counts and rates); smaller changes are "about the same".
- `travel(indicator, now, before)` -> better | worse | up | down | same | None.
- `rag(value, target, period_end=None)` -> green | amber | red | None.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date
from pathlib import Path
from typing import NamedTuple

from neglect_insight.pipelines.calendar import month_end
from neglect_insight.pipelines.indicators.catalogue import Indicator, catalogue

TARGETS_ENV = "NEGLECT_INSIGHT_TARGETS"
DEFAULT_TARGETS = Path(__file__).resolve().with_name("targets.toml")


# A change counts as a rise or a fall only from this size; smaller is "about the same".
MATERIAL_POINTS = 1.0  # percentages: percentage points
MATERIAL_SHARE = 0.05  # counts and rates: a share of the earlier figure (5%)


class Target(NamedTuple):
    target: float
    direction: str  # "lower" or "higher": the good side of the target
    owner: str
    tolerance: float  # amber while within this distance on the wrong side
    trajectory: tuple[tuple[date, float], ...] = ()  # (quarter end, value) set by quarter

    def value_for(self, period_end: date | None) -> float:
        """The value aimed for at `period_end`: its trajectory value, else the target."""
        return dict(self.trajectory).get(period_end, self.target)

    def on_trajectory(self, period_end: date | None) -> bool:
        return period_end in dict(self.trajectory)


def _trajectory(where: str, raw: object) -> tuple[tuple[tuple[date, float], ...], list[str]]:
    """A trajectory table {"2025-03-31" = 22.0, ...}, checked strictly: every key a quarter
    end written YYYY-MM-DD, every value a number."""
    if not isinstance(raw, dict):
        return (), [f'{where} trajectory must be a table of quarter ends and values, e.g. '
                    'trajectory = {"2025-03-31" = 22.0, "2025-06-30" = 21.0}']
    problems, out = [], []
    for key, value in raw.items():
        try:
            end = date.fromisoformat(key)
        except ValueError:
            problems.append(f'{where} trajectory key "{key}" is not a date written YYYY-MM-DD')
            continue
        if len(key) != 10 or end.month % 3 or end != month_end(end):
            problems.append(f'{where} trajectory key "{key}" is not a quarter end (31 March, '
                            '30 June, 30 September or 31 December)')
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f'{where} trajectory value for "{key}" must be a number')
            continue
        out.append((end, float(value)))
    return tuple(sorted(out)), problems


KEYS = {"target", "direction", "owner", "tolerance", "trajectory"}


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
        before = len(problems)
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
        trajectory, wrong = _trajectory(where, entry.get("trajectory", {}))
        problems += wrong
        if unknown := sorted(set(entry) - KEYS):
            problems.append(f"{where} has unknown key(s) {', '.join(unknown)} (known: "
                            f"{', '.join(sorted(KEYS))})")
        if len(problems) == before:
            out[indicator_id] = Target(float(target), direction, owner, float(
                abs(target) * 0.1 if tolerance is None else tolerance), trajectory)
    if problems:
        return {}, (f"The targets file {path} has problems, so no targets are shown: "
                    + "; ".join(problems) + ".")
    return out, None


def moved(unit: str, now: float, before: float) -> bool:
    """Whether `before` -> `now` is a rise or a fall worth the word: at least MATERIAL_POINTS
    percentage points for a percentage, at least MATERIAL_SHARE of the earlier figure for a
    count or a rate (any change from 0). Smaller changes are "about the same"."""
    if unit == "percent":  # the change between the figures as written, to one decimal
        return round(abs(round(now, 1) - round(before, 1)), 6) >= MATERIAL_POINTS
    difference = abs(now - before)
    if before == 0:
        return now != 0
    return round(difference / abs(before), 6) >= MATERIAL_SHARE


def travel(indicator: Indicator, now: float | None, before: float | None) -> str | None:
    """Direction of travel from `before` to `now`: better or worse when the catalogue says
    which way is good, else up or down; same when the change is smaller than the threshold
    (`moved`); None without both numbers."""
    if now is None or before is None:
        return None
    if not moved(indicator.unit, now, before):
        return "same"
    up = now > before
    if indicator.better == "neither":
        return "up" if up else "down"
    return "better" if up == (indicator.better == "higher") else "worse"


def rag(value: float | None, target: Target | None, period_end: date | None = None
        ) -> str | None:
    """Green on the good side of the target (or on it), amber within the tolerance on the
    wrong side, red beyond it; None without a value or a target. The target is the
    trajectory's value for `period_end` where the partnership set one, else `target`."""
    if value is None or target is None:
        return None
    aim = target.value_for(period_end)
    short = aim - value if target.direction == "higher" else value - aim
    if short <= 0:
        return "green"
    return "amber" if short <= target.tolerance else "red"
