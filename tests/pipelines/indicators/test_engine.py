"""pipelines/indicators/engine.py: the one place numbers are summed, divided and rounded.

Rounding and the Cube's arithmetic are checked on hand-written sums; compute, breakdown, trend
and rows_behind on a three-child load run through the prevalence SQL. Every expected number is
worked out by hand beside it.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from neglect_insight.pipelines.calendar import period_ending
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.engine import Cube, mean_half_up, rate
from tests.helpers import build_load, triples

# --- rounding half up (indicators.md: one decimal, half up) --------------------------------


@pytest.mark.parametrize(("numerator", "denominator", "scale", "expected"), [
    (1, 16, 100, 6.3),       # 6.25: half up, where round() would give 6.2
    (5, 16, 100, 31.3),      # 31.25
    (1, 8, 100, 12.5),       # exact
    (1, 3, 100, 33.3),       # 33.33...
    (2, 3, 100, 66.7),       # 66.66...
    (3, 3, 100, 100.0),
    (0, 7, 100, 0.0),
    (1, 16_000, 10_000, 0.6),  # 0.625 per 10,000
    (1, 400, 10_000, 25.0),
    (5, 0, 100, None),       # nothing to divide by
    (5, None, 10_000, None),  # no population
])
def test_rate_rounds_half_up_to_one_decimal(numerator, denominator, scale, expected):
    assert rate(numerator, denominator, scale) == expected


@pytest.mark.parametrize(("total", "count", "expected"), [
    (-4.5, 2, -2.3),   # -2.25: half away from zero, like rate
    (4.5, 2, 2.3),     # 2.25
    (0.35, 1, 0.4),    # the double 0.35 is 0.3499999...; the tie is kept
    (-3.5, 3, -1.2),   # -1.1666...
    (-0.04, 1, 0.0),   # rounds to zero, and never to -0.0
    (None, 0, None),   # no rows
    (7.0, 0, None),
])
def test_mean_rounds_half_up_to_one_decimal(total, count, expected):
    got = mean_half_up(total, count)
    assert got == expected
    if expected == 0.0:
        assert str(got) == "0.0"


# --- Cube arithmetic on hand-written sums --------------------------------------------------

SUM_COLUMNS = ["indicator_id", "sex", "age_band", "ethnicity_group", "disability", "locality",
               "numerator", "denominator", "measure_total", "measure_count"]
SCHEMA = dict(zip(SUM_COLUMNS, [pl.String] * 6 + [pl.Int64, pl.Int64, pl.Float64, pl.Int64],
                  strict=True))
NORTH_GIRL = ("F", "5 to 9", "W", "Not disabled", "North")
SOUTH_BOY = ("M", "5 to 9", "W", "Not disabled", "South")
SOUTH_BABY = ("F", "Under 1", "B", "Disabled", "South")


def hand_cube(family: str, rows: list[tuple], population: int | None = None) -> Cube:
    sums = pl.DataFrame(rows, schema=SCHEMA, orient="row")
    return Cube(family, period_ending(date(2025, 3, 31)), sums, population)


PREVALENCE_SUMS = hand_cube("prevalence", [
    ("neglect_children_total", *NORTH_GIRL, 3, None, None, 0),
    ("neglect_children_total", *SOUTH_BOY, 2, None, None, 0),
    ("neglect_children_total", *SOUTH_BABY, 1, None, None, 0),
    ("neglect_rate_per_10k", *NORTH_GIRL, 3, None, None, 0),
    ("neglect_rate_per_10k", *SOUTH_BOY, 2, None, None, 0),
    ("neglect_rate_per_10k", *SOUTH_BABY, 1, None, None, 0),
    ("cp_neglect_share_open", *NORTH_GIRL, 2, 3, None, 0),
    ("cp_neglect_share_open", *SOUTH_BOY, 1, 5, None, 0),
], population=12_000)


def test_cube_values_for_everyone():
    assert triples(PREVALENCE_SUMS.values()) == {
        "neglect_children_total": (6, None, 6),        # 3 + 2 + 1
        "neglect_children_cp": (0, None, 0),           # no rows: a count of 0
        "neglect_children_cin": (0, None, 0),
        "neglect_children_eh": (0, None, 0),
        "neglect_rate_per_10k": (6, 12_000, 5.0),      # 6 / 12,000 x 10,000
        "cp_neglect_share_open": (3, 8, 37.5),         # (2 + 1) / (3 + 5)
        "cp_rate_per_10k": (0, 12_000, 0.0),           # no rows: 0 per 10,000
    }


def test_cube_values_for_a_part():
    north = triples(PREVALENCE_SUMS.values({"locality": "North"}))
    assert north["neglect_children_total"] == (3, None, 3)
    assert north["cp_neglect_share_open"] == (2, 3, 66.7)  # 2 / 3 = 66.66...
    # The population is not known by locality: no rate per 10,000 for a part.
    assert north["neglect_rate_per_10k"] == (3, None, None)
    girls_in_the_south = triples(PREVALENCE_SUMS.values({"sex": "F", "locality": ["South"]}))
    assert girls_in_the_south["neglect_children_total"] == (1, None, 1)
    assert girls_in_the_south["cp_neglect_share_open"] == (0, 0, None)  # no plans: no rate
    # Both sexes chosen is still a part (per 10,000 stays empty); nothing chosen is everyone.
    both = triples(PREVALENCE_SUMS.values({"sex": ["F", "M"]}))
    assert both["neglect_children_total"] == (6, None, 6)
    assert both["neglect_rate_per_10k"] == (6, None, None)
    assert PREVALENCE_SUMS.values({"sex": []}) == PREVALENCE_SUMS.values()


def test_cube_breakdown_parts_sorted_by_value():
    by_sex = PREVALENCE_SUMS.breakdown("neglect_children_total", "sex")
    assert [(part, v.numerator, v.value) for part, v in by_sex] == [("F", 4, 4), ("M", 2, 2)]
    by_place = PREVALENCE_SUMS.breakdown("cp_neglect_share_open", "locality")
    assert [(part, v.numerator, v.denominator, v.value) for part, v in by_place] == [
        ("North", 2, 3, 66.7), ("South", 1, 5, 20.0)]
    # A per-10,000 rate has no population for a part.
    by_age = PREVALENCE_SUMS.breakdown("neglect_rate_per_10k", "age_band")
    assert [(part, v.numerator, v.value) for part, v in by_age] == [
        ("5 to 9", 5, None), ("Under 1", 1, None)]
    south_by_sex = PREVALENCE_SUMS.breakdown("neglect_children_total", "sex",
                                             {"locality": "South"})
    assert [(part, v.numerator) for part, v in south_by_sex] == [("F", 1), ("M", 2)]


def test_cube_refuses_an_unknown_dimension():
    with pytest.raises(ValueError, match="unknown breakdown 'postcode'"):
        PREVALENCE_SUMS.values({"postcode": "CB1"})
    with pytest.raises(ValueError, match="unknown breakdown 'postcode'"):
        PREVALENCE_SUMS.breakdown("neglect_children_total", "postcode")


def test_cube_mean_of_a_measure():
    cube = hand_cube("attendance", [
        # Two children improved by 2.0 and -6.5 points (total -4.5), one by 1.0.
        ("eh_attendance_improved", *NORTH_GIRL, 1, 2, -4.5, 2),
        ("eh_attendance_improved", *SOUTH_BOY, 0, 1, 1.0, 1),
    ])
    values = cube.values()
    improved = values["eh_attendance_improved"]
    assert (improved.numerator, improved.denominator, improved.value) == (1, 3, 33.3)
    assert improved.extra == {"mean_change_pp": -1.2}  # (-4.5 + 1.0) / 3 = -1.166...
    # A measure's name is always there for its indicator, empty without rows.
    north = cube.values({"locality": "South"})["eh_attendance_improved"]
    assert north.extra == {"mean_change_pp": 1.0}
    empty = cube.values({"locality": "East"})["eh_attendance_improved"]
    assert (empty.numerator, empty.value, empty.extra) == (0, None, {"mean_change_pp": None})
    assert values["attendance_absence_rate_eh"].extra == {}  # indicators without a measure
    assert improved.as_json() == {"numerator": 1, "denominator": 3, "value": 33.3,
                                  "mean_change_pp": -1.2}


# --- the engine on a real load ---------------------------------------------------------------

# Twelve months ending 31 March 2025 = [1 April 2024, 31 March 2025]. Ages at 31 March 2025.
FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
        c2,M,2020-03-01,BAFR,true,South
        c3,F,2012-06-01,WBRI,,North
    """,
    # c1: 10, "10 to 15"; c2: 5, "5 to 9", disabled; c3: 12, disability not recorded
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation
        e2,c2,2024-05-01,2024-12-15,16A,needs_met,school
    """,
    # c2: early help neglect open in the year and in the quarter to 31 December 2024
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category
        p1,c1,,2024-06-01,,NEG,
        p3,c3,,2024-01-10,,PHY,
    """,
    # p1: c1's neglect plan from 1 June 2024, open; p3: c3's physical abuse plan, open
    "population": """
        mid_year,population_0_17
        2023,7000
        2024,8000
    """,
    # A period ending in 2025 uses mid-2024 (8,000); ending in 2024, mid-2023 (7,000).
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    connection = build_load(tmp_path_factory.mktemp("engine"), FILES)
    yield connection
    connection.close()


