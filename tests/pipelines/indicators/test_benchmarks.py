"""The partnership beside England, its region and its statistical neighbours: every figure is
checked against the shipped seed files, read here with the csv module (not through the
published models) and summed by hand."""

import csv
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import duckdb
import pytest

from neglect_insight.pipelines.indicators import benchmarks as bm
from neglect_insight.pipelines.indicators.benchmarks import (
    DEMO_LA_CODES,
    DEMO_NAME,
    NO_COUNTERPART,
    PartnershipError,
    benchmark,
    benchmarks,
    partnership,
    series,
)
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.comparators import comparator, england
from neglect_insight.pipelines.load.build import SEEDS_DIR, SQL_ROOT, build_seeds
from neglect_insight.pipelines.present import states
from neglect_insight.pipelines.settings import PartnershipSettings, load_settings

FIXTURES = Path(__file__).parents[2] / "fixtures" / "partnership"
CAMBS, PETERBOROUGH = ("873", "E10000003"), ("874", "E06000031")  # (old code, new code)
EAST = "E12000006"
YEAR_END = date(2025, 3, 31)


@pytest.fixture(scope="module")
def conn():
    conn = duckdb.connect()
    build_seeds(conn)
    for model in ("published_measures", "published_statistical_neighbours"):
        sql = (SQL_ROOT / "models" / f"{model}.sql").read_text()
        conn.execute(f"create table {model} as\n{sql}")
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def two(conn):
    """Cambridgeshire and Peterborough, named by one old and one new code (fixture file)."""
    return partnership(conn, load_settings(FIXTURES / "two_las.toml").partnership)


@cache
def seed(file: str) -> tuple[dict[str, str], ...]:
    with (SEEDS_DIR / file).open(encoding="utf-8-sig", newline="") as f:
        return tuple(csv.DictReader(f))


def la_rows(file: str, time_period: str, **where: str) -> dict[str, dict[str, str]]:
    """The file's local authority rows for the year, by old code."""
    return {r["old_la_code"]: r for r in seed(file)
            if r["geographic_level"] == "Local authority" and r["time_period"] == time_period
            and all(r[k] == v for k, v in where.items())}


def neighbours_in_file(old_code: str) -> list[str]:
    """SN1 ... SN10 of the LA's row of the DfE groupings file, in rank order."""
    path = SEEDS_DIR / "New_Statistical_Neighbour_Groupings_April_2021.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    row = next(r for r in rows[1:] if r[2] == old_code)
    return [row[header.index(f"SN{n}")] for n in range(1, 11)]


