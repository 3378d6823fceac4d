"""Several sources of one canonical file are merged by key, not refused
(pipelines/read/merge.py, called by pipelines.delivery.read_delivery).

The official file here is a stand-in format registered for the test (`census.fake`): its reader
returns a children table as a converted official file does, with `_source` and `_place`, so no
XML is written. Every expected row is worked out from the two inputs beside it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.read import official
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

CHILD_COLUMNS = EXTRACT_FILES["children"].column_names
# child_id, sex, birth_month, expected_birth_month, ethnicity, disabled, locality
OFFICIAL_CHILDREN = [
    ("C1", "M", "2016-07-01", None, "WBRI", "false", None),     # line 24; CSV says F
    ("C2", "F", "2019-01-01", None, None, "true", None),         # line 60; CSV adds ethnicity
    ("C3", "U", None, "2025-05-01", "NOBT", None, None),         # line 90; only here
]
OFFICIAL_PLACES = ["line 24", "line 60", "line 90"]
CSV_CHILDREN = (
    "child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality\n"
    "C1,F,2016-07-01,,WBRI,false,North\n"     # line 2: sex differs, adds locality
    "C2,F,2019-01-01,,MWBC,,South\n"          # line 3: adds ethnicity and locality
    "C4,M,2018-03-01,,WBRI,false,East\n"      # line 4: early-help-only child
)
EARLY_HELP = ("episode_id,child_id,start_date,end_date,factors,end_reason,organisation\n"
              "E1,C4,2022-09-01,2023-02-10,16A,stepped_up,school\n")


def _frame(rows: list[tuple], places: list[str], source: str) -> pl.DataFrame:
    data = {c: [r[i] for r in rows] for i, c in enumerate(CHILD_COLUMNS)}
    data |= {"_source": [source] * len(rows), "_place": places}
    return pl.DataFrame(data, schema={c: pl.String for c in data})


@pytest.fixture()
def fake_format(monkeypatch):
    """`*.fake` files are an official format whose children are given by `CONTENT[name]`."""
    content: dict[str, list[tuple]] = {}

    def read(path: Path):
        rows = content[path.name]
        places = OFFICIAL_PLACES[:len(rows)]
        return {"children": _frame(rows, places, path.name)}, []

    fake = official.OfficialFormat(
        "test census", lambda path, head: (path.suffix == ".fake", path.suffix == ".fake"),
        lambda path: True, read, ValueError, "in file order")
    monkeypatch.setattr(official, "FORMATS", (fake,))
    return content


def _delivery(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_a_child_in_both_sources_is_one_row_with_each_source_filling_gaps(tmp_path,
                                                                          fake_format):
    fake_format["census.fake"] = OFFICIAL_CHILDREN
    folder = _delivery(tmp_path / "d", {"census.fake": "", "children.csv": CSV_CHILDREN,
                                        "early_help.csv": EARLY_HELP})
    conn = duckdb.connect()
    staged = stage(conn, folder)
    rows = conn.execute(
        "select child_id, sex, ethnicity, disabled, locality, _source, _place, _line "
        "from raw_children order by _line").fetchall()
    assert rows == [
        # the official sex is kept; the CSV adds the locality; the line is the CSV's
        ("C1", "M", "WBRI", "false", "North", "census.fake", "line 24 (also children.csv line 2)",
         2),
        # ethnicity only from the CSV; disabled only from the official file
        ("C2", "F", "MWBC", "true", "South", "census.fake", "line 60 (also children.csv line 3)",
         3),
        ("C4", "M", "WBRI", "false", "East", "children.csv", "line 4", 4),  # CSV only
        ("C3", "U", "NOBT", None, None, "census.fake", "line 90", 7),  # official only: after
    ]
    assert staged.reads["children"].rows == 4
    assert staged.reads["children"].file_name == "children.csv"
    assert conn.execute("select count(*) from stg_children").fetchall() == [(4,)]
    conflicts = [f for f in staged.findings if f.rule_id == "merge.conflicting_value"]
    assert [(f.severity, f.file, f.line, f.column, f.source, f.place, f.child_id)
            for f in conflicts] == [
        ("query", "children.csv", 2, "sex", "census.fake", "line 24", "C1")]
    assert conflicts[0].message == (
        "children.csv, column 'sex': children.csv line 2 says F, census.fake line 24 says M; "
        "the official file's value is kept.")
    assert not [f for f in staged.findings if f.severity == "blocking"
                and f.rule_id != "delivery.missing_file"]  # no referrals etc. in this test
    assert [s.text for s in staged.files] == [
        "census.fake: test census, 3 children → children.csv (3)",
        "children.csv: canonical CSV, 3 rows",
        "early_help.csv: canonical CSV, 1 row",
    ]
    assert not conn.execute("select table_name from duckdb_tables() "
                            "where table_name like '%__part%' or table_name like '%__rows'"
                            ).fetchall()  # the parts are dropped


def test_values_that_could_identify_are_never_quoted(tmp_path, fake_format):
    fake_format["census.fake"] = [("C1", "M", "2016-07-01", None, "WBRI", "false", "North")]
    folder = _delivery(tmp_path / "d", {"census.fake": "", "children.csv": (
        "child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality\n"
        "C1,M,2016-07-19,,WBRI,false,CB1 2AB\n")})  # a full date of birth; a postcode
    staged = stage(duckdb.connect(), folder)
    messages = {f.column: f.message for f in staged.findings
                if f.rule_id == "merge.conflicting_value"}
    assert set(messages) == {"birth_month", "locality"}
    for message in messages.values():
        assert "2016-07-19" not in message and "CB1" not in message
        assert "give different values" in message


def test_duplicates_within_a_source_and_empty_keys_are_never_merged_away(tmp_path, fake_format):
    fake_format["census.fake"] = [("C1", "M", "2016-07-01", None, "WBRI", "false", None)]
    folder = _delivery(tmp_path / "d", {"census.fake": "", "children.csv": (
        "child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality\n"
        "C1,M,2016-07-01,,WBRI,false,North\n"   # line 2: merged with the official C1
        "C1,M,2016-07-01,,WBRI,false,South\n"   # line 3: a duplicate the rules must still see
        ",F,2012-01-01,,WBRI,false,East\n"      # line 4: no id: kept as it is
        ",F,2013-01-01,,WBRI,false,West\n")})   # line 5: likewise
    conn = duckdb.connect()
    stage(conn, folder)
    assert conn.execute("select child_id, locality, _line from raw_children order by _line"
                        ).fetchall() == [
        ("C1", "North", 2), ("C1", "South", 3), (None, "East", 4), (None, "West", 5)]


def test_two_official_files_merge_in_name_order(tmp_path, fake_format):
    fake_format["a.fake"] = [("C1", "M", "2016-07-01", None, "WBRI", None, None)]
    fake_format["b.fake"] = [("C1", "F", "2016-07-01", None, "WBRI", "true", None),
                             ("C2", "F", "2019-01-01", None, "WBRI", "false", None)]
    folder = _delivery(tmp_path / "d", {"a.fake": "", "b.fake": ""})
    conn = duckdb.connect()
    staged = stage(conn, folder)
    assert conn.execute("select child_id, sex, disabled, _source, _line from raw_children "
                        "order by _line").fetchall() == [
        ("C1", "M", "true", "a.fake", 2),  # a.fake first: its sex; b.fake fills disabled
        ("C2", "F", "false", "b.fake", 4),  # b.fake's rows are numbered after a.fake's
    ]
    conflict = next(f for f in staged.findings if f.rule_id == "merge.conflicting_value")
    assert conflict.message == ("children.csv, column 'sex': b.fake line 24 says F, a.fake "
                                "line 24 says M; the official file's value is kept.")
