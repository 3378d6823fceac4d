"""Commentary kept beside the loads (issue 9, point 5): each save a new version, the newest read
per indicator and quarter, every version in order, still there after a new load and a rollback,
bad text refused in plain words, and one audit event per save naming the indicator, quarter and
version but never the text."""

from __future__ import annotations

import threading
import time
from contextlib import closing
from datetime import date

import pytest

from neglect_insight.pipelines import audit, commentary
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import current_load, store_dir, switch_current
from neglect_insight.pipelines.load.rollback import rollback
from tests.ingest_runs import EXTRACT_DATE, VALID, make_load

Q4 = date(2025, 3, 31)  # Q4 2024-25
Q3 = date(2024, 12, 31)  # Q3 2024-25


def test_an_edit_is_a_new_version_and_the_newest_is_read(tmp_path):
    first = commentary.write(tmp_path, "cpp_neglect_repeat", Q4, "  Up after two\nlarge sibling "
                             "groups.  ", "a.smith", "qa")
    other = commentary.write(tmp_path, "cpp_open_2y_plus", Q4, "Three plans reviewed.",
                             "a.smith", "qa")
    earlier_quarter = commentary.write(tmp_path, "cpp_neglect_repeat", Q3, "Steady.", "b.jones",
                                       "admin")
    edit = commentary.write(tmp_path, "cpp_neglect_repeat", Q4, "Up after two large sibling "
                            "groups; both reviewed.", "b.jones", "admin")

    # the text is kept stripped of spaces at either end; line breaks inside are kept
    assert (first.text, first.author, first.version) == (
        "Up after two\nlarge sibling groups.", "a.smith", 1)
    assert (edit.version, other.version, earlier_quarter.version) == (2, 1, 1)
    assert edit.written_at.tzinfo is not None and first.written_at <= edit.written_at

    newest = commentary.latest(tmp_path, Q4)
    assert newest == {"cpp_neglect_repeat": edit, "cpp_open_2y_plus": other}
    assert commentary.latest(tmp_path, Q4, ["cpp_open_2y_plus", "cpp_starts"]) == {
        "cpp_open_2y_plus": other}
    assert commentary.latest(tmp_path, Q3) == {"cpp_neglect_repeat": earlier_quarter}
    assert commentary.latest(tmp_path, date(2025, 6, 30)) == {}
    # every version, newest first; the first one is unchanged by the edit
    assert commentary.history(tmp_path, "cpp_neglect_repeat", Q4) == [edit, first]
    assert commentary.history(tmp_path, "cpp_starts", Q4) == []


def test_no_file_means_no_commentary_and_reading_never_creates_it(tmp_path):
    assert commentary.latest(tmp_path, Q4) == {}
    assert commentary.history(tmp_path, "cpp_starts", Q4) == []
    assert commentary.latest(tmp_path / "missing", Q4, ["cpp_starts"]) == {}
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("text", "words"), [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("x" * 2001, "at most 2,000"),
])
def test_text_that_cannot_be_saved_is_refused_in_plain_words(tmp_path, text, words):
    with pytest.raises(ValueError, match=words):
        commentary.write(tmp_path, "cpp_starts", Q4, text, "a.smith", "qa")
    assert commentary.history(tmp_path, "cpp_starts", Q4) == []
    assert audit.read(tmp_path) == []  # nothing saved, nothing recorded


def test_the_longest_text_and_only_quarter_ends(tmp_path):
    longest = "x" * 2000  # 2,000 characters once the surrounding spaces are stripped
    assert commentary.write(tmp_path, "cpp_starts", Q4, f"  {longest}\n", "a.smith").text \
        == longest
    for not_a_quarter_end in (date(2025, 3, 30), date(2025, 4, 30)):
        with pytest.raises(ValueError, match="last day of March, June, September or December"):
            commentary.write(tmp_path, "cpp_starts", not_a_quarter_end, "Text.", "a.smith")
    with pytest.raises(ValueError, match="author"):
        commentary.write(tmp_path, "cpp_starts", Q4, "Text.", "  ")
    assert len(commentary.history(tmp_path, "cpp_starts", Q4)) == 1


def test_each_save_records_an_audit_event_without_its_text(tmp_path):
    secret_words = "Sibling group at Elm Street discussed"
    commentary.write(tmp_path, "cpp_neglect_repeat", Q4, secret_words, "a.smith", "qa")
    commentary.write(tmp_path, "cpp_neglect_repeat", Q4, secret_words + " again.", "the.admin",
                     "admin")

    events = audit.read(tmp_path)
    assert [(e.action, e.user, e.role, e.details) for e in events] == [
        ("commentary_edited", "a.smith", "qa",
         {"indicator": "cpp_neglect_repeat", "period_end": "2025-03-31", "version": 1}),
        ("commentary_edited", "the.admin", "admin",
         {"indicator": "cpp_neglect_repeat", "period_end": "2025-03-31", "version": 2}),
    ]
    assert "Elm Street" not in audit.log_path(tmp_path).read_text()


def test_no_version_is_kept_when_the_audit_log_cannot_be_written(tmp_path):
    audit.log_path(tmp_path).mkdir()  # a folder where the log should be: it cannot be appended
    with pytest.raises(OSError):
        commentary.write(tmp_path, "cpp_starts", Q4, "Text.", "a.smith", "qa")
    assert commentary.history(tmp_path, "cpp_starts", Q4) == []


def test_commentary_outlives_a_new_load_and_a_rollback(tmp_path):
    db = tmp_path / "neglect.duckdb"
    switch_current(db, make_load(db, "run1", 1))
    store = store_dir(db)
    saved = commentary.write(store, "cpp_neglect_repeat", Q4, "Written on the first load.",
                             "a.smith", "qa")
    assert commentary.store_path(store).parent == store  # beside the loads folder, not in it
    assert not commentary.store_path(store).is_relative_to(current_load(db).parent)

    outcome = ingest_delivery(VALID, db, EXTRACT_DATE)  # a second delivery becomes current
    assert outcome.run.outcome == "loaded"
    assert current_load(db).stem == outcome.run.run_id
    assert commentary.latest(store, Q4) == {"cpp_neglect_repeat": saved}

    rollback(db, "run1", user="the.admin")
    assert current_load(db).stem == "run1"
    assert commentary.history(store, "cpp_neglect_repeat", Q4) == [saved]


def test_a_save_waits_for_another_process_s_save_and_readers_are_not_blocked(tmp_path):
    """One connection holds the write lock (another process mid-save); a reader still reads,
    and a second save waits for the lock (busy timeout), then takes the next version."""
    commentary.write(tmp_path, "cpp_starts", Q4, "First.", "a.smith", "qa")
    results: list = []
    with closing(commentary._connect(commentary.store_path(tmp_path), must_exist=True)) as held:
        held.execute("begin immediate")
        assert commentary.latest(tmp_path, Q4)["cpp_starts"].text == "First."
        writer = threading.Thread(target=lambda: results.append(commentary.write(
            tmp_path, "cpp_starts", Q4, "Second.", "b.jones", "qa")))
        writer.start()
        time.sleep(0.5)
        assert results == []  # still waiting for the lock
        held.execute("commit")
    writer.join(timeout=commentary.BUSY_SECONDS)
    assert [(c.version, c.text) for c in results] == [(2, "Second.")]
    assert [c.version for c in commentary.history(tmp_path, "cpp_starts", Q4)] == [2, 1]
