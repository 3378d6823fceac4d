"""One value of an official file read into canonical text (pipelines/read/cells.py)."""

from datetime import date

import pytest

from neglect_insight.pipelines.read import cells


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-31", date(2024, 3, 31)),
    ("2024-03-31 00:00:00", date(2024, 3, 31)),  # a workbook date read as text
    ("31/03/2024", date(2024, 3, 31)),
    ("45382", date(2024, 3, 31)),  # Excel day 45382 = 1899-12-30 + 45382 days
    ("2024-02-30", None),  # not a day of the calendar
    ("March 2024", None),
    (None, None),
])
def test_parse_date(text, expected):
    assert cells.parse_date(text) == expected


def test_census_dates_keep_their_date_part_or_stay_as_given():
    assert cells.iso_date("2024-03-31+01:00") == "2024-03-31"  # time zone dropped
    assert cells.iso_date("31/03/2024") == "31/03/2024"  # for the date rules to report
    assert cells.iso_first_of_month("2016-07-15") == ("2016-07-01", True)
    assert cells.iso_first_of_month("2016-13-15") == (None, False)
    assert cells.iso_first_of_month(None) == (None, True)


def test_sex_codes_and_true_false():
    assert [cells.sex_code(c) for c in ("1", "2", "0", "9", "M", None)] == [
        "M", "F", "U", "U", "M", None]
    assert [cells.true_false(t) for t in ("TRUE", "0", "yes", None)] == [
        "true", "false", "yes", None]


def test_clean_and_normalised():
    assert (cells.clean("  C01 "), cells.clean("   "), cells.clean(None)) == ("C01", None, None)
    assert cells.normalised("Referral NFA?") == "referral nfa"