def test_compute_every_prevalence_indicator(conn):
    got = engine.compute(conn, date(2025, 3, 31), ids=engine.family_ids("prevalence"))
    assert triples(got) == {
        "neglect_children_total": (2, None, 2),        # c1 (CP) and c2 (EH)
        "neglect_children_cp": (1, None, 1),           # c1
        "neglect_children_cin": (0, None, 0),
        "neglect_children_eh": (1, None, 1),           # c2
        "neglect_rate_per_10k": (2, 8_000, 2.5),       # 2 / 8,000 x 10,000
        "cp_neglect_share_open": (1, 2, 50.0),         # p1 of p1, p3 open at 31 March 2025
        "cp_rate_per_10k": (2, 8_000, 2.5),            # c1 and c3 on a plan
    }


def test_compute_a_quarter_a_part_and_chosen_ids(conn):
    # Quarter [1 October, 31 December 2024]: c1's plan and c2's episode (ends 15 December)
    # are open; the population is mid-2023's 7,000: 2 / 7,000 x 10,000 = 2.857... = 2.9.
    quarter = engine.compute(conn, date(2024, 12, 31), 3,
                             ids=["neglect_rate_per_10k", "neglect_children_total"])
    assert list(quarter) == ["neglect_rate_per_10k", "neglect_children_total"]
    assert triples(quarter) == {"neglect_rate_per_10k": (2, 7_000, 2.9),
                                "neglect_children_total": (2, None, 2)}
    north = engine.compute(conn, date(2025, 3, 31), filters={"locality": "North"},
                           ids=["neglect_children_total", "cp_neglect_share_open",
                                "cp_rate_per_10k"])
    assert triples(north) == {
        "neglect_children_total": (1, None, 1),        # c1; c2 lives in the South
        "cp_neglect_share_open": (1, 2, 50.0),         # p1 and p3 are both North
        "cp_rate_per_10k": (2, None, None),            # no population for a part
    }


