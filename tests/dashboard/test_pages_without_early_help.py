"""The partnership of conftest.py without early_help.csv: the pages show "Not supplied" for every
figure that needs early help (never 0) and say the total counts children in need and child
protection only.

Worked by hand from conftest.py: without early help, the 8 children on a CP neglect plan are
every child with neglect identified: total 8 = CP 8 + CIN 0; early help is not supplied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from neglect_insight.pipelines.load.database import switch_current
from neglect_insight.pipelines.present.states import NO_FIGURE, NOT_SUPPLIED
from tests.dashboard.conftest import FILES, PERIOD_END, open_app
from tests.helpers import build_load

CIN_CP_ONLY = "Counts children in need and child protection only"


@pytest.fixture(scope="module")
def no_early_help_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("no-early-help")
    files = {stem: text for stem, text in FILES.items() if stem != "early_help"}
    build_load(root, files, extract_date=PERIOD_END).close()
    switch_current(root / "neglect.duckdb", root / "load.duckdb")
    return root / "neglect.duckdb"


def test_prevalence_shows_not_supplied_and_what_the_total_counts(no_early_help_db, monkeypatch):
    at = open_app(no_early_help_db, monkeypatch, "pages/prevalence.py")
    table = at.dataframe[0].value
    split = dict(zip(table["Highest level of neglect identification"], table["Children"],
                     strict=True))
    assert split == {"Early help": NOT_SUPPLIED, "Children in need": "0",
                     "Child protection": "8", "Total": "8"}
    captions = [c.value for c in at.caption]
    assert any(c.startswith(CIN_CP_ONLY) for c in captions)
    assert any(c.startswith("Early help not supplied: this delivery had no early_help.csv")
               for c in captions)


def test_overview_shows_not_supplied_for_early_help(no_early_help_db, monkeypatch):
    at = open_app(no_early_help_db, monkeypatch, "pages/overview.py")
    cards = {m.label: m.value for m in at.metric}
    # A card's number has no room for the words: it shows "–" and says "Not supplied" beneath.
    assert cards["Neglect at early help"] == NO_FIGURE
    assert cards["Absence, early help"] == NO_FIGURE
    assert cards["Neglect at child protection"] == "8"
    assert sum(c.value == NOT_SUPPLIED for c in at.caption) >= 2
    rows = {row["Measure"]: row for row in at.dataframe[0].value.to_dict("records")}
    assert rows["Neglect at early help"]["Now (Q4 2024-25)"] == NOT_SUPPLIED
    assert any(c.value.startswith(CIN_CP_ONLY) for c in at.caption)
