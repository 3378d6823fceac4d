"""A new indicator family is added in one place: its SQL and its catalogue entry.

The product's folders are copied to a temporary `neglect_insight` package; the copy gets
`sql/indicators/toy_referrals.sql` and a `toy_referrals` family with one indicator in
`sql/indicators/catalogue.yml`, and nothing else is edited. Run from the copy (it comes first on
PYTHONPATH), the `indicators` command, the board pack and the dashboard's Methodology page all
show the new family.

Hand-worked answer on tests/fixtures/valid_delivery, 12 months to 31 March 2025
(1 April 2024 to 31 March 2025), referrals whose date falls in the period:
    R001 2023-12-01 out, R002 2024-06-10 in, R003 2024-03-05 out, R004 2024-10-01 in,
    R005 2024-12-02 in, R006 2024-07-01 in  →  4 referrals.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]
DELIVERY = ROOT / "tests" / "fixtures" / "valid_delivery"
FOLDERS = ("pipelines", "dashboard", "sql", "data_contracts")

TOY_SQL = """\
-- Toy family for tests: referrals received in the period, one row per referral.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),
final as (
    select
        'toy_referrals_received' as indicator_id,
        referrals.child_id,
        referrals.referral_id as record_id,
        1 as numerator,
        null::integer as denominator
    from stg_referrals as referrals, period
    where referrals.referral_date between period.period_start and period.period_end
)
select * from final
"""

TOY_FAMILY = """\
  toy_referrals:
    name: Toy referrals family
    purpose: A family that exists only in this test.
    sources: referrals.csv (referral_date)
    caveats:
      - Made up for a test.
"""

TOY_INDICATOR = """
  toy_referrals_received:
    family: toy_referrals
    label: Toy referrals received in the period
    short_label: Toy referrals
    unit: count
    better: neither
    definition: Referrals whose referral date falls in the period.
"""

METHODOLOGY_PAGE = """\
import sys
from streamlit.testing.v1 import AppTest

app = sys.argv[1]
at = AppTest.from_file(app, default_timeout=120)
at.run()
at.switch_page("pages/methodology.py").run()
assert not at.exception, [e.value for e in at.exception]
for element in (*at.header, *at.subheader, *at.markdown):
    print(element.value)
"""


def _add_toy_family(package: Path) -> None:
    indicators = package / "sql" / "indicators"
    (indicators / "toy_referrals.sql").write_text(TOY_SQL)
    catalogue = (indicators / "catalogue.yml").read_text()
    assert "\nscorecard:" in catalogue and catalogue.rstrip().endswith(".")
    catalogue = catalogue.replace("\nscorecard:", TOY_FAMILY + "\nscorecard:", 1)
    (indicators / "catalogue.yml").write_text(catalogue.rstrip("\n") + "\n" + TOY_INDICATOR)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> tuple[Path, dict[str, str], Path]:
    """(the copied package, an environment that imports it first, a load built by it)."""
    work = tmp_path_factory.mktemp("toy_family")
    package = work / "site" / "neglect_insight"
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, package / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    _add_toy_family(package)
    env = dict(os.environ, PYTHONPATH=str(work / "site"), GX_ANALYTICS_ENABLED="False")
    db = work / "neglect.duckdb"
    _cli(env, work, "ingest", str(DELIVERY), "--db", str(db), "--extract-date", "2025-03-31")
    return package, env, db


def _cli(env: dict[str, str], cwd: Path, *args: str) -> str:
    code = "from neglect_insight.pipelines.cli import app; app(prog_name='neglect-insight')"
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_copy_is_what_runs(copy):
    package, env, _ = copy
    where = subprocess.run(
        [sys.executable, "-c", "import neglect_insight.pipelines.cli as m; print(m.__file__)"],
        env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(package)


def test_the_indicators_command_computes_it(copy):
    _, env, db = copy
    out = _cli(env, db.parent, "indicators", "--db", str(db), "--period-end", "2025-03-31",
               "--format", "json")
    toy = json.loads(out)["indicators"]["toy_referrals_received"]
    assert toy == {"numerator": 4, "denominator": None, "value": 4}  # worked above


def test_the_board_pack_has_a_section_for_it(copy):
    _, env, db = copy
    pack = db.parent / "pack.html"
    _cli(env, db.parent, "report", "--db", str(db), "--period-end", "2025-03-31",
         "--out", str(pack))
    html = pack.read_text()
    assert "Toy referrals family" in html
    assert "Toy referrals received in the period" in html
    assert "Referrals whose referral date falls in the period." in html


def test_the_methodology_page_defines_it(copy):
    package, env, db = copy
    env = dict(env, NEGLECT_INSIGHT_DB=str(db))
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(METHODOLOGY_PAGE),
         str(package / "dashboard" / "app.py")],
        cwd=db.parent, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    shown = result.stdout.splitlines()
    assert "Toy referrals family" in shown  # the family's heading
    assert "Toy referrals received in the period" in shown  # the indicator's heading
    assert "Referrals whose referral date falls in the period." in result.stdout
