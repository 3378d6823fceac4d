"""Safe exports (issue 10, point 9): a CSV cell a spreadsheet would run as a formula is written
after a `'`; plain numbers, negative ones included, are left alone. Checked on the function, on
the rejects report and on the dashboard's CSV downloads."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_insight.dashboard.components.table_with_download import csv_bytes
from neglect_insight.pipelines.delivery_types import Finding
from neglect_insight.pipelines.safe_csv import FORMULA_STARTS, neutralise
from neglect_insight.pipelines.validate.rejects import write_rejects


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("-0.5", "-0.5"),          # a change in points: a number, not a formula
    ("-1,234", "-1,234"),
    ("+3", "+3"),
    ("-12.5%", "-12.5%"),
    ("-", "'-"),                # a lone dash is text
    ("Neglect", "Neglect"),
    ("", ""),
    (-0.5, -0.5),               # numbers are never touched
    (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").removesuffix("%"))
    except ValueError:
        return False
    return True


@given(st.tuples(st.sampled_from(("",) + FORMULA_STARTS), st.text()).map("".join))
def test_a_neutralised_cell_never_starts_a_formula(text):
    safe = neutralise(text)
    if safe == text:  # unchanged: a safe start, or a plain number
        assert not text.startswith(FORMULA_STARTS) or _is_number(text)
    else:
        assert safe == "'" + text and text.startswith(FORMULA_STARTS)


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers())
def test_numbers_written_as_text_stay_numbers(number):
    assert neutralise(str(number)) == str(number)


def test_the_rejects_report_neutralises_values(tmp_path):
    finding = Finding("children.sex", "blocking", "children.csv", 3, "sex", "=1+2",
                      "sex must be M, F or U")
    path = write_rejects([finding], tmp_path / "rejects.csv")
    row = next(csv.DictReader(path.open(encoding="utf-8")))
    assert row["value"] == "'=1+2" and row["line"] == "3"


def test_a_dashboard_download_neutralises_text_cells():
    table = pd.DataFrame({"Category": ["=cmd()", "Neglect"], "Change": ["-0.5", "+1.0"],
                          "Value": [-2.5, 3.0]})
    rows = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig"))))
    assert rows == [["Category", "Change", "Value"], ["'=cmd()", "-0.5", "-2.5"],
                    ["Neglect", "+1.0", "3.0"]]
