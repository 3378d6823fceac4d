"""The wheel installs one import name, `neglect_insight`, and works outside the source tree.

The top-level folders (`pipelines/`, `dashboard/`, `sql/`, `data_contracts/`) are mapped under
`neglect_insight` by `[tool.setuptools] package-dir` in pyproject.toml. These tests build the
wheel from this checkout, install it (without its dependencies, which this environment already
has) into a fresh virtual environment, and run the command from there, in an empty folder, so
nothing can be imported from the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
FOLDERS = ("pipelines", "dashboard", "sql", "data_contracts")


def test_every_package_folder_is_listed_in_pyproject():
    """pyproject lists packages explicitly (the mapping needs it): a folder with an __init__.py
    that is missing there would be left out of the wheel."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    on_disk = {
        "neglect_insight." + ".".join(init.parent.relative_to(ROOT).parts)
        for folder in FOLDERS for init in (ROOT / folder).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert listed == on_disk


def test_no_module_imports_a_bare_top_level_folder():
    """`import pipelines` works in the source tree only: every import names neglect_insight."""
    offenders = []
    for folder in (*FOLDERS, "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                words = line.split()
                if len(words) >= 2 and words[0] in ("import", "from") and \
                        words[1].split(".")[0] in FOLDERS:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str], Path]:
    """(the venv's bin folder, an environment for it, the built wheel)."""
    work = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["GX_ANALYTICS_ENABLED"] = "False"
    # Build from a copy: setuptools reuses a `build/` folder left in a tree, stale files included.
    source = work / "source"
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
          "-w", str(work / "dist"), str(source)], work, env)
    (wheel,) = (work / "dist").glob("neglect_insight-*.whl")
    # The dependencies come from this environment; the project itself only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(work / "venv")],
                   check=True)
    bin_dir = work / "venv" / "bin"
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
          "--force-reinstall", str(wheel)], work, env)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return bin_dir, env, wheel


def test_wheel_has_one_top_level_name(installed):
    _, _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if ".dist-info/" not in name}
    assert top == {"neglect_insight"}
    # The data the product reads at run time travels inside the wheel.
    assert "neglect_insight/sql/indicators/catalogue.yml" in names
    assert any(n.startswith("neglect_insight/data_contracts/") and n.endswith(".json")
               for n in names)
    assert any(n.startswith("neglect_insight/sql/seeds/dfe/") and n.endswith(".csv")
               for n in names)
    assert "neglect_insight/dashboard/app.py" in names


def test_installed_wheel_runs_outside_the_source_tree(installed, tmp_path):
    bin_dir, env, _ = installed
    python = str(bin_dir / "python")
    where = _run([python, "-c", "import neglect_insight.pipelines.cli as m; print(m.__file__)"],
                 tmp_path, env).stdout.strip()
    assert Path(where).is_relative_to(bin_dir.parent), where  # the wheel's copy, not ROOT's

    command = str(bin_dir / "neglect-insight")
    assert "synth" in _run([command, "--help"], tmp_path, env).stdout
    _run([command, "synth", "--out", "delivery", "--scale", "small", "--seed", "3"], tmp_path,
         env)
    _run([command, "ingest", "delivery", "--db", "neglect.duckdb", "--extract-date",
          "2025-03-31"], tmp_path, env)
    out = _run([command, "indicators", "--db", "neglect.duckdb", "--period-end", "2025-03-31",
                "--format", "json"], tmp_path, env).stdout
    indicators = json.loads(out)["indicators"]
    assert indicators["neglect_children_total"]["numerator"] > 0
    assert not (tmp_path / "pipelines").exists()  # nothing was run from a source folder