def new_code(old_code: str) -> str:
    c1 = la_rows("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "2025")
    return c1[old_code]["new_la_code"]


def one_decimal(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
D5 = "d5_cpps_at31march_by_duration_2013_to_2025.csv"
POP = "ons_mid-year_population_estimates_2012_to_2024.csv"
CHILDREN = "Children aged 0 to 17 years"


# --- who we are ---------------------------------------------------------------------------------

def test_two_las_named_by_old_and_new_codes(two):
    assert two.name == "Cambridgeshire and Peterborough Safeguarding Children Partnership"
    assert two.la_codes == (CAMBS[1], PETERBOROUGH[1])  # "873" became its 9-character code
    assert two.la_names == ("Cambridgeshire", "Peterborough")
    assert (two.region_codes, two.region_name) == ((EAST,), "East of England")
    assert not two.demo


def test_neighbours_are_the_union_minus_the_las_by_best_rank(two):
    cambs, peterborough = neighbours_in_file("873"), neighbours_in_file("874")
    # Neither LA is the other's neighbour and they share none: 10 + 10.
    assert not set(cambs) & set(peterborough) and "874" not in cambs and "873" not in peterborough
    interleaved = [code for pair in zip(cambs, peterborough, strict=True) for code in pair]
    assert two.neighbour_codes == tuple(new_code(c) for c in interleaved)  # rank 1s, rank 2s ...
    assert two.neighbours_label == "Statistical neighbours (20 LAs)"


def test_a_shared_neighbour_is_counted_once_at_its_best_rank(conn):
    # Cambridgeshire (873) and its rank-1 neighbour Oxfordshire (931): each is removed from the
    # other's list; their shared neighbours appear once.
    who = partnership(conn, PartnershipSettings("Two counties", ("873", "931")))
    union = (set(neighbours_in_file("873")) | set(neighbours_in_file("931"))) - {"873", "931"}
    assert set(who.neighbour_codes) == {new_code(c) for c in union}
    assert len(who.neighbour_codes) == len(union) < 20


def test_old_and_new_codes_name_the_same_la(conn):
    by_old = partnership(conn, PartnershipSettings(None, ("873",)))
    by_new = partnership(conn, PartnershipSettings(None, ("E10000003", "873")))  # once only
    assert by_old == by_new
    assert by_old.name == "Cambridgeshire"  # no name set: the LAs' names


def test_the_demo_names_itself_and_uses_a_fixed_la(conn):
    for settings in (None, PartnershipSettings()):
        demo = partnership(conn, settings)
        assert (demo.name, demo.la_codes, demo.demo) == (DEMO_NAME, DEMO_LA_CODES, True)
        assert len(demo.neighbour_codes) == 10
    assert DEMO_NAME == "Demo partnership (synthetic)"


def test_a_code_in_no_shipped_file_names_the_code_and_the_settings_file(conn):
    settings = load_settings(FIXTURES / "unknown_code.toml").partnership  # right form
    with pytest.raises(PartnershipError) as raised:
        partnership(conn, settings)
    message = str(raised.value)
    assert "unknown_code.toml" in message and "[partnership] la_codes" in message
    assert "'999'" in message and "not a local authority in the DfE files" in message
    assert isinstance(raised.value, ValueError)


# --- figures summed from counts -----------------------------------------------------------------

def test_rereferrals_are_summed_from_counts_never_averaged(conn, two):
    c1 = la_rows(C1, "2025")
    # By hand: Cambridgeshire 1,886 of 6,453 (29.2%), Peterborough 761 of 3,850 (19.8%);
    # together 2,647 of 10,303 = 25.69% -> 25.7% (the mean of the two would be 24.5%).
    assert [c1[c]["rereferral_count"] for c in ("873", "874")] == ["1886", "761"]
    assert [c1[c]["referral_count"] for c in ("873", "874")] == ["6453", "3850"]
    found = benchmark(conn, "rereferral_12m", two, YEAR_END)
    ours = found.partnership
    assert (ours.kind, ours.area, ours.period) == ("partnership", two.name, "2024-25")
    assert (ours.numerator, ours.denominator, ours.value) == (2647.0, 10303.0, 25.7)
    assert ours.missing_reason is None
    assert {(c.file, c.line) for c in ours.cells} == {
        (C1, seed(C1).index(c1[code]) + 2) for code in ("873", "874")}


def test_cp_rate_sums_counts_over_populations_of_the_year_before(conn, two):
    plans, people = la_rows(D5, "2025"), la_rows(POP, "2024", age_group=CHILDREN)
    # By hand: (424 + 222) plans at 31 March 2025 over (142,924 + 57,621) children aged 0-17
    # at mid-2024 = 646 / 200,545 * 10,000 = 32.21 -> 32.2 (the two rates' mean is 34.1).
    assert [plans[c]["CPP_At31"] for c in ("873", "874")] == ["424", "222"]
    assert [people[c]["population_estimate"] for c in ("873", "874")] == ["142924", "57621"]
    ours = benchmark(conn, "cp_rate_per_10k", two, YEAR_END).partnership
    assert (ours.numerator, ours.denominator, ours.value) == (646.0, 200545.0, 32.2)
    assert ours.period == "31 March 2025" and len(ours.cells) == 4  # two counts, two populations


def test_the_neighbours_figure_is_summed_from_the_seed_rows(conn, two):
    c1 = la_rows(C1, "2025")
    olds = neighbours_in_file("873") + neighbours_in_file("874")
    rereferred = sum(Decimal(c1[c]["rereferral_count"]) for c in olds)
    referred = sum(Decimal(c1[c]["referral_count"]) for c in olds)
    found = benchmark(conn, "rereferral_12m", two, YEAR_END).neighbours
    assert found.area == "Statistical neighbours (20 LAs)"
    assert (found.numerator, found.denominator) == (float(rereferred), float(referred))
    assert found.value == one_decimal(rereferred * 100 / referred)


def test_a_suppressed_member_leaves_the_group_without_a_figure(conn, two):
    plans = la_rows(D5, "2025")
    assert plans["873"]["2_years_or_more"] == "c"  # Cambridgeshire's count is suppressed
    found = benchmark(conn, "cpp_open_2y_plus", two, YEAR_END)
    assert found.partnership.value is None
    assert found.partnership.missing_reason == "suppressed for at least one local authority"
    assert found.quartile is None and found.england.value == 2.3


def test_england_is_unchanged_from_the_england_comparator(conn, two):
    for indicator_id, found in benchmarks(conn, two, YEAR_END).items():
        published = england(conn, indicator_id, YEAR_END)
        assert (found.england.value, found.england.period, found.england.cells) == \
            (published.value, published.period, published.cells)
        assert found.england.area == "England"


def test_one_region_or_one_la_shows_its_published_figure(conn, two):
    demo = partnership(conn)
    for indicator_id in ("rereferral_12m", "cp_rate_per_10k", "cpp_second_or_subsequent"):
        found = benchmark(conn, indicator_id, demo, YEAR_END)
        region = comparator(conn, indicator_id, EAST, YEAR_END)
        la = comparator(conn, indicator_id, DEMO_LA_CODES[0], YEAR_END)
        assert (found.region.area, found.region.value) == ("East of England", region.value)
        assert (found.partnership.area, found.partnership.value) == (DEMO_NAME, la.value)
    assert benchmark(conn, "rereferral_12m", demo, YEAR_END).partnership.value == 29.2  # c1


def test_las_in_two_regions_sum_the_regions(conn):
    # Cambridgeshire (East of England) and Leicestershire (855, East Midlands).
    who = partnership(conn, PartnershipSettings(None, ("873", "855")))
    assert who.region_name == "East of England and East Midlands"
    regions = {r["region_code"]: r for r in seed(C1)
               if r["geographic_level"] == "Regional" and r["time_period"] == "2025"}
    codes = (EAST, "E12000004")
    rereferred = sum(Decimal(regions[c]["rereferral_count"]) for c in codes)
    referred = sum(Decimal(regions[c]["referral_count"]) for c in codes)
    found = benchmark(conn, "rereferral_12m", who, YEAR_END).region
    assert (found.area, found.area_codes) == ("East of England and East Midlands", codes)
    assert found.value == one_decimal(rereferred * 100 / referred)


# --- ranking ------------------------------------------------------------------------------------

def test_ranked_neighbours_hold_the_partnership_best_first(conn, two):
    found = benchmark(conn, "rereferral_12m", two, YEAR_END)  # lower is better
    assert sorted(p.kind for p in found.ranked) == ["la"] * 20 + ["partnership"]
    assert {p.area_codes[0] for p in found.ranked if p.kind == "la"} == set(two.neighbour_codes)
    values = [p.value for p in found.ranked if p.value is not None]
    assert values == sorted(values)
    c1 = la_rows(C1, "2025")
    oxfordshire = next(p for p in found.ranked if p.area == "Oxfordshire")
    assert oxfordshire.value == float(c1["931"]["rereferral_percent"])  # as published


def test_quartile_among_every_la_with_a_value(conn, two):
    found = benchmark(conn, "rereferral_12m", two, YEAR_END)
    c1 = la_rows(C1, "2025")
    others = [float(r["rereferral_percent"]) for code, r in c1.items()
              if code not in ("873", "874") and r["rereferral_percent"] not in ("c", "x", "z")]
    better = sum(v < 25.7 for v in others)  # lower is better: the LAs ahead of 25.7%
    assert found.la_count == len(others) + 1  # the partnership counted once
    assert found.quartile == 1 + better * 4 // found.la_count
    assert found.quartile in (1, 2, 3, 4)


def test_counts_are_not_ranked(conn, two):
    found = benchmark(conn, "referrals", two, YEAR_END)
    assert found.partnership.value == 6453 + 3850  # summed
    assert (found.ranked, found.quartile, found.la_count) == ((), None, 0)


# --- what has no counterpart, years ---------------------------------------------------------

def test_no_benchmark_without_a_published_counterpart(conn, two):
    for indicator_id in ("cp_neglect_share_open", "cpp_ended_within_3m",
                         "neglect_cooccurring_toxic_trio"):
        assert catalogue()[indicator_id].comparator is None
        assert benchmark(conn, indicator_id, two, YEAR_END) is None
        assert series(conn, indicator_id, two) == {}
    assert set(benchmarks(conn, two)) == {i for i, ind in catalogue().items() if ind.comparator}
    assert states.NO_COUNTERPART == NO_COUNTERPART


def test_no_published_tables_no_benchmark():
    empty = duckdb.connect()
    who = partnership(empty, PartnershipSettings("Anyshire", ("873",)))
    assert (who.name, who.la_codes, who.neighbour_codes) == ("Anyshire", ("873",), ())
    assert benchmark(empty, "rereferral_12m", who) is None


def test_old_figures_carry_a_note(conn, two):
    assert benchmark(conn, "rereferral_12m", two, date(2027, 3, 31)).stale_note is None
    found = benchmark(conn, "rereferral_12m", two, date(2027, 6, 30))
    assert found.partnership.period == "2024-25"  # latest: 31 March 2025, over two years before
    assert found.stale_note == ("Latest published figures are for 2024-25, more than two years "
                                "before the period.")


def test_series_gives_every_published_year_oldest_first(conn, two):
    found = series(conn, "rereferral_12m", two)
    assert set(found) == {"partnership", "england", "region", "neighbours"}
    years = [p.period for p in found["england"]]
    assert years[0] == "2012-13" and years[-1] == "2024-25" and len(years) == 13
    latest = benchmark(conn, "rereferral_12m", two)
    for kind in found:
        assert found[kind][-1] == getattr(latest, kind)
    c1 = la_rows(C1, "2020")  # 2019-20, summed again by hand from that year's rows
    point = next(p for p in found["partnership"] if p.period == "2019-20")
    assert point.value == one_decimal(
        Decimal(int(c1["873"]["rereferral_count"]) + int(c1["874"]["rereferral_count"])) * 100
        / (int(c1["873"]["referral_count"]) + int(c1["874"]["referral_count"])))


def test_demo_constants_match_the_seed(conn):
    assert bm.DEMO_LA_CODES == (new_code("873"),)


# --- the dashboard's reader ---------------------------------------------------------------------

def test_the_dashboard_reads_the_partnership_of_the_settings_file(tmp_path, monkeypatch):
    from datetime import datetime

    from neglect_insight.dashboard.data import Load
    from neglect_insight.dashboard.data.partnership import who
    from neglect_insight.pipelines.settings import SETTINGS_ENV

    file = tmp_path / "load.duckdb"
    with duckdb.connect(str(file)) as made:
        build_seeds(made)
        for model in ("published_measures", "published_statistical_neighbours"):
            sql = (SQL_ROOT / "models" / f"{model}.sql").read_text()
            made.execute(f"create table {model} as\n{sql}")
    load = Load("run-1", datetime(2026, 1, 1), date(2025, 12, 31), "test", file)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    assert who(load).name == DEMO_NAME  # no settings file
    monkeypatch.setenv(SETTINGS_ENV, str(FIXTURES / "two_las.toml"))
    assert who(load).la_names == ("Cambridgeshire", "Peterborough")
    monkeypatch.setenv(SETTINGS_ENV, str(FIXTURES / "unknown_code.toml"))
    with pytest.raises(PartnershipError, match="'999'"):
        who(load)
