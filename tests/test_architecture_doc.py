"""docs/architecture.md stays true: every file or folder path it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "architecture.md"
PATH = re.compile(r"`([\w./<>-]+)`")
TOP = ("pipelines/", "dashboard/", "sql/", "data_contracts/", "tests/", "docs/")


def named_paths(text: str) -> list[str]:
    """Paths in backticks under a top-level folder; templates such as `<family>.sql` are not
    paths of their own and are left out."""
    return sorted({m for m in PATH.findall(text) if m.startswith(TOP) and "<" not in m})


def test_the_map_names_real_paths():
    paths = named_paths(DOC.read_text())
    assert len(paths) > 30  # the map names the modules, not only the folders
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


def test_a_module_named_without_its_folder_is_still_checked():
    """Names such as `engine.py` inside a folder's paragraph are resolved against the folder the
    paragraph is about; here, that every such name exists somewhere in the product."""
    text = DOC.read_text()
    bare = {m for m in PATH.findall(text) if re.fullmatch(r"[\w]+\.(py|sql|yml|json|toml)", m)}
    product = {p.name for folder in ("pipelines", "dashboard", "sql", "data_contracts")
               for p in (ROOT / folder).rglob("*") if p.is_file()}
    assert not bare - product, f"not found anywhere: {sorted(bare - product)}"
