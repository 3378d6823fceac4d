"""The `neglect-insight` command (shared spec interface.md); each subcommand calls one function.

`common.py` holds the Typer app and what the commands share; the commands live by subject in
`deliveries.py`, `figures.py`, `admin.py`, `users.py` and `serving.py`, and are registered on
the app when those modules are imported below, in the order `--help` lists them (hence no
import sorting).
"""
# ruff: noqa: I001, F401

from neglect_insight.pipelines.cli.common import app
from neglect_insight.pipelines.cli import deliveries
from neglect_insight.pipelines.cli import figures
from neglect_insight.pipelines.cli import admin
from neglect_insight.pipelines.cli import users
from neglect_insight.pipelines.cli import serving

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover
    app()
