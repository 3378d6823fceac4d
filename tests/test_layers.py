"""Imports point down the data flow (docs/architecture.md, "Layers").

    foundation  ←  read, validate, synth  ←  load, ingest  ←  indicators (the engine)
                ←  present  ←  dashboard, report, cli, bench

A module may import its own layer and the layers below it, never one above. Every module of
the product must sit in a layer: a new top-level module fails here until it is given one. The
check reads each file's imports with `ast` (top-level and function-level alike), so a lazy
import inside a function cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
PACKAGE = "neglect_insight"

# Layers, lowest first. A module belongs to the layer of the longest prefix that names it.
LAYERS: dict[str, int] = {
    "sql": 0,
    "data_contracts": 0,
    "pipelines": 0,  # the package itself (its __init__)
    "pipelines.calendar": 0,
    "pipelines.settings": 0,
    "pipelines.delivery_types": 0,
    "pipelines.access": 0,
    "pipelines.lockout": 0,
    "pipelines.safe_csv": 0,
    "pipelines.audit": 0,
    "pipelines.commentary": 0,
    "pipelines.read": 1,
    "pipelines.validate": 1,
    "pipelines.synth": 1,
    "pipelines.delivery": 1,
    "pipelines.pseudonymise": 1,
    "pipelines.load": 2,
    "pipelines.ingest": 2,
    "pipelines.indicators": 3,
    "pipelines.present": 4,
    "pipelines.report": 5,
    "pipelines.pack": 5,
    "pipelines.cli": 5,
    "pipelines.bench": 5,
    "dashboard": 5,
}
NAMES = {0: "foundation", 1: "read/validate", 2: "load", 3: "engine", 4: "presentation",
         5: "dashboard/report/cli"}

# Pages read like a contents list: they may use only the dashboard's readers and components.
PAGE_IMPORTS = ("neglect_insight.dashboard.data", "neglect_insight.dashboard.components")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int | None:
    best = None
    for prefix, layer in LAYERS.items():
        if (module == prefix or module.startswith(prefix + ".")) and \
                (best is None or len(prefix) > len(best[0])):
            best = (prefix, layer)
    return None if best is None else best[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a neglect_insight module in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name.removeprefix(PACKAGE + ".")) for line, name in found
            if name.startswith(PACKAGE + ".")]


def _product_files() -> list[Path]:
    return [p for folder in ("pipelines", "dashboard", "sql", "data_contracts")
            for p in sorted((ROOT / folder).rglob("*.py")) if "__pycache__" not in p.parts]


def test_every_module_has_a_layer():
    unplaced = [str(p.relative_to(ROOT)) for p in _product_files() if _layer(_module(p)) is None]
    assert not unplaced, "give these modules a layer in LAYERS: " + ", ".join(unplaced)


def test_imports_point_down_the_flow():
    upward = []
    for path in _product_files():
        mine = _layer(_module(path))
        for line, imported in _imports(path):
            theirs = _layer(imported)
            if theirs is not None and mine is not None and theirs > mine:
                upward.append(f"{path.relative_to(ROOT)}:{line} ({NAMES[mine]}) imports "
                              f"{imported} ({NAMES[theirs]})")
    assert not upward, "\n".join(upward)


def test_pages_use_only_readers_and_components():
    offenders = []
    for path in sorted((ROOT / "dashboard" / "pages").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name.split(".")[0] in ("duckdb", "plotly", "pandas", "polars") or (
                        name.startswith(PACKAGE) and not name.startswith(PAGE_IMPORTS)):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert not offenders, "\n".join(offenders)


def test_the_check_sees_an_upward_import(tmp_path):
    """The checker itself: an engine module importing the dashboard is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from neglect_insight.dashboard.data import current\n")
    assert _imports(bad) == [(2, "dashboard.data.current")]
    assert _layer("dashboard.data.current") > _layer("pipelines.indicators.engine")
