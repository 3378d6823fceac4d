"""The indicator catalogue (`sql/indicators/catalogue.yml`): ids, labels, units, direction."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml
from neglect_insight.pipelines.load.build import SQL_ROOT

UNITS = ("count", "percent", "per_10k")

# Each indicator family (sql/indicators/<family>.sql) in plain English, for pages and reports.
FAMILY_NAMES: dict[str, str] = {
    "prevalence": "Neglect prevalence",
    "repeat_plans": "Repeat plans and plan durations",
    "rereferrals": "Re-referrals",
    "attendance": "School attendance",
    "drift": "Drift and timeliness",
    "flows": "Flows between services",
    "early_years": "Early years",
    "cooccurring_factors": "Co-occurring factors",
}
DIRECTIONS = ("higher", "lower", "neither")


@dataclass(frozen=True)
class England:
    value: float
    period: str
    source: str


@dataclass(frozen=True)
class Indicator:
    id: str
    family: str
    label: str
    short_label: str
    unit: str
    better: str
    definition: str
    england: England | None = None

    @property
    def is_rate(self) -> bool:
        return self.unit != "count"


@cache
def catalogue() -> dict[str, Indicator]:
    """Every indicator, in catalogue order; raises on an entry that breaks the schema."""
    raw = yaml.safe_load((SQL_ROOT / "indicators" / "catalogue.yml").read_text())
    out: dict[str, Indicator] = {}
    for indicator_id, entry in raw.items():
        england = entry.get("england")
        indicator = Indicator(
            id=indicator_id,
            family=entry["family"],
            label=entry["label"],
            short_label=entry.get("short_label", entry["label"]),
            unit=entry["unit"],
            better=entry["better"],
            definition=" ".join(str(entry["definition"]).split()),
            england=England(float(england["value"]), str(england["period"]),
                            england["source"]) if england else None,
        )
        if indicator.unit not in UNITS or indicator.better not in DIRECTIONS:
            raise ValueError(f"catalogue entry {indicator_id}: bad unit or direction")
        out[indicator_id] = indicator
    return out


def families() -> list[str]:
    """Indicator families in catalogue order (each is sql/indicators/<family>.sql)."""
    seen: dict[str, None] = {}
    for indicator in catalogue().values():
        seen.setdefault(indicator.family, None)
    return list(seen)
