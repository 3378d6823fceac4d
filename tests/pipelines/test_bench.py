"""The benchmark command runs end to end at small scale and reports every indicator beside
England's figure (timings are reported, never asserted: benchmarks are not timed tests)."""

import json

from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators.catalogue import catalogue


def test_bench_small_writes_every_step_and_indicator(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["bench", "--scale", "small", "--out", str(out)])
    assert result.exit_code == 0, result.output
    body = json.loads(out.read_text())
    assert [s["name"] for s in body["steps"]] == [
        "synth", "validate + load", "all indicators, 12 months", "all indicators, one quarter",
        "trend of 8 quarters, 3 indicators"]
    assert set(body["indicators"]) == set(catalogue())
    assert body["indicators"]["rereferral_12m"]["england"] == 22.6
    assert "Re-referrals within 12 months" in result.output
