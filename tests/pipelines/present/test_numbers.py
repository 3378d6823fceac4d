"""pipelines/present/numbers.py: values written by unit, the way the disclosure rules write our
own figures, so England's figure and a target read like ours."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_insight.pipelines.indicators import disclosure
from neglect_insight.pipelines.indicators.engine import IndicatorValue
from neglect_insight.pipelines.present.numbers import change, number, with_unit


@pytest.mark.parametrize(("value", "unit", "written"), [
    (632830.0, "count", "632,830"),
    (22.6, "percent", "22.6%"),
    (19.04, "percent", "19.0%"),
    (1234.56, "per_10k", "1,234.6"),
    (40.6, "per_10k", "40.6"),
])
def test_a_value_by_its_unit(value, unit, written):
    assert number(value, unit) == written


@given(st.integers(6, 10**7), st.integers(6, 10**7))
def test_written_as_the_disclosure_rules_write_ours(numerator, denominator):
    """The same rate, shown by disclosure control and written here, reads the same."""
    rate = round(numerator / denominator * 100, 1)
    for unit in ("percent", "per_10k"):
        shown = disclosure.suppress_value(IndicatorValue("x", numerator, denominator, rate),
                                          unit=unit)
        assert shown.value == number(rate, unit)
    count = disclosure.suppress_value(IndicatorValue("x", numerator, None, numerator),
                                      unit="count")
    assert count.value == number(numerator, "count")


def test_a_figure_standing_alone_says_its_unit():
    assert with_unit("2.0", "per_10k") == "2.0 per 10,000 children"
    assert with_unit("19.0%", "percent") == "19.0%"
    assert with_unit("c", "per_10k") == "c"  # suppressed: no unit after it
    assert with_unit("–", "per_10k") == "–"
    assert with_unit("", "count") == "–"


def test_changes_on_a_year_ago():
    assert change(87, "count") == "+87"
    assert change(-1234, "count") == "-1,234"
    assert change(1.26, "percent") == "+1.3 points"
    assert change(-0.5, "per_10k") == "-0.5"
