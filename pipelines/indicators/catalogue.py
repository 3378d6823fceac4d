"""The indicator catalogue (`sql/indicators/catalogue.yml`): the one home of everything about an
indicator family (name, purpose, sources, caveats, optional files it needs) and its indicators
(label, unit, better direction, definition, which published figure it is compared with, the
optional files without which it has no figure or counts less).

The loader is strict: a missing, unknown or badly typed entry raises `CatalogueError` naming
the key, so a typo fails at start-up rather than as a blank on a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import yaml

from neglect_insight.pipelines.load.build import SQL_ROOT

CATALOGUE_PATH = SQL_ROOT / "indicators" / "catalogue.yml"
UNITS = ("count", "percent", "per_10k")
DIRECTIONS = ("higher", "lower", "neither")
YEAR_RULES = ("latest", "same_year")


class CatalogueError(ValueError):
    """An entry of catalogue.yml that breaks the schema; the message names the key."""


@dataclass(frozen=True)
class ExtractFile:
    """An optional extract file a family reads; its staging view is `stg_<stem>`."""

    stem: str
    purpose: str
    required: bool  # the family has no figures without it

    @property
    def file_name(self) -> str:
        return f"{self.stem}.csv"

    @property
    def view(self) -> str:
        return f"stg_{self.stem}"


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    purpose: str
    sources: str
    caveats: tuple[str, ...]
    needs: tuple[ExtractFile, ...] = ()
    visuals: dict[str, str] = field(default_factory=dict)
    indicator_ids: tuple[str, ...] = ()

    @property
    def required_file(self) -> ExtractFile | None:
        """The optional file without which this family has no figures, if any."""
        return next((f for f in self.needs if f.required), None)


@dataclass(frozen=True)
class ComparatorRef:
    """Which published measure (sql/models/published_measures.sql) an indicator compares with."""

    measure: str
    year: str  # one of YEAR_RULES
    per_10k_of: str | None = None  # population measure, for rates per 10,000


@dataclass(frozen=True)
class Indicator:
    id: str
    family: str
    label: str
    short_label: str
    unit: str
    better: str
    definition: str
    comparator: ComparatorRef | None = None
    measure_name: str | None = None
    needs: tuple[str, ...] = ()  # stems of optional files without which it has no figure
    without: tuple[tuple[str, str], ...] = ()  # (stem, note): computed without it, counting less

    @property
    def is_rate(self) -> bool:
        return self.unit != "count"


@dataclass(frozen=True)
class Catalogue:
    families: dict[str, Family]
    indicators: dict[str, Indicator]
    scorecard: tuple[str, ...]


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"catalogue.yml, {where}: expected text, got {value!r}")
    return " ".join(value.split())


def _any_mapping(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise CatalogueError(f"catalogue.yml, {where}: expected a mapping, got {value!r}")
    return value


def _mapping(value: object, where: str, required: set[str], optional: set[str] = frozenset()
             ) -> dict:
    _any_mapping(value, where)
    unknown = sorted(set(value) - required - optional)
    missing = sorted(required - set(value))
    if unknown:
        raise CatalogueError(f"catalogue.yml, {where}: unknown key {unknown[0]!r}")
    if missing:
        raise CatalogueError(f"catalogue.yml, {where}: missing key {missing[0]!r}")
    return value


def _choice(value: object, choices: tuple[str, ...], where: str) -> str:
    if value not in choices:
        raise CatalogueError(f"catalogue.yml, {where}: {value!r} is not one of {choices}")
    return value


def _extract_file(entry: object, where: str) -> ExtractFile:
    entry = _mapping(entry, where, {"file", "for", "required"})
    file_name = _text(entry["file"], f"{where}.file")
    stem = file_name.removesuffix(".csv")
    if stem == file_name or not (SQL_ROOT / "staging" / f"stg_{stem}.sql").exists():
        raise CatalogueError(f"catalogue.yml, {where}.file: {file_name!r} is not an extract "
                             "file with a staging view")
    if not isinstance(entry["required"], bool):
        raise CatalogueError(f"catalogue.yml, {where}.required: expected true or false")
    return ExtractFile(stem, _text(entry["for"], f"{where}.for"), entry["required"])


def _family(family_id: str, entry: object, indicator_ids: tuple[str, ...]) -> Family:
    where = f"families.{family_id}"
    entry = _mapping(entry, where, {"name", "purpose", "sources", "caveats"},
                     {"needs", "visuals"})
    if not (SQL_ROOT / "indicators" / f"{family_id}.sql").exists():
        raise CatalogueError(f"catalogue.yml, {where}: no sql/indicators/{family_id}.sql")
    caveats, needs = entry["caveats"], entry.get("needs", [])
    visuals = _any_mapping(entry.get("visuals", {}), f"{where}.visuals")
    if not isinstance(caveats, list) or not isinstance(needs, list):
        raise CatalogueError(f"catalogue.yml, {where}: caveats and needs must be lists")
    return Family(
        id=family_id,
        name=_text(entry["name"], f"{where}.name"),
        purpose=_text(entry["purpose"], f"{where}.purpose"),
        sources=_text(entry["sources"], f"{where}.sources"),
        caveats=tuple(_text(c, f"{where}.caveats[{n}]") for n, c in enumerate(caveats)),
        needs=tuple(_extract_file(f, f"{where}.needs[{n}]") for n, f in enumerate(needs)),
        visuals={k: _text(v, f"{where}.visuals.{k}") for k, v in visuals.items()},
        indicator_ids=indicator_ids,
    )


def _comparator(entry: object, where: str) -> ComparatorRef:
    entry = _mapping(entry, where, {"measure", "year"}, {"per_10k_of"})
    per_10k_of = entry.get("per_10k_of")
    return ComparatorRef(
        measure=_text(entry["measure"], f"{where}.measure"),
        year=_choice(entry["year"], YEAR_RULES, f"{where}.year"),
        per_10k_of=_text(per_10k_of, f"{where}.per_10k_of") if per_10k_of is not None else None,
    )


def _optional_stem(file_name: object, family_entry: dict, where: str) -> str:
    """The stem of an optional file the indicator's family lists under `needs`."""
    listed = [f.get("file") for f in family_entry.get("needs", []) if isinstance(f, dict)]
    if file_name not in listed:
        raise CatalogueError(f"catalogue.yml, {where}: {file_name!r} is not under its "
                             "family's needs")
    return str(file_name).removesuffix(".csv")


