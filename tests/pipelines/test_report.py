"""The `report` command: the quarterly board pack, one offline HTML file (and a PDF with
--pdf), disclosure-controlled (interface.md; indicators.md, "Disclosure control"; issue 9,
point 6).

Built on the hand-worked prevalence fixture (12 months ending 31 March 2025, neglect total 6 =
CP 3 + CIN 2 + EH 1), with the shipped DfE files as its published layer, for a two-LA
partnership: Cambridgeshire (873) and Peterborough (874), named in a settings file the test
writes. The partnership's published figures are summed here from the seed CSV rows, read with
the csv module:
- re-referrals within 12 months, 2024-25 (c1, time_period 2025): Cambridgeshire 1,886 of 6,453
  referrals, Peterborough 761 of 3,850: 2,647 / 10,303 = 25.69...% -> 25.7%;
  England 22.6% (2024-25).
"""

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines import commentary
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators.catalogue import catalogue, families, family
from neglect_insight.pipelines.load.build import SEEDS_DIR, SQL_ROOT, build_seeds
from neglect_insight.pipelines.load.database import store_dir, switch_current
from neglect_insight.pipelines.pack import sections
from neglect_insight.pipelines.pack.pdf import chromium
from tests.helpers import build_load
from tests.sql.indicators.test_prevalence import FILES

RUN_ID = "run-20250331-board"
NAME = "Cambridgeshire and Peterborough Safeguarding Children Partnership"
ARTEFACTS = Path(__file__).parents[1] / "artefacts" / "pack"
COMMENT = "Re-referrals fell after the front door review; we expect them to settle at 22%."


def _settings(tmp: Path) -> Path:
    path = tmp / "neglect-insight.toml"
    path.write_text(f'[partnership]\nname = "{NAME}"\nla_codes = ["873", "874"]\n')
    return path


def _published_layer(conn) -> None:
    """The shipped DfE files and the published models, as ingest builds them."""
    build_seeds(conn)
    for stem in ("published_measures", "published_statistical_neighbours"):
        sql = (SQL_ROOT / "models" / f"{stem}.sql").read_text()
        conn.execute(f"create or replace table {stem} as\n{sql}")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """(db, the pack's HTML, the CLI result, the PDF path or None), with a partnership settings
    file and commentary written for the quarter."""
    tmp = tmp_path_factory.mktemp("report")
    conn = build_load(tmp, FILES)
    conn.execute("update load_info set run_id = ?", [RUN_ID])
    conn.execute("update load_info set loaded_at = timestamp '2026-11-30 09:15:00'")
    _published_layer(conn)
    conn.close()
    db = tmp / "neglect.duckdb"
    switch_current(db, tmp / "load.duckdb")
    commentary.write(store_dir(db), "rereferral_12m", date(2025, 3, 31), "First draft.",
                     "a.smith", "qa")
    commentary.write(store_dir(db), "rereferral_12m", date(2025, 3, 31), COMMENT, "a.smith",
                     "qa")
    out_file = tmp / "pack" / "board.html"
    pdf_file = tmp / "pack" / "board.pdf" if chromium() else None
    args = ["report", "--db", str(db), "--period-end", "2025-03-31", "--out", str(out_file)]
    if pdf_file:
        args += ["--pdf", str(pdf_file)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEGLECT_INSIGHT_CONFIG", str(_settings(tmp)))
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    html = out_file.read_text(encoding="utf-8")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)  # for the note (tests/artefacts is ignored)
    (ARTEFACTS / "board-pack.html").write_text(html, encoding="utf-8")
    if pdf_file:
        (ARTEFACTS / "board-pack.pdf").write_bytes(pdf_file.read_bytes())
    return db, html, result, pdf_file


@pytest.fixture(scope="module")
def pack(made) -> str:
    return made[1]


def _row(html: str, indicator_id: str) -> list[str]:
    row = re.search(rf'<tr data-indicator="{indicator_id}">(.*?)</tr>', html).group(1)
    return re.findall(r'<td class="num">(.*?)</td>', row)


def _section(html: str, family_id: str) -> str:
    return re.search(rf'<section class="family" id="family-{family_id}".*?</section>', html,
                     re.S).group(0)


def _seed_rows(file: str, codes: tuple[str, ...], time_period: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / file).open(encoding="utf-8-sig", newline="") as f:
        return [row for row in csv.DictReader(f)
                if row["old_la_code"] in codes and row["time_period"] == time_period]


def test_the_cover_names_the_partnership_quarter_and_load_in_words(pack):
    cover = pack.split("</header>")[0]
    assert f"<h1>{NAME}</h1>" in cover
    assert "Quarter ending 31 March 2025" in cover
    assert "Neglect Insight — board pack, Q4 2024-25" in cover
    assert "1 April 2024 to 31 March 2025" in cover
    assert "data extracted 31 March 2025, loaded 30 November 2026" in cover
    assert RUN_ID not in pack  # never the run id
    assert '<html lang="en-GB">' in pack
    assert f"{NAME} — board pack, Q4 2024-25" in pack  # the running head of each printed page


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


def test_the_summary_says_what_moved_and_counts_rag(pack):
    summary = re.search(r'<section class="summary".*?</section>', pack, re.S).group(0)
    assert "What moved: since the last quarter" in summary
    assert "What moved: since a year ago" in summary
    assert "Against targets" in summary
    assert "headline measures this quarter:" in summary


