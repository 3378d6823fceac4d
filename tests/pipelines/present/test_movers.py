"""pipelines/present/movers.py: the measures that moved most since the last quarter and since a
year ago, ranked by relative change, one sentence each. Hand-made lines; the expected order is
worked out below."""

from __future__ import annotations

import pytest

from neglect_insight.pipelines.present.cells import NOT_SUPPLIED_CELL, Cell
from neglect_insight.pipelines.present.movers import (
    Line,
    moves,
    nothing_moved,
    sentence,
    what_moved,
)


def c(value: str, number: float | None) -> Cell:
    return Cell(value, "", "", number)


HIDDEN = c("c", None)

# (now, previous quarter, a year ago). Relative change = |now - before| / before.
#                                       since the last quarter    since a year ago
LINES = [
    # per 10,000, neither better  0.5/19.5 = 2.6%: below 5%     4/16 = 25%
    Line("neglect_rate_per_10k", c("20.0", 20.0), c("19.5", 19.5), c("16.0", 16.0)),
    # count, neither better        previous hidden: skipped     2/10 = 20%
    Line("neglect_children_cp", c("8", 8), HIDDEN, c("10", 10)),
    # percent, lower is better     2/20 = 10%                   0.04 points: below 1.0
    Line("cpp_neglect_repeat", c("22.0%", 22.0), c("20.0%", 20.0), c("22.0%", 21.96)),
    # percent, lower is better     3/12 = 25%                   5/10 = 50%
    Line("cpp_ended_within_3m", c("15.0%", 15.0), c("12.0%", 12.0), c("10.0%", 10.0)),
    # percent, lower is better     from 0: first                the same: skipped
    Line("cpp_open_2y_plus", c("3.0%", 3.0), c("0.0%", 0.0), c("3.0%", 3.0)),
    # percent, lower is better     2.2/24.2 = 9.1%              4.1/26.1 = 15.7%
    Line("rereferral_12m_neglect", c("22.0%", 22.0), c("24.2%", 24.2), c("26.1%", 26.1)),
    # percent, lower is better     2/20 = 10% (tie)             2/20 = 10%
    Line("attendance_absence_rate_eh", c("18.0%", 18.0), c("20.0%", 20.0), c("20.0%", 20.0)),
    # percent, higher is better    6/60 = 10% (tie)             not supplied: skipped
    Line("fras_2yo_takeup", c("66.0%", 66.0), c("60.0%", 60.0), NOT_SUPPLIED_CELL),
]
# Since the last quarter: cpp_open_2y_plus (from 0), cpp_ended_within_3m (25%), then three at
# 10%: cpp_neglect_repeat, attendance_absence_rate_eh, fras_2yo_takeup in catalogue order.
# Since a year ago: cpp_ended_within_3m (50%), neglect_rate_per_10k (25%), neglect_children_cp
# (20%), rereferral_12m_neglect (15.7%), attendance_absence_rate_eh (10%).


def test_the_biggest_moves_since_the_last_quarter():
    assert [m.indicator_id for m in moves(LINES, "quarter", limit=5)] == [
        "cpp_open_2y_plus", "cpp_ended_within_3m", "cpp_neglect_repeat",
        "attendance_absence_rate_eh", "fras_2yo_takeup"]
    assert [m.travel for m in moves(LINES, "quarter", limit=5)] == [
        "worse", "worse", "worse", "better", "better"]


def test_the_biggest_moves_since_a_year_ago():
    assert [m.indicator_id for m in moves(LINES, "year", limit=10)] == [
        "cpp_ended_within_3m", "neglect_rate_per_10k", "neglect_children_cp",
        "rereferral_12m_neglect", "attendance_absence_rate_eh"]


def test_one_plain_sentence_each():
    [quarter, year] = what_moved(LINES)
    assert quarter == ("Since the last quarter", [
        "Child protection plans open for 2 years or more rose from 0.0% to 3.0% since the last "
        "quarter: worse.",
        "Child protection plans ending within 3 months of starting rose from 12.0% to 15.0% "
        "since the last quarter: worse.",
        "Neglect child protection plans that are a second or subsequent plan rose from 20.0% to "
        "22.0% since the last quarter: worse."])
    assert year == ("Since a year ago", [
        "Child protection plans ending within 3 months of starting rose from 10.0% to 15.0% "
        "since a year ago: worse.",
        "Children with neglect identified per 10,000 children rose from 16.0 to 20.0 per "
        "10,000 children since a year ago.",  # neither way is better: no verdict
        "Children with neglect identified, highest level child protection fell from 10 to 8 "
        "since a year ago."])
    [better] = moves([LINES[5]], "year")
    assert sentence(better) == ("Re-referrals within 12 months where neglect is identified fell "
                                "from 26.1% to 22.0% since a year ago: better.")


def test_nothing_moved_says_so():
    steady = [Line("cpp_neglect_repeat", c("22.0%", 22.0), c("21.5%", 21.5), HIDDEN)]
    # 22.0% against 21.5%: 0.5 points, below the threshold; a year ago hidden: nothing to
    # compare with
    assert what_moved(steady) == [
        ("Since the last quarter", [nothing_moved("quarter")]),
        ("Since a year ago", ["There are no figures from a year ago to compare with."])]
    assert nothing_moved("year") == (
        "No measure rose or fell beyond the threshold since a year ago.")
    assert moves([], "year") == []
    with pytest.raises(ValueError, match="since must be one of"):
        moves(LINES, "month")
