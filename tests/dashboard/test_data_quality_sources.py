"""The data quality page names where a converted row came from: source file, place in it and
child, for the current load (its `rejects` table) and for an older load made before those
columns existed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import current_load
from tests.dashboard.conftest import open_app

CIN_XML = Path(__file__).resolve().parents[1] / "fixtures" / "official" / "cin_census.xml"
PAGE = "pages/data_quality.py"
# CH1001 is a boy in the XML: children.csv saying F is a merge conflict, a query.
CHILDREN = ("child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality\n"
            "CH1001,F,2016-07-01,,WBRI,false,North\n")
EARLY_HELP = ("episode_id,child_id,start_date,end_date,factors,end_reason,organisation\n"
              "E1,CH1001,2022-09-01,2023-02-10,16A,stepped_up,school\n")


def _xml_line_of_first_child() -> int:
    text = CIN_XML.read_text()
    return text[:text.index("<Child>")].count("\n") + 1


@pytest.fixture(scope="module")
def converted_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sources")
    folder = root / "delivery"
    folder.mkdir()
    (folder / "cin_census_2025.xml").write_text(CIN_XML.read_text())
    (folder / "children.csv").write_text(CHILDREN)
    (folder / "early_help.csv").write_text(EARLY_HELP)
    db = root / "neglect.duckdb"
    outcome = ingest_delivery(folder, db, date(2025, 3, 31))
    assert outcome.run.outcome == "loaded", outcome.blocking
    return db


def _review(at):
    for frame in at.dataframe:
        if "Source file" in frame.value.columns:
            return frame.value
    raise AssertionError("no rows-to-review table on the page")


def test_rows_to_review_show_source_file_place_and_child(converted_db, monkeypatch):
    at = open_app(converted_db, monkeypatch, PAGE)
    review = _review(at)
    conflict = review[review["Rule id"] == "merge.conflicting_value"]
    assert [tuple(r) for r in conflict[["File", "Column", "Source file", "Place in source",
                                        "Child"]].itertuples(index=False)] == [
        ("children.csv", "sex", "cin_census_2025.xml", f"line {_xml_line_of_first_child()}",
         "CH1001")]


def test_a_load_made_before_source_columns_still_shows_its_rows(converted_db, tmp_path,
                                                                 monkeypatch):
    old = tmp_path / "old.duckdb"
    load = current_load(converted_db)
    old.write_bytes(Path(load).read_bytes())
    with duckdb.connect(str(old)) as conn:
        for column in ("source", "place", "child_id"):
            conn.execute(f"alter table rejects drop column {column}")
    db = tmp_path / "neglect.duckdb"
    db.symlink_to(old)  # a store whose current load has the old rejects table
    at = open_app(db, monkeypatch, PAGE)
    review = _review(at)
    assert "merge.conflicting_value" in set(review["Rule id"])
    assert review["Source file"].isna().all()
