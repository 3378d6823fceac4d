"""pipelines/present/states.py: one phrase per state, and the dashboard and the pack use those
phrases rather than words of their own."""

from __future__ import annotations

from pathlib import Path

from neglect_insight.pipelines.present import states

ROOT = Path(__file__).parents[3]


def test_each_state_has_its_own_phrase():
    phrases = [states.SUPPRESSED, states.NO_FIGURE, states.NOT_SUPPLIED, states.NOT_AVAILABLE,
               states.NO_TARGET, states.NOT_ASSESSED, states.NO_COMPARATOR]
    assert len(set(phrases)) == len(phrases)


def test_the_sentences_say_what_to_do():
    assert states.suppression_note(5).startswith("Counts from 1 to 5 are shown as c")
    assert states.not_supplied("attendance.csv", "school attendance") == (
        "Not supplied: this load has no attendance.csv, so school attendance cannot be shown. "
        "Send attendance.csv with the next delivery to see it here.")


def test_no_page_or_pack_spells_a_state_its_own_way():
    """The words once used for a figure without a status ("Not shown") and a family without
    figures are written only in the presentation layer now."""
    spelt = []
    for path in [*(ROOT / "dashboard").rglob("*.py"), ROOT / "pipelines" / "report.py"]:
        text = path.read_text()
        for phrase in ('"Not shown"', '"Not assessed"', '"No target"', '"Not available"',
                       '"No published England figure"'):
            if phrase in text:
                spelt.append(f"{path.relative_to(ROOT)}: {phrase}")
    assert spelt == []
