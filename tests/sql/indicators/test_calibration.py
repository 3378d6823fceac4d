"""Calibration at `la` scale: the indicator engine, run on a synthetic local authority, lands
near England's published figures (reference.md). Bands are generous: one LA of ~60,000
children is a small sample. The national comparison is `neglect-insight bench --scale national`.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import compute
from neglect_insight.pipelines.synth import write_delivery
from tests.helpers import load_delivery

PERIOD_END = date(2025, 3, 31)

# indicator id: (low, high) around England's figure (in brackets)
BANDS = {
    "rereferral_12m": (17.0, 28.0),  # 22.6%
    "cpp_second_or_subsequent": (17.0, 32.0),  # 24.5%
    "cp_neglect_share_open": (38.0, 62.0),  # ~50%
    "cp_rate_per_10k": (28.0, 55.0),  # 40.6 per 10,000
    "cpp_ended_within_3m": (8.0, 24.0),  # 15.9%
    "cpp_open_2y_plus": (0.5, 6.0),  # 2.3%
    "attendance_absence_rate_cp": (14.0, 30.0),  # 21.8% (CP plan at 31 March)
    "attendance_persistent_cp": (35.0, 70.0),  # 55.4%
    "attendance_absence_rate_cin": (12.0, 24.0),  # 17.4%
    "fras_2yo_takeup": (55.0, 75.0),  # 65%
}


@pytest.fixture(scope="module")
def la_values(tmp_path_factory):
    folder = tmp_path_factory.mktemp("la")
    write_delivery(folder / "delivery", scale="la", seed=7, end=PERIOD_END)
    with load_delivery(folder / "delivery", folder / "la.duckdb", PERIOD_END) as conn:
        yield compute(conn, PERIOD_END)


@pytest.mark.parametrize("indicator_id", list(BANDS))
def test_la_lands_near_england(la_values, indicator_id):
    low, high = BANDS[indicator_id]
    assert low <= la_values[indicator_id].value <= high


def test_neglect_is_seen_across_all_three_services(la_values):
    # Neglect is identified at every level, and the split adds up to the total.
    levels = [la_values[f"neglect_children_{level}"].numerator for level in ("eh", "cin", "cp")]
    assert all(n > 0 for n in levels)
    assert sum(levels) == la_values["neglect_children_total"].numerator