def test_breakdown_by_age_and_disability(conn):
    ages = engine.breakdown(conn, "neglect_children_total", "age_band", date(2025, 3, 31))
    assert [(part, v.value) for part, v in ages] == [("10 to 15", 1), ("5 to 9", 1)]
    disability = engine.breakdown(conn, "cp_neglect_share_open", "disability", date(2025, 3, 31))
    assert [(part, v.numerator, v.denominator, v.value) for part, v in disability] == [
        ("Not disabled", 1, 1, 100.0),  # p1, c1
        ("Not recorded", 0, 1, 0.0),    # p3, c3
    ]


def test_trend_gives_each_indicator_at_each_period_end(conn):
    # Quarter to 31 March 2024: nobody's neglect is open yet (c1's plan starts in June, c2's
    # episode in May) and only p3 (not neglect) is open at the end: 0 of 1.
    got = engine.trend(conn, ["neglect_children_total", "cp_neglect_share_open"],
                       [date(2024, 3, 31), date(2024, 12, 31)], months=3)
    assert [(end, v.indicator_id, v.numerator, v.denominator, v.value) for end, v in got] == [
        (date(2024, 3, 31), "neglect_children_total", 0, None, 0),
        (date(2024, 3, 31), "cp_neglect_share_open", 0, 1, 0.0),
        (date(2024, 12, 31), "neglect_children_total", 2, None, 2),
        (date(2024, 12, 31), "cp_neglect_share_open", 1, 2, 50.0),
    ]


def test_rows_behind_a_number(conn):
    rows = engine.rows_behind(conn, "cp_neglect_share_open", date(2025, 3, 31)).to_pylist()
    assert [tuple(r.values()) for r in rows] == [  # numerator first, then by record
        ("p1", "c1", 1, 1, "F", "10 to 15", "W", "Not disabled", "North"),
        ("p3", "c3", 0, 1, "F", "10 to 15", "W", "Not recorded", "North"),
    ]
    boys = engine.rows_behind(conn, "cp_neglect_share_open", date(2025, 3, 31),
                              filters={"sex": "M"})
    assert boys.num_rows == 0


def test_a_cube_from_the_load_knows_its_population(conn):
    cube = engine.cube(conn, "prevalence", date(2025, 3, 31))
    assert (cube.period.start, cube.period.end, cube.population) == (
        date(2024, 4, 1), date(2025, 3, 31), 8_000)
    assert engine.quarter_ends(conn)[-1] == date(2025, 3, 31)  # the extract date