def _file_needs(entry: dict, family_entry: dict, where: str
                ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """An indicator's `needs` (file names) and `without` ({file name: note}) as stems."""
    needs, without = entry.get("needs", []), _any_mapping(entry.get("without", {}),
                                                         f"{where}.without")
    if not isinstance(needs, list):
        raise CatalogueError(f"catalogue.yml, {where}.needs: expected a list of file names")
    return (tuple(_optional_stem(f, family_entry, f"{where}.needs") for f in needs),
            tuple((_optional_stem(f, family_entry, f"{where}.without"),
                   _text(note, f"{where}.without.{f}")) for f, note in without.items()))


def _indicator(indicator_id: str, entry: object, family_entries: dict) -> Indicator:
    where = f"indicators.{indicator_id}"
    entry = _mapping(entry, where, {"family", "label", "unit", "better", "definition"},
                     {"short_label", "comparator", "measure_name", "needs", "without"})
    family_ids = set(family_entries)
    if entry["family"] not in family_ids:
        raise CatalogueError(f"catalogue.yml, {where}.family: {entry['family']!r} is not "
                             "under families")
    unit = _choice(entry["unit"], UNITS, f"{where}.unit")
    comparator = (_comparator(entry["comparator"], f"{where}.comparator")
                  if "comparator" in entry else None)
    if comparator and (comparator.per_10k_of is not None) != (unit == "per_10k"):
        raise CatalogueError(f"catalogue.yml, {where}.comparator: per_10k_of is for, and only "
                             "for, rates per 10,000")
    label = _text(entry["label"], f"{where}.label")
    needs, without = _file_needs(entry, _any_mapping(family_entries[entry["family"]],
                                                     f"families.{entry['family']}"), where)
    return Indicator(
        id=indicator_id,
        family=entry["family"],
        label=label,
        short_label=_text(entry.get("short_label", label), f"{where}.short_label"),
        unit=unit,
        better=_choice(entry["better"], DIRECTIONS, f"{where}.better"),
        definition=_text(str(entry["definition"]), f"{where}.definition"),
        comparator=comparator,
        measure_name=(_text(entry["measure_name"], f"{where}.measure_name")
                      if "measure_name" in entry else None),
        needs=needs,
        without=without,
    )


def parse(text: str) -> Catalogue:
    """The catalogue in `text` (YAML); raises CatalogueError naming the first bad key."""
    raw = _mapping(yaml.safe_load(text), "top level", {"families", "scorecard", "indicators"})
    family_entries = _any_mapping(raw["families"], "families")
    indicator_entries = _any_mapping(raw["indicators"], "indicators")
    indicators = {i: _indicator(i, entry, family_entries)
                  for i, entry in indicator_entries.items()}
    families = {}
    for family_id, entry in family_entries.items():
        ids = tuple(i for i, ind in indicators.items() if ind.family == family_id)
        if not ids:
            raise CatalogueError(f"catalogue.yml, families.{family_id}: no indicators")
        families[family_id] = _family(family_id, entry, ids)
    scorecard = raw["scorecard"]
    if not isinstance(scorecard, list):
        raise CatalogueError("catalogue.yml, scorecard: expected a list of indicator ids")
    for n, indicator_id in enumerate(scorecard):
        if indicator_id not in indicators:
            raise CatalogueError(f"catalogue.yml, scorecard[{n}]: {indicator_id!r} is not an "
                                 "indicator")
    return Catalogue(families, indicators, tuple(scorecard))


@cache
def _loaded() -> Catalogue:
    return parse(CATALOGUE_PATH.read_text())


def catalogue() -> dict[str, Indicator]:
    """Every indicator, in catalogue order."""
    return _loaded().indicators


def families() -> list[str]:
    """Indicator family ids in catalogue order (each is sql/indicators/<family>.sql)."""
    return list(_loaded().families)


def family_catalogue() -> dict[str, Family]:
    """Every family, in catalogue order."""
    return _loaded().families


def family(family_id: str) -> Family:
    return _loaded().families[family_id]


def optional_files() -> dict[str, ExtractFile]:
    """Every optional extract file some family reads, keyed by file stem."""
    return {f.stem: f for fam in _loaded().families.values() for f in fam.needs}


def scorecard_ids() -> tuple[str, ...]:
    """The partnership strategy's headline indicators (the Strategy page), in order."""
    return _loaded().scorecard


def measure_names() -> dict[str, str]:
    """Indicator id -> name of the mean of its rows' `measure` (engine.py), where there is one."""
    return {i: ind.measure_name for i, ind in catalogue().items() if ind.measure_name}
