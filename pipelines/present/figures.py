"""What a load can show, asked the same way by the dashboard and the board pack: each family's
engine cube or the one sentence saying why it has none (an optional file not supplied, a family
this version does not compute, a load older than the family), and England's published figures
(`pipelines.indicators.comparators`) written as ours are."""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.calendar import period_ending
from neglect_insight.pipelines.indicators import availability, comparators, engine
from neglect_insight.pipelines.indicators.catalogue import catalogue, family, optional_files
from neglect_insight.pipelines.present.cells import Published, published
from neglect_insight.pipelines.present.states import (
    LOAD_TOO_OLD,
    NOT_COMPUTED,
    not_available,
    not_supplied,
)


def missing_files(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Optional extract files the load was built without (`availability.missing_files`, the
    engine's one decision): file stem -> what that means, for a board."""
    files = optional_files()
    return {stem: not_supplied(files[stem].file_name, files[stem].purpose)
            for stem in availability.missing_files(conn)}


def family_cube(conn: duckdb.DuckDBPyConnection, family_id: str, period_end: date, months: int,
                missing: dict[str, str], known: availability.Availability | None = None
                ) -> engine.Cube | str:
    """The family's engine cube for the period, or why the load cannot show it (`missing`:
    from `missing_files`; `known`: the load's availability, when the caller keeps it)."""
    found = family_cubes(conn, family_id, [period_end], months, missing, known)
    return found if isinstance(found, str) else found[period_end]


def family_cubes(conn: duckdb.DuckDBPyConnection, family_id: str, period_ends: list[date],
                 months: int, missing: dict[str, str],
                 known: availability.Availability | None = None
                 ) -> dict[date, engine.Cube] | str:
    """`family_cube` at each of `period_ends`, from one query (`engine.cubes`)."""
    required = family(family_id).required_file
    if required is not None and required.stem in missing:
        return missing[required.stem]
    periods = {end: period_ending(end, months) for end in period_ends}
    try:
        found = engine.cubes(conn, family_id, periods.values(), known)
    except FileNotFoundError:
        return not_available(family(family_id).name, NOT_COMPUTED)
    except duckdb.CatalogException:
        return not_available(family(family_id).name, LOAD_TOO_OLD)
    return {end: found[period] for end, period in periods.items()}


def england(conn: duckdb.DuckDBPyConnection, period_end: date | None = None
            ) -> dict[str, Published]:
    """England's published figure for each indicator that has one (for `period_end` where the
    catalogue asks for the same year), written as ours are."""
    out = {}
    for indicator_id, found in comparators.england_all(conn, period_end).items():
        figure = published(found.value, found.period, found.source,
                           catalogue()[indicator_id].unit)
        if figure is not None:
            out[indicator_id] = figure
    return out
