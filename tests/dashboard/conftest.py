"""A small partnership, built into a real load, for the dashboard's page tests.

Period: the 12 months ending 2025-03-31, i.e. [2024-04-01, 2025-03-31] (the load's latest
quarter end, so the pages' default). Every child has an early help neglect episode (factor
16A) open since 2024-06-01; some also have a child protection plan under neglect open since
2024-07-01. No assessments, so no child is at the children in need level.

    locality  children        CP neglect plan     sex (odd F, even M)
    North     n01 ... n12     n01 ... n06         n01 F, n02 M, ...
    South     s01 ... s08     s01, s02            s01 F, s02 M, ...

Worked by hand (highest level: CP over EH; each child once):
    everyone  total 20 = CP 8 (n01-n06, s01, s02) + CIN 0 + EH 12 (n07-n12, s03-s08)
    North     total 12 = CP 6 + CIN 0 + EH 6
    South     total  8 = CP 2 + CIN 0 + EH 6: CP 2 is a count of 1 to 5, so `c`; the total 8
              and CIN 0 are shown, so EH would reveal CP (8 - 0 - 6): EH is hidden too.
    neglect rate per 10,000: 20 / 10,000 (mid-2024 population) x 10,000 = 20.0
    CP plans open at 31 March 2025: 8, all neglect: 8 / 8 = 100.0%; CP rate 8.0 per 10,000

School attendance, academic year 2024/25, one autumn row per child of 100 possible sessions:
children on a CP plan missed 30, the others 10.
    early help cohort (all 20)      (8 x 30 + 12 x 10) / 2,000 = 360 / 2,000 = 18.0%
    children in need (the 8 with an open referral) and CP (the same 8)  240 / 800 = 30.0%
    neglect identified (all 20)                                                 18.0%
    persistent (10% or more): every child, 100.0%; severe (50% or more): none, 0.0%
    all pupils (attendance_all_pupils.csv): 7,000 / 100,000 = 7.0%; persistent 200 of 1,000
    pupils = 20.0%; severe 20 of 1,000 = 2.0%
Early years: one term starting 1 September 2024, 65 of 100 eligible two-year-olds: 65.0%.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from neglect_insight.dashboard import APP_PATH
from neglect_insight.pipelines.load.build import build_models
from neglect_insight.pipelines.load.database import switch_current
from tests.helpers import build_load

PERIOD_END = date(2025, 3, 31)
NORTH = [f"n{i:02d}" for i in range(1, 13)]
SOUTH = [f"s{i:02d}" for i in range(1, 9)]
ON_CP_PLAN = NORTH[:6] + SOUTH[:2]


def _children() -> str:
    rows = [f"{child},{'F' if int(child[1:]) % 2 else 'M'},2015-06-01,WBRI,false,"
            f"{'North' if child[0] == 'n' else 'South'}" for child in NORTH + SOUTH]
    return "\n".join(["child_id,sex,birth_month,ethnicity,disabled,locality", *rows])


def _early_help() -> str:
    rows = [f"e{child},{child},2024-06-01,,16A,,la" for child in NORTH + SOUTH]
    return "\n".join(["episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
                      *rows])


def _referrals() -> str:
    rows = [f"r{child},{child},2024-06-15,6,N1,false,," for child in ON_CP_PLAN]
    return "\n".join(["referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                      "closure_reason", *rows])


def _cp_plans() -> str:
    rows = [f"p{child},{child},r{child},2024-07-01,,NEG," for child in ON_CP_PLAN]
    return "\n".join(["plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                      "latest_category", *rows])


def _attendance() -> str:
    rows = [f"{child},2024/25,autumn,100,{30 if child in ON_CP_PLAN else 10}"
            for child in NORTH + SOUTH]
    return "\n".join(["child_id,academic_year,term,possible_sessions,absence_sessions", *rows])


FILES = {
    "children": _children(),
    "early_help": _early_help(),
    "referrals": _referrals(),
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": _cp_plans(),
    "population": "mid_year,population_0_17\n2023,9800\n2024,10000",
    "attendance": _attendance(),
    "attendance_all_pupils": "academic_year,term,pupils,possible_sessions,absence_sessions,"
                             "persistent_absentees,severe_absentees\n"
                             "2024/25,autumn,1000,100000,7000,200,20",
    "early_years": "term_start,eligible_2yo,taking_up\n2024-09-01,100,65",
}
OPTIONAL = ("population", "attendance", "attendance_all_pupils", "early_years")
WITHOUT_OPTIONAL_FILES = {stem: text for stem, text in FILES.items() if stem not in OPTIONAL}


def _store(root: Path, files: dict[str, str]) -> Path:
    """A load built from `files`, behind a `--db` pointer as ingest leaves it."""
    conn = build_load(root, files, extract_date=PERIOD_END)
    build_models(conn)  # again, with the published DfE figures: England's comparisons show
    conn.close()  # the dashboard opens the file read-only
    pointer = root / "neglect.duckdb"
    switch_current(pointer, root / "load.duckdb")
    return pointer


@pytest.fixture(scope="session")
def board_db(tmp_path_factory) -> Path:
    return _store(tmp_path_factory.mktemp("board"), FILES)


@pytest.fixture(scope="session")
def minimal_db(tmp_path_factory) -> Path:
    """The same children without the optional files: population, attendance, early years."""
    return _store(tmp_path_factory.mktemp("minimal"), WITHOUT_OPTIONAL_FILES)


def open_app(db: Path, monkeypatch, page: str | None = None) -> AppTest:
    """The dashboard on `db`, run once (and on `page`, when given)."""
    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(db))
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app(board_db, monkeypatch) -> AppTest:
    return open_app(board_db, monkeypatch)
