"""The Data quality page's "What changed since the previous load", on the two loads of
tests/pipelines/indicators/test_changes.py (values worked out by hand there)."""

from __future__ import annotations

import pytest

from neglect_insight.dashboard.data.load_changes import VALUE_COLUMNS
from tests.dashboard.conftest import open_app
from tests.pipelines.indicators.test_changes import two_loads

PAGE = "pages/data_quality.py"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return two_loads(tmp_path_factory.mktemp("page"))[0]


def test_the_page_lists_every_value_that_moved(db, monkeypatch):
    at = open_app(db, monkeypatch, PAGE)
    assert "What changed since the previous load" in [h.value for h in at.header]
    caption = next(c.value for c in at.caption if c.value.startswith("Compared with run"))
    assert "1 child new, 0 gone; 3 values moved" in caption
    tables = [t.value for t in at.dataframe]
    moved = next(t for t in tables if list(t.columns) == VALUE_COLUMNS)
    assert moved.values.tolist() == [
        # largest move first: relative to the old value
        ["Referrals to children's social care", "12 months to 31 December 2023", "1", "2",
         "+1"],
        ["Re-referrals within 12 months of a previous referral",
         "12 months to 31 December 2024", "20.0%", "25.0%",
         "+5.0 points"],
        ["Referrals to children's social care", "12 months to 31 December 2024", "5", "4",
         "-1"],
    ]
    files = next(t for t in tables if list(t.columns)[:1] == ["File"] and "Rows now" in t)
    assert files.values.tolist() == [["children.csv", "5", "6", "+1"]]
