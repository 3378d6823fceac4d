"""Properties of the indicator families over random small deliveries (hypothesis).

Each example writes a small delivery (a handful of children with early help episodes, referrals,
assessments, CP plans and early years terms), builds a real load with `build_load` once, and
checks what must hold whatever the data:
- every percentage has 0 <= numerator <= denominator;
- the three prevalence levels add up to neglect_children_total;
- a breakdown's parts add up to the whole, for every dimension.
"""

import tempfile
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.engine import DIMENSIONS, breakdown, compute, family_ids
from tests.helpers import build_load

FAMILIES = ["prevalence", "repeat_plans", "rereferrals", "drift", "early_years"]
IDS = [i for family in FAMILIES for i in family_ids(family)]
FIRST, LAST = date(2021, 1, 1), date(2025, 3, 31)  # LAST is the extract date
PERIOD_ENDS = [date(2024, 3, 31), date(2024, 12, 31), date(2025, 3, 31)]

days = st.integers(0, (LAST - FIRST).days).map(lambda n: FIRST + timedelta(days=n))


def capped(d: date) -> date:
    return min(d, LAST)


def iso(d: date | None) -> str:
    return "" if d is None else d.isoformat()


@st.composite
def deliveries(draw) -> dict[str, str]:
    n = draw(st.integers(1, 6))
    children = [f"c{i}" for i in range(n)]
    child = st.sampled_from(children)
    rows = {"children": ["child_id,sex,birth_month,ethnicity,disabled,locality"]}
    for c in children:
        birth = date(draw(st.integers(2008, 2024)), draw(st.integers(1, 12)), 1)
        rows["children"].append(",".join([
            c, draw(st.sampled_from("MFU")), iso(birth),
            draw(st.sampled_from(["WBRI", "BAFR", "AIND", "MWBC"])),
            draw(st.sampled_from(["true", "false", ""])),
            draw(st.sampled_from(["North", "South", ""]))]))

    rows["early_help"] = ["episode_id,child_id,start_date,end_date,factors,end_reason,organisation"]
    for i in range(draw(st.integers(0, 5))):
        start = draw(days)
        end = draw(st.one_of(st.none(), st.integers(0, 400).map(
            lambda k, s=start: capped(s + timedelta(days=k)))))
        rows["early_help"].append(",".join([
            f"e{i}", draw(child), iso(start), iso(end),
            draw(st.sampled_from(["16A", "3B", "16A;1B", ""])),
            "" if end is None else "needs_met", "la"]))

    rows["referrals"] = ["referral_id,child_id,referral_date,source,primary_need,nfa,"
                         "closure_date,closure_reason"]
    rows["assessments"] = ["assessment_id,referral_id,child_id,start_date,authorised_date,factors"]
    referred_child = st.sampled_from(children[: max(1, n // 2)])  # some children re-referred
    for i in range(draw(st.integers(0, 7))):
        c, referred, nfa = draw(referred_child), draw(days), draw(st.booleans())
        closed = draw(st.one_of(st.none(), st.integers(0, 900).map(
            lambda k, s=referred: capped(s + timedelta(days=k)))))
        if nfa:
            closed = referred
        rows["referrals"].append(",".join([
            f"r{i}", c, iso(referred), "6", "" if nfa else "N1", str(nfa).lower(), iso(closed),
            "" if closed is None else "RC8"]))
        for j in range(0 if nfa else draw(st.integers(0, 2))):
            start = capped(referred + timedelta(days=draw(st.integers(0, 20))))
            authorised = draw(st.one_of(st.none(), st.integers(0, 150).map(
                lambda k, s=start: capped(s + timedelta(days=k)))))
            rows["assessments"].append(",".join([
                f"a{i}_{j}", f"r{i}", c, iso(start), iso(authorised),
                "" if authorised is None else draw(st.sampled_from(["16A", "3B", "16A;4B", ""]))]))

    rows["cp_plans"] = ["plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                        "latest_category,previous_plans"]
    categories = st.sampled_from(["NEG", "PHY", "SAB", "EMO", "MUL"])
    for c in children:
        start = draw(days)
        for j in range(draw(st.integers(0, 3))):  # one child's plans never overlap
            if start > LAST:
                break
            end = draw(st.one_of(st.none(), st.integers(0, 500).map(
                lambda k, s=start: s + timedelta(days=k))))
            if end is not None and end > LAST:
                end = None
            rows["cp_plans"].append(",".join([
                f"p{c}_{j}", c, "r0", iso(start), iso(end), draw(categories),
                draw(st.one_of(st.just(""), categories)),
                draw(st.sampled_from(["", "0", "1", "2"]))]))
            if end is None:
                break
            start = end + timedelta(days=draw(st.integers(0, 400)))

    rows["early_years"] = ["term_start,eligible_2yo,taking_up"]
    for i in range(draw(st.integers(0, 6))):  # terms from 2023-09-01, every 120 days
        eligible = draw(st.integers(0, 300))
        rows["early_years"].append(",".join([
            iso(date(2023, 9, 1) + timedelta(days=120 * i)), str(eligible),
            str(draw(st.integers(0, eligible)))]))
    rows["population"] = ["mid_year,population_0_17", "2023,20000", "2024,21000"]
    return {stem: "\n".join(lines) for stem, lines in rows.items()}


@contextmanager
def built(files: dict[str, str]):
    """A load of the delivery in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="indicator-properties-") as folder:
        conn = build_load(Path(folder), files)
        try:
            yield conn
        finally:
            conn.close()


# A load takes about half a second to build: few examples, no deadline.
SETTINGS = settings(max_examples=8, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(deliveries(), st.sampled_from(PERIOD_ENDS), st.sampled_from([3, 12]))
def test_rates_are_proportions_and_levels_add_up(files, period_end, months):
    with built(files) as conn:
        values = compute(conn, period_end, months=months, ids=IDS)
    for indicator_id, v in values.items():
        if catalogue()[indicator_id].unit == "percent":
            assert 0 <= v.numerator <= v.denominator, (indicator_id, v)
        if catalogue()[indicator_id].unit == "count":
            assert v.numerator >= 0 and v.denominator is None, (indicator_id, v)
    assert (values["neglect_children_cp"].numerator + values["neglect_children_cin"].numerator
            + values["neglect_children_eh"].numerator) == values["neglect_children_total"].numerator


@settings(SETTINGS, max_examples=6)
@given(deliveries(), st.sampled_from(PERIOD_ENDS), st.data())
def test_breakdown_parts_add_up_to_the_whole(files, period_end, data):
    # One indicator of each family per example, every dimension.
    ids = [data.draw(st.sampled_from(family_ids(family)), label=family) for family in FAMILIES]
    with built(files) as conn:
        whole = compute(conn, period_end, ids=ids)
        parts = {(i, d): [v for _, v in breakdown(conn, i, d, period_end)]
                 for i in ids for d in DIMENSIONS}
    for (indicator_id, dimension), values in parts.items():
        assert sum(v.numerator for v in values) == whole[indicator_id].numerator, (
            indicator_id, dimension)
        if catalogue()[indicator_id].unit == "percent":
            assert sum(v.denominator for v in values) == whole[indicator_id].denominator, (
                indicator_id, dimension)