def test_one_section_per_family_in_catalogue_order(pack):
    found = re.findall(r'<section class="family" id="family-([a-z_]+)"', pack)
    assert found == families()
    for family_id in families():
        assert f"<h2 id=\"family-{family_id}-heading\">{family(family_id).name}</h2>" in pack


def test_a_family_shows_the_summed_published_figure_and_england_with_its_year(pack):
    rows = _seed_rows("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
                      ("873", "874"), "2025")
    assert len(rows) == 2
    summed = (sum(int(r["rereferral_count"]) for r in rows) * 100
              / sum(int(r["referral_count"]) for r in rows))
    assert f"{summed:.1f}" == "25.7"  # 2,647 / 10,303, worked in the docstring
    section = _section(pack, "rereferrals")
    row = re.search(r'<tr data-benchmark="rereferral_12m">(.*?)</tr>', section).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[0] == "25.7% (2024-25)"  # the partnership, summed from its two LAs
    assert cells[1] == "22.6% (2024-25)"  # England
    # the featured chart of the family reads against England with its year
    assert "England 22.6% (2024-25)" in section
    assert 'data-story="rereferral_12m"' in section


def test_a_measure_without_a_counterpart_says_so_and_borrows_no_line(pack):
    section = _section(pack, "rereferrals")
    story = re.search(r'<div class="story" data-story="rereferral_12m_neglect">.*?</div>',
                      section, re.S).group(0)
    assert "No published counterpart" in story
    chart = re.search(r"<svg role=\"img\".*?</svg>", story, re.S).group(0)
    assert "England" not in chart and "Neighbours" not in chart
    assert not catalogue()["rereferral_12m_neglect"].comparator


def test_every_chart_has_a_title_a_description_and_its_figures_as_a_table(pack):
    charts = re.findall(r"<svg role=\"img\".*?</svg>", pack, re.S)
    assert len(charts) >= len(families()) - 1  # attendance and early years are not supplied
    for chart in charts:
        assert "<title id=" in chart and "<desc id=" in chart and "aria-labelledby" in chart
    for story in re.findall(r'<div class="story".*?</div></div>', pack, re.S):
        assert "<table class=\"figures\">" in story


def test_commentary_written_for_the_quarter_is_printed_latest_version(pack):
    section = _section(pack, "rereferrals")
    assert COMMENT in section
    assert "First draft." not in pack
    assert "Commentary by a.smith" in section and "(version 2)" in section
    assert "No commentary was written for this quarter." in _section(pack, "drift")


def test_every_catalogue_indicator_is_there(pack):
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
    assert "<script" not in pack and "<link" not in pack and "@import" not in pack
    assert "url(" not in pack


def test_headings_are_in_order(pack):
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", pack)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_pdf_has_the_headline_numbers_and_one_section_per_family(made):
    _db, _html, result, pdf_file = made
    if pdf_file is None:
        pytest.skip("no Chromium to print with")
    pypdf = pytest.importorskip("pypdf")
    assert "PDF written to" in result.output
    pages = [page.extract_text() for page in pypdf.PdfReader(pdf_file).pages]
    text = "\n".join(pages)
    assert NAME in pages[0] and "Quarter ending 31 March 2025" in pages[0]
    assert "25.7% (2024-25)" in text and "22.6% (2024-25)" in text
    assert "2.0 per 10,000 children" in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    for family_id in families():  # each family starts a page of its own
        name = family(family_id).name
        starts = [p for p in pages if name in p.split("\n")[:4]]
        assert starts, f"no page starts with {name}"


def test_headline_is_the_familys_first_scorecard_measure():
    assert sections.headline_id("rereferrals") == "rereferral_12m_neglect"  # in the scorecard
    assert sections.headline_id("flows") == "eh_step_up"
    assert sections.featured_ids("rereferrals") == ["rereferral_12m_neglect", "rereferral_12m"]


@pytest.mark.parametrize("period_end", ["2025-06-30", "2025-02-28"])
def test_a_quarter_the_load_cannot_make_exits_2_naming_those_it_can(made, tmp_path,
                                                                    period_end):
    db = made[0]
    out_file = tmp_path / "board.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--period-end", period_end,
                                      "--out", str(out_file)])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "2024-12-31" in text and "2025-03-31" in text
    assert not out_file.exists()


def test_no_chromium_is_a_plain_message_and_the_html_is_still_written(made, tmp_path,
                                                                      monkeypatch):
    db = made[0]
    monkeypatch.setenv("NEGLECT_INSIGHT_CHROMIUM", str(tmp_path / "no-chromium"))
    out_file = tmp_path / "board.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--period-end", "2025-03-31",
                                      "--out", str(out_file), "--pdf",
                                      str(tmp_path / "board.pdf")])
    assert result.exit_code == 1
    assert "No Chromium was found" in result.output and "Traceback" not in result.output
    assert out_file.exists() and not (tmp_path / "board.pdf").exists()


def test_no_load_is_a_plain_message_and_exit_1(tmp_path):
    out_file = tmp_path / "board.html"
    result = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "none.duckdb"),
                                      "--period-end", "2025-03-31", "--out", str(out_file)])
    assert result.exit_code == 1
    assert "No data has been loaded" in result.output
    assert "Traceback" not in result.output
    assert not Path(out_file).exists()
