"""Shared synthetic deliveries: generated once per test session (each takes about a second)."""

from datetime import date
from pathlib import Path

import pytest
from synth_figures import END

from neglect_insight.pipelines.synth import write_delivery


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The default small delivery (seed 1, ending 31 March 2025) and its row counts."""
    out = tmp_path_factory.mktemp("synth_small")
    return out, write_delivery(out, "small", 1, END, 5)


@pytest.fixture(scope="session")
def mid_month(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, date]:
    """A small delivery ending mid-month and mid-term, two years of data, another seed."""
    out = tmp_path_factory.mktemp("synth_mid_month")
    end = date(2024, 12, 15)
    write_delivery(out, "small", 3, end, 2)
    return out, end


@pytest.fixture(scope="session")
def la(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An LA-scale delivery (60,000 children aged 0-17) for the calibration bands."""
    out = tmp_path_factory.mktemp("synth_la")
    write_delivery(out, "la", 2, END, 5)
    return out
