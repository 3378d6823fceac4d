"""engine.cubes: many periods in one query (the family SQL run once per period through a
LATERAL join) gives, for every family and period, exactly the cube of the family's SQL run on
its own for that period with plain parameters, the way every number was computed before; and
the figures for everyone summed without a cube (engine._everyone, for one period or many) are
the cube's.

Run on a `small` synthetic delivery (practice files included), at a dozen quarter ends it
covers, for 12-month and quarter-only periods, and at a period end before any data.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from neglect_insight.pipelines.calendar import period_ending
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import families
from neglect_insight.pipelines.synth import write_delivery
from tests.helpers import load_delivery

END = date(2025, 3, 31)
DIMS = ", ".join(engine.DIMENSIONS)


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("periods")
    write_delivery(folder / "delivery", scale="small", seed=3, end=END)
    with load_delivery(folder / "delivery", folder / "small.duckdb", END) as conn:
        yield conn


def _one_period_sums(conn, family, period) -> pl.DataFrame:
    """The family's SQL for one period with plain $period_start / $period_end parameters."""
    sql = (engine._profiled_sql(family)
           + f"select indicator_id, {DIMS}, sum(numerator)::bigint as numerator, "
           + "sum(denominator)::bigint as denominator, fsum(measure) as measure_total, "
           + "count(measure) as measure_count from profiled group by all")
    return conn.sql(sql, params=engine._period_params(sql, period)).pl()


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


@pytest.mark.parametrize("family", families())
@pytest.mark.parametrize("months", [12, 3])
def test_many_periods_in_one_query_equal_one_query_each(conn, family, months):
    covered = engine.quarter_ends(conn)
    # every fourth quarter end, the latest four, and one before any data
    ends = sorted(set(covered[::4] + covered[-4:])) + [date(2010, 3, 31)]
    periods = [period_ending(end, months) for end in ends]
    got = engine.cubes(conn, family, periods)
    known = engine.availability(conn)
    ids = engine.family_ids(family)
    everyone = engine._everyone(conn, family, periods, ids, known)
    assert list(got) == periods
    rows = 0
    for period in periods:
        expected = _one_period_sums(conn, family, period)
        cube = got[period]
        assert cube.period == period
        assert cube.sums.schema == expected.schema
        assert _sorted(cube.sums).equals(_sorted(expected)), (family, period)
        assert cube.population == engine._population(conn, period)
        values = engine.Cube(family, period, expected, engine._population(conn, period),
                             cube.reasons, cube.notes).values()
        assert cube.values() == values
        # for everyone, without the cube: many periods at once, and one period alone
        assert everyone[period] == values
        assert engine._everyone(conn, family, [period], ids[-1:], known)[period] == {
            ids[-1]: values[ids[-1]]}
        rows += expected.height
    assert rows > 0  # the comparison compared something
    assert got[periods[-1]].sums.height == 0  # 2010: before the data


@pytest.mark.parametrize("everyone", [True, False])
def test_trend_is_compute_at_each_end(conn, everyone):
    ids = ["neglect_children_total", "rereferral_12m", "cpp_second_or_subsequent",
           "attendance_absence_rate_cp", "cp_rate_per_10k", "eh_attendance_improved"]
    ends = engine.quarter_ends(conn)[-5:]
    filters = {} if everyone else {"sex": sorted(engine.profile_values(conn)["sex"])[0]}
    got = engine.trend(conn, ids, ends, 12, filters)
    expected = [(end, engine.compute(conn, end, 12, filters, ids)[i]) for end in ends
                for i in ids]
    assert got == expected
    assert any(v.numerator for _end, v in got)


@pytest.mark.parametrize("family", ["prevalence", "attendance", "practice"])
def test_periods_in_batches_give_the_same_figures(conn, family, monkeypatch):
    """A large load takes a few periods to a query (CHILD_PERIODS_PER_QUERY): the same cubes
    and figures as all periods in one query, or one query each."""
    periods = [period_ending(end, 12) for end in engine.quarter_ends(conn)[-7:]]
    known = engine.availability(conn)
    ids = engine.family_ids(family)
    [(children,)] = conn.execute("select count(*) from child_profile").fetchall()
    results = {}
    for per_query in (len(periods), 3, 1):  # all at once, three to a query, one each
        monkeypatch.setattr(engine, "CHILD_PERIODS_PER_QUERY", children * per_query)
        assert [len(b) for b in engine._batches(conn, periods)] == (
            [per_query] * (len(periods) // per_query)
            + ([len(periods) % per_query] if len(periods) % per_query else []))
        found = engine.cubes(conn, family, periods, known)
        results[per_query] = ({p: _sorted(c.sums) for p, c in found.items()},
                              engine._everyone(conn, family, periods, ids, known))
    (all_sums, all_values), *others = results.values()
    for sums, values in others:
        assert values == all_values
        assert all(sums[p].equals(all_sums[p]) for p in periods)
    assert any(v.numerator for found in all_values.values() for v in found.values())


def test_only_catalogue_ids_are_written_into_the_query(conn):
    """Ids asked for are written into the SQL as constants (so DuckDB skips the rest of the
    family): anything but a catalogue id is refused before it reaches the query."""
    period = period_ending(END, 12)
    known = engine.availability(conn)
    for bad in ("rereferral_12m') or ('1'='1", "no_such_indicator"):
        with pytest.raises(ValueError, match="not a catalogue indicator id"):
            engine._everyone(conn, "rereferrals", [period], [bad], known)
    one = engine._everyone(conn, "rereferrals", [period], ["rereferral_12m"], known)[period]
    assert one == {"rereferral_12m": engine.cube(conn, "rereferrals", END).values()[
        "rereferral_12m"]}
