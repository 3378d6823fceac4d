"""The Practice on neglect page on the hand-built practice fixture (tests/fixtures/practice,
every answer worked out in its README.md), 12 months to 31 March 2025.

With the disclosure threshold at 1 (a settings file): counts of 1 are `c`, and a further part
where the hidden ones could be worked out from a total. Worked by hand from the README:
- headlines: 8 GCP2s; coverage 75.0% (3 of 4); 5 rescores; 60.0% improved (3 of 5); 5 neglect
  audits; 60.0% good or outstanding (3 of 5).
- GCP2s by agency, Q4 2024-25 (Jan-Mar 2025): health 2, school 2, LA 1 (of 5). LA 1 is `c`;
  with one part hidden it could be recovered from the total, so the smallest shown part goes
  too (health 2, first of the tie): Health c, School 2, Local authority c, total 5.
- Grade changes, safety: better 4, same 1, worse 0 of 5: same is `c`, then better 4 as well
  (one hidden part is recoverable); worse 0 shown. Means 3.8 before, 2.6 after.
- Neglect audits, Q4 2024-25: good 2 (au5, au7), inadequate 1 (au6), 3 in all: Inadequate c,
  then Good c too; the total 3 shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from neglect_insight.dashboard import APP_PATH
from neglect_insight.pipelines import commentary
from neglect_insight.pipelines.load.build import build_models
from neglect_insight.pipelines.load.database import store_dir, switch_current
from neglect_insight.pipelines.settings import SETTINGS_ENV
from tests.helpers import build_load

PAGE = "pages/practice.py"
FIXTURE = Path(__file__).parents[1] / "fixtures" / "practice"
FILES = {path.stem: path.read_text() for path in sorted(FIXTURE.glob("*.csv"))}
Q4 = date(2025, 3, 31)
LEARNING = "Plans named neglect but the GCP2 was not used to set goals with the family."


def _store(root: Path, files: dict[str, str]) -> Path:
    conn = build_load(root, files, extract_date=Q4)
    build_models(conn)
    conn.close()
    pointer = root / "neglect.duckdb"
    switch_current(pointer, root / "load.duckdb")
    return pointer


@pytest.fixture(scope="module")
def practice_db(tmp_path_factory) -> Path:
    db = _store(tmp_path_factory.mktemp("practice"), FILES)
    commentary.write(store_dir(db), "audits_neglect_good", Q4, LEARNING, "qa.tester", "qa")
    return db


@pytest.fixture(scope="module")
def default_db(tmp_path_factory) -> Path:
    """The same load again: the page's readers are cached per load, not per threshold."""
    return _store(tmp_path_factory.mktemp("practice_default"), FILES)


@pytest.fixture(scope="module")
def without_db(tmp_path_factory) -> Path:
    files = {k: v for k, v in FILES.items() if k not in ("gcp2", "case_audits")}
    return _store(tmp_path_factory.mktemp("practice_without"), files)


def _open(db: Path, monkeypatch, tmp_path: Path, threshold: int) -> AppTest:
    settings = tmp_path / "neglect-insight.toml"
    settings.write_text(f'[access]\nsign_in = "none"\n[disclosure]\nthreshold = {threshold}\n')
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(db))
    at = AppTest.from_file(str(APP_PATH), default_timeout=120)
    at.switch_page(PAGE).run()  # straight to the page, as a link to /practice opens it
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest, first_column: str):
    return next(d.value for d in at.dataframe if first_column in d.value.columns)


def _shown(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.title, *at.subheader, *at.markdown, *at.caption,
                                            *at.info))


def test_the_page_shows_the_figures_the_four_areas_and_the_audit_learning(
        practice_db, monkeypatch, tmp_path):
    at = _open(practice_db, monkeypatch, tmp_path, threshold=1)
    assert at.title[0].value == "Practice on neglect"
    text = _shown(at)
    for heading in ("Graded Care Profile 2 assessments completed, by agency",
                    "Grades before and after rescoring, overall and by area of care",
                    "Multi-agency case audits on neglect, by grade"):
        assert heading in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["GCP2s completed"] == "8"
    assert metrics["Neglect children with a GCP2"] == "75.0%"
    assert metrics["GCP2 rescores improved"] == "60.0%"
    assert metrics["Neglect audits good or better"] == "60.0%"

    agencies = _table(at, "Quarter")
    q4 = agencies[agencies["Quarter"] == "Q4 2024-25"].iloc[0]
    assert (q4["Health"], q4["School"], q4["Local authority"], q4["All GCP2s"]) == (
        "c", "2", "c", "5")

    changes = _table(at, "Area of care")
    assert list(changes["Area of care"]) == ["Overall", "Physical care", "Safety",
                                             "Emotional care", "Developmental care"]
    safety = changes[changes["Area of care"] == "Safety"].iloc[0]
    assert (safety["Mean grade before"], safety["Mean grade after"], safety["Better"],
            safety["Same"], safety["Worse"]) == ("3.8", "2.6", "c", "c", "0")

    audits = [d.value for d in at.dataframe if "Good" in d.value.columns][0]
    q4 = audits[audits["Quarter"] == "Q4 2024-25"].iloc[0]
    assert (q4["Good"], q4["Inadequate"], q4["Outstanding"], q4["All neglect audits"]) == (
        "c", "c", "0", "3")
    assert LEARNING in text  # the audit learning beside the quarter it is about
    assert "Audit learning by qa.tester" in text


def test_small_counts_are_hidden_at_the_default_threshold(default_db, monkeypatch, tmp_path):
    at = _open(default_db, monkeypatch, tmp_path, threshold=5)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["GCP2s completed"] == "8"  # above 5
    assert metrics["GCP2 rescores"] == "c"  # 5
    assert metrics["GCP2 rescores improved"] == "c"  # 3 of 5
    changes = _table(at, "Area of care")
    assert set(changes["Mean grade before"]) == {"c"}  # the means of 5 rescores


def test_without_the_files_the_page_says_not_supplied(without_db, monkeypatch, tmp_path):
    at = _open(without_db, monkeypatch, tmp_path, threshold=5)
    text = _shown(at)
    assert "Not supplied: this load has no gcp2.csv" in text  # each GCP2 visual
    assert "Not supplied: this load has no case_audits.csv" in text  # the audit grades
    assert {m.value for m in at.metric} == {"Not supplied"}  # never 0
