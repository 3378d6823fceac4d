"""The Methodology page lists the DfE CIN census validation rules we check (issue 8, point 6),
read from the rule modules: number, DfE wording, what a failure does, which deliveries."""

from neglect_insight.dashboard.data.dfe_rules import dfe_rules_table
from tests.dashboard.conftest import open_app


def test_table_lists_the_dfe_rules_in_plain_english():
    table = dfe_rules_table()
    assert list(table.columns) == ["DfE rule", "What it checks", "If it fails", "Applies to"]
    assert len(table) >= 40
    rows = {(r["DfE rule"], r["Applies to"].split(" ")[0]): r for _, r in table.iterrows()}
    episode = rows[("8815", "Every")]  # one open CIN episode: checked on every delivery
    assert episode["What it checks"].startswith("More than one open CIN episode")
    assert episode["If it fails"].startswith("Blocking")
    assert rows[("8620", "CIN")]["If it fails"].startswith("Blocking")  # census year: returns
    assert rows[("8825Q", "Every")]["If it fails"].startswith("Query")
    assert not table["What it checks"].str.contains("_").any()  # no column names


def test_methodology_page_shows_the_table(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/methodology.py")
    assert "DfE CIN census validation rules we check" in [h.value for h in at.header]
    shown = at.dataframe[-1].value
    assert len(shown) == len(dfe_rules_table()) and "8935" in set(shown["DfE rule"])
