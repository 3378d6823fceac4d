"""The `report` command: the quarterly board pack, one offline HTML file, disclosure-controlled
(interface.md; indicators.md, "Disclosure control"). Built on the hand-worked prevalence
fixture: 12 months ending 31 March 2025, neglect total 6 = CP 3 + CIN 2 + EH 1."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.load.database import switch_current
from tests.helpers import build_load
from tests.sql.indicators.test_prevalence import FILES

RUN_ID = "run-20250331-board"


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("report")
    conn = build_load(tmp, FILES)
    conn.execute("update load_info set run_id = ?", [RUN_ID])
    conn.close()
    db = tmp / "neglect.duckdb"
    switch_current(db, tmp / "load.duckdb")
    out_file = tmp / "pack" / "board.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--period-end", "2025-03-31",
                                      "--out", str(out_file)])
    assert result.exit_code == 0, result.output
    assert out_file.exists()
    return out_file.read_text(encoding="utf-8")


def _row(html: str, indicator_id: str) -> list[str]:
    row = re.search(rf'<tr data-indicator="{indicator_id}">(.*?)</tr>', html).group(1)
    return re.findall(r'<td class="num">(.*?)</td>', row)


def test_heading_names_the_quarter_period_and_load(pack):
    assert "Neglect Insight — board pack, Q4 2024-25" in pack
    assert "1 April 2024 to 31 March 2025" in pack
    assert RUN_ID in pack
    assert "extract of 31 March 2025" in pack


def test_counts_from_1_to_5_are_shown_as_c(pack):
    # now, previous quarter, same quarter last year
    assert _row(pack, "neglect_children_total")[0] == "6"
    assert _row(pack, "neglect_children_eh")[0] == "c"  # 1 child
    assert _row(pack, "neglect_children_cin")[0] == "c"  # 2
    assert _row(pack, "neglect_children_cp")[0] == "c"  # 3
    assert _row(pack, "cp_neglect_share_open")[0] == "c"  # 1 / 4: numerator suppressed
    assert _row(pack, "neglect_rate_per_10k")[0] == "2.0 per 10,000 children"  # 6 / 30,000
    assert "Counts from 1 to 5 are shown as c" in pack
    assert "Neglect at early help (now, 31 March 2025)" in pack  # listed as suppressed


def test_every_catalogue_indicator_and_the_chart_are_there(pack):
    from neglect_insight.pipelines.indicators.catalogue import catalogue

    for i, indicator in catalogue().items():
        assert f'data-indicator="{i}"' in pack or indicator.family in ("attendance",
                                                                       "early_years")
        assert indicator.short_label.replace("&", "&amp;") in pack  # definitions appendix
    assert "<svg" in pack and "Q4 2024-25" in pack
    # the same sentence as the dashboard's (pipelines.present.states.not_supplied)
    assert ("Not supplied: this load has no attendance.csv, so school attendance cannot be "
            "shown.") in pack


def test_the_pack_loads_nothing_from_elsewhere(pack):
    assert "http://" not in pack and "https://" not in pack
    assert "<script src" not in pack and "<link" not in pack and "@import" not in pack


def test_no_load_is_a_plain_message_and_exit_1(tmp_path):
    out_file = tmp_path / "board.html"
    result = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "none.duckdb"),
                                      "--period-end", "2025-03-31", "--out", str(out_file)])
    assert result.exit_code == 1
    assert "No data has been loaded" in result.output
    assert "Traceback" not in result.output
    assert not Path(out_file).exists()
