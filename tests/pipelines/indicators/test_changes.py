"""What changed since the previous load (pipelines/indicators/changes.py, printed by `ingest`).

Two loads of tests/fixtures/valid_delivery (extract date 2025-03-31). The second moves one
referral date, R003 (C003's nfa referral) from 2024-03-05 to 2023-12-20, and adds one child,
C006, with no events. Worked by hand (indicators.md, "Referrals"), over the 12 months to each
quarter end both loads cover (2023-06-30 ... 2025-03-31):

- `referrals` (referral_date in the period, nfa included): to 2023-12-31 R001 only → R001 and
  R003: 1 → 2; to 2024-12-31 R002, R003, R004, R005, R006 → without R003: 5 → 4. Every other
  period holds R003 in both loads (to 2024-03-31, 06-30, 09-30: both dates fall in them) or in
  neither (to 2023-06-30, 2023-09-30, 2025-03-31).
- `rereferral_12m` (of those, referrals of a child with another referral in the 12 months
  before): only R004 (2024-10-01, C003) is one, with R003 either date. To 2024-12-31: 1 of 5 =
  20.0% → 1 of 4 = 25.0%. To 2025-03-31 R004 is 1 of 4 in both loads.
- the neglect re-referral rate does not move: R003 is nfa, never a CIN neglect episode.
- C006 has no events, so no indicator counts it; children new 1, gone 0.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators.catalogue import families
from neglect_insight.pipelines.indicators.changes import changes_path, compare_loads
from neglect_insight.pipelines.load.database import loads_dir

FIXTURE = Path(__file__).parents[2] / "fixtures" / "valid_delivery"
MOVED = [  # (indicator, quarter end, old, new), as worked out above
    ("referrals", "2023-12-31", 1, 2),
    ("referrals", "2024-12-31", 5, 4),
    ("rereferral_12m", "2024-12-31", 20.0, 25.0),
]


def two_loads(root: Path) -> tuple[Path, list[str]]:
    """Ingest the fixture, then the changed copy, with the CLI; (db, each run's output)."""
    first, second = root / "first", root / "second"
    for folder in (first, second):
        shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("*.md"))
    referrals = (second / "referrals.csv").read_text()
    assert "R003,C003,2024-03-05," in referrals
    (second / "referrals.csv").write_text(referrals.replace("R003,C003,2024-03-05,",
                                                            "R003,C003,2023-12-20,"))
    with (second / "children.csv").open("a") as children:
        children.write("C006,F,2018-05-01,,WBRI,false,South\n")
    db = root / "neglect.duckdb"
    outputs = []
    for folder in (first, second):
        result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db),
                                          "--extract-date", "2025-03-31"])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    return db, outputs


@pytest.fixture(scope="module")
def loads(tmp_path_factory) -> tuple[Path, list[str]]:
    return two_loads(tmp_path_factory.mktemp("changes"))


def moved(changes: dict) -> list[tuple]:
    return sorted((m["indicator_id"], m["period_end"], m["old"], m["new"])
                  for m in changes["moved"])


def test_the_comparison_names_exactly_the_moved_values(loads):
    db, _ = loads
    run_id = Path(db.resolve()).stem
    changes = json.loads(changes_path(db, run_id).read_text())
    assert moved(changes) == MOVED
    assert (changes["children_new"], changes["children_gone"]) == (1, 0)
    assert [(f["file"], f["old"], f["new"]) for f in changes["files"]
            if f["old"] != f["new"]] == [("children.csv", 5, 6)]
    assert changes["quarter_ends"][0] == "2023-06-30"
    assert changes["quarter_ends"][-1] == "2025-03-31"
    assert changes["months"] == 12
    assert "C006" not in json.dumps(changes)  # counts, never ids


def test_ingest_prints_a_short_summary(loads):
    _, (first, second) = loads
    assert "Changes since the previous load" not in first  # nothing to compare with
    assert "Children: 1 new, 0 gone" in second
    assert "Rows per file: children.csv 5 → 6" in second
    assert "Values that moved, 12 months to each of the 8 quarter ends both loads cover: 3" \
        in second
    assert "Referrals to children's social care, to 31 December 2023: 1 → 2" in second


def test_a_load_compared_with_itself_runs_no_family(loads):
    db, _ = loads
    load = sorted(loads_dir(db).glob("*.duckdb"))[-1]
    same = compare_loads(load, load)
    assert same.moved == [] and same.children_new == same.children_gone == 0
    assert same.families_unchanged == families()
    assert not any(f.old != f.new for f in same.files)
