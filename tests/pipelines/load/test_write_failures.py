"""A disk that fills up or a folder that cannot be written gives a clear message and exit 1,
and the old load stays current with nothing left behind (issue 10, point 6).

The real cases mount a small tmpfs (skipped where mounting is not permitted); the same
failures are also forced with a patched write so they are checked everywhere."""

from __future__ import annotations

import errno
import shutil
import subprocess

import duckdb
import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines import audit, ingest
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.load import commit
from neglect_insight.pipelines.load.database import store_dir
from tests.ingest_runs import EXTRACT_DATE, assert_one_complete_load, copy_store, references


def _ingest(db, delivery):
    result = CliRunner().invoke(app, ["ingest", str(delivery), "--db", str(db),
                                      "--extract-date", EXTRACT_DATE.isoformat()])
    return result.exit_code, " ".join(result.output.split())


def _assert_old_load_untouched(db, refs):
    assert assert_one_complete_load(db, refs) == refs.old_id
    assert sorted(p.name for p in store_dir(db).iterdir()) == [
        "audit.log", "ingest.lock", "loads", "runs"]  # the log holds the old load's event only
    assert [e.action for e in audit.read(store_dir(db))] == ["load"]
    assert [p.stem for p in (store_dir(db) / "loads").iterdir()] == [refs.old_id]
    assert [p.name for p in (store_dir(db) / "runs").iterdir()] == [refs.old_id]


@pytest.fixture
def small_disk(tmp_path):
    """A 40 MB tmpfs: room for the old load (12 MB) and a copy, not much more."""
    mount = tmp_path / "disk"
    mount.mkdir()
    tried = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)],
                           capture_output=True, text=True)
    if tried.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here ({tried.stderr.strip()})")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_leaves_the_old_load_current(small_disk):
    refs = references()
    db = copy_store(refs, small_disk / "store")
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * (free - 1_000_000))  # leave 1 MB
    code, output = _ingest(db, refs.new_delivery)
    assert code == 1
    assert f"the disk holding {store_dir(db)} is full. Free some space" in output
    assert "the previous load stays current" in output
    _assert_old_load_untouched(db, refs)


def test_a_read_only_folder_leaves_the_old_load_current(small_disk):
    refs = references()
    db = copy_store(refs, small_disk / "store")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, output = _ingest(db, refs.new_delivery)
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert code == 1
    assert "cannot be written to (the folder is read-only" in output
    assert "the previous load stays current" in output
    _assert_old_load_untouched(db, refs)


def test_disk_full_while_building_is_explained(tmp_path, monkeypatch):
    refs = references()
    db = copy_store(refs, tmp_path)

    def full(_conn):
        raise duckdb.IOException('IO Error: Could not write file "load.duckdb": No space left '
                                 "on device")

    monkeypatch.setattr(ingest, "build_models", full)
    code, output = _ingest(db, refs.new_delivery)
    assert code == 1
    assert (f"The load could not be written: the disk holding {store_dir(db)} is full."
            in output)
    _assert_old_load_untouched(db, refs)


def test_a_read_only_runs_folder_at_the_switch_is_explained_and_undone(tmp_path, monkeypatch):
    refs = references()
    db = copy_store(refs, tmp_path)

    def read_only(db_path, record, _findings):
        raise OSError(errno.EROFS, "Read-only file system", str(db_path))

    monkeypatch.setattr(commit, "write_run", read_only)
    code, output = _ingest(db, refs.new_delivery)
    assert code == 1
    assert "cannot be written to (the folder is read-only or belongs to someone else)" in output
    _assert_old_load_untouched(db, refs)
