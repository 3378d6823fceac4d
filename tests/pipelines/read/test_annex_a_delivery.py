"""An LA's edited Annex A workbook with `children.csv` beside it, ingested end to end: it loads,
every assessment it keeps is linked to a referral, the one that cannot be placed is a query
naming its sheet and row, and `children.csv` adds the locality the workbook lacks.

The workbook is `write_awkward_annex_a` (tests/fixtures/official/annex_a_workbook.py); its early
help comes from its List 2 ("Early Help", which has end dates).
"""

from __future__ import annotations

from datetime import date

import pytest

from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import connect_read_only
from tests.fixtures.official import annex_a_workbook as awkward

CHILDREN_CSV = (  # the same details as the workbook, plus locality, and one child only here
    "child_id,sex,birth_month,ethnicity,disabled,locality\n"
    "A01,M,2015-05-01,WBRI,false,North\n"
    "A02,F,2019-08-01,MWBC,true,South\n"
    "A03,F,2012-01-01,WBRI,,North\n"
    "A04,M,2018-06-01,AIND,false,East\n"
    "A05,F,2020-02-01,WBRI,,West\n"
    "A06,U,2010-03-01,OOTH,,West\n"
    "A07,F,2021-04-01,WBRI,,North\n"
)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("delivery")
    awkward.write_awkward_annex_a(folder / "Annex A - March 2025.xlsx")
    (folder / "children.csv").write_text(CHILDREN_CSV)
    db = tmp_path_factory.mktemp("db") / "neglect.duckdb"
    return ingest_delivery(folder, db, date(2025, 3, 31)), db


def test_the_workbook_and_children_csv_load(loaded):
    outcome, _db = loaded
    assert not outcome.refused, [f"{f.rule_id}: {f.message}" for f in outcome.blocking[:3]]


def test_every_assessment_is_linked_and_the_unplaced_one_is_a_query(loaded):
    outcome, db = loaded
    with connect_read_only(db) as conn:
        assessments = conn.execute(
            "select assessment_id, referral_id from stg_assessments order by assessment_id"
        ).fetchall()
        referrals = {r for (r,) in conn.execute("select referral_id from stg_referrals")
                     .fetchall()}
    assert assessments == [(expected[0], expected[1]) for _cells, expected
                           in awkward.AWKWARD_ASSESSMENTS if expected]
    assert all(referral in referrals for _id, referral in assessments)
    sheet, row, child = awkward.UNPLACED
    assert [(f.severity, f.source, f.place, f.child_id) for f in outcome.queries
            if f.rule_id == "annex_a_xlsx.unlinked"] == [
        ("query", "Annex A - March 2025.xlsx", f"sheet {sheet}, row {row}", child)]


def test_children_csv_adds_locality_and_its_own_children(loaded):
    _outcome, db = loaded
    with connect_read_only(db) as conn:
        children = conn.execute(
            "select child_id, sex, locality from stg_children order by child_id").fetchall()
        early_help = conn.execute("select count(*) from stg_early_help").fetchone()
    assert children == [("A01", "M", "North"), ("A02", "F", "South"), ("A03", "F", "North"),
                        ("A04", "M", "East"), ("A05", "F", "West"), ("A06", "U", "West"),
                        ("A07", "F", "North")]
    assert early_help == (3,)  # from List 2
