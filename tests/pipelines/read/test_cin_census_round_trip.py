"""The round trip of issue 8: a synthetic canonical delivery, written as CIN census XML returns
(one per year, by tests/fixtures/official/cin_census_writer.py) and ingested beside
`children.csv` (all children: locality, disability, and children known only to early help),
`early_help.csv` and the other optional CSVs, gives the same indicators as the canonical CSVs
for the year and the quarter to 31 March 2025.

CIN plans ending after their episode closed (synth plants a few; no census can hold one) are
ended on the closure date in both deliveries first. The XML delivery has no referrals.csv,
assessments.csv, cin_plans.csv or cp_plans.csv: those come from the returns, combined
(cin_census_returns.py). Referral, assessment and plan ids are derived from the returns and
differ from the CSVs', so the indicators are compared, not ids.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from neglect_insight.pipelines.indicators.engine import compute
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import connect_read_only
from neglect_insight.pipelines.synth.delivery import write_delivery
from tests.fixtures.official.cin_census_writer import write_returns

END = date(2025, 3, 31)
FROM_THE_RETURNS = ("referrals", "assessments", "cin_plans", "cp_plans")
UPN = re.compile(r"[A-Z]201\d{8}7")  # the writer's made-up UPNs


@pytest.fixture(scope="module")
def loads(tmp_path_factory) -> dict[str, Path]:
    """The canonical delivery and its XML twin, each ingested: their database paths."""
    canonical = tmp_path_factory.mktemp("canonical")
    write_delivery(canonical, scale="small", seed=1, end=END)
    plans_end_with_their_episode(canonical)
    xml = tmp_path_factory.mktemp("xml")
    returns = write_returns(canonical, xml)
    assert [p.name for p in returns][-2:] == ["cin_census_2024.xml", "cin_census_2025.xml"]
    assert UPN.search(returns[-1].read_text())  # the writer gives every child a UPN
    for csv in canonical.glob("*.csv"):
        if csv.stem not in FROM_THE_RETURNS:
            shutil.copy(csv, xml / csv.name)
    dbs = {}
    for name, folder in (("csv", canonical), ("xml", xml)):
        dbs[name] = tmp_path_factory.mktemp(f"db_{name}") / "neglect.duckdb"
        outcome = ingest_delivery(folder, dbs[name], END)
        assert not outcome.refused, [f"{f.rule_id}: {f.message}" for f in outcome.blocking[:3]]
        assert not [f for f in outcome.findings if UPN.search(f.message)]
    return dbs


def plans_end_with_their_episode(folder: Path) -> None:
    """A census can hold no CIN plan that ends after its episode closed (the DfE refuses the
    return), and synth plants a few: end them on the closure date, in both deliveries."""
    episodes = pl.read_csv(folder / "referrals.csv", infer_schema=False).select(
        "referral_id", "closure_date")
    plans = pl.read_csv(folder / "cin_plans.csv", infer_schema=False)
    ends = pl.col("end_date")
    plans.join(episodes, on="referral_id", how="left").with_columns(
        pl.when(ends > pl.col("closure_date")).then(pl.col("closure_date")).otherwise(ends)
        .alias("end_date")
    ).select(plans.columns).write_csv(folder / "cin_plans.csv")


def indicators(db: Path, months: int) -> dict[str, dict]:
    with connect_read_only(db) as conn:
        return {i: v.as_json() for i, v in compute(conn, END, months).items()}


@pytest.mark.parametrize("months", [12, 3])  # the year and the quarter to 31 March 2025
def test_the_xml_delivery_gives_the_indicators_of_the_csv_delivery(loads, months):
    from_csv = indicators(loads["csv"], months)
    assert indicators(loads["xml"], months) == from_csv
    assert any(v.get("value") for v in from_csv.values())  # not trivially empty


def test_no_upn_reaches_the_load(loads):
    with connect_read_only(loads["xml"]) as conn:
        tables = [t for (t,) in conn.execute(
            "select table_name from information_schema.tables").fetchall()]
        for table in tables:
            counts = conn.execute(
                f"select count_if(regexp_matches(cast(columns(*) as varchar), ?)) "  # noqa: S608
                f'from "{table}"', [UPN.pattern]).fetchone()
            assert not any(counts), table
