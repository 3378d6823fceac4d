"""Run the data contracts: one Great Expectations suite per extract file,
`data_contracts/<stem>.json`.

Each suite is GX 1.x ExpectationSuite JSON. Every expectation carries `meta`:
`rule_id` (`<stem>.<what>`), `severity` (`blocking` | `query`), `message` (what is wrong and how
to fix it) and, where the failing value is not in `kwargs.column` (pair and compound rules),
`column`: the column a finding names. The suites are declarative; the one value filled in at
run time is the placeholder `"$extract_date"` ("not in the future" = not after the extract
date, extracts.md).

Suites load strictly: a file that does not parse, an unknown expectation type, unknown or
missing keys, a column the file does not have, an unfilled placeholder — any of these raises
`ContractError` at once; a rule is never silently dropped.

The ingest runs each suite as DuckDB SQL (`contracts_sql.py`: one pass over the staged rows for
the row-level expectations, one query per uniqueness check; an expectation with no SQL form
raises `ContractError` at load). Great Expectations stays the reference: `check_file_gx`
runs the same suite through GX's pandas datasource (its SQL datasource does not work on
DuckDB; each staged view is read through Arrow with `_line` as the DataFrame index, so
`unexpected_index_list` gives the file line of every failing row), and
tests/pipelines/validate/test_contracts_sql.py proves both give identical findings. GX is
imported only there, lazily; its context is created once per process (`_gx`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, StagedDelivery
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

# Set before Great Expectations is first imported (it is imported lazily, in `_gx_modules`).
os.environ["GX_ANALYTICS_ENABLED"] = "False"

SUITES_DIR = Path(str(resources.files("neglect_insight.data_contracts")))
PLACEHOLDERS = ("$extract_date",)
SUITE_KEYS = {"name", "expectations", "meta", "notes", "id"}
EXPECTATION_KEYS = {"type", "kwargs", "meta", "id", "notes", "description"}
META_KEYS = {"rule_id", "severity", "message", "column", "notes"}
COLUMN_KWARGS = ("column", "column_A", "column_B")


class ContractError(ValueError):
    """A data contract that cannot be trusted to run as written."""


@dataclass
class Suite:
    """One loaded, checked suite: its declarative expectations and the rules they implement."""

    stem: str
    path: Path
    expectations: list[dict[str, Any]]
    rules: dict[str, Rule] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return EXTRACT_FILES[self.stem].file_name


def suite_path(stem: str) -> Path:
    return SUITES_DIR / f"{stem}.json"


def fill_placeholders(value: Any, extract_date: dt.date) -> Any:
    """The suite's kwargs with `"$extract_date"` replaced by the ISO extract date."""
    if isinstance(value, dict):
        return {k: fill_placeholders(v, extract_date) for k, v in value.items()}
    if isinstance(value, list):
        return [fill_placeholders(v, extract_date) for v in value]
    if value == "$extract_date":
        return extract_date.isoformat()
    if isinstance(value, str) and value.startswith("$"):
        raise ContractError(f"unknown placeholder {value!r}; the only one is $extract_date")
    return value


def load_suite(path: Path, stem: str | None = None) -> Suite:
    """Read and check one suite file; raise ContractError on anything doubtful."""
    stem = stem or path.stem
    where = f"data contract {path.name}"
    if stem not in EXTRACT_FILES:
        raise ContractError(f"{where}: there is no extract file '{stem}.csv' in extract_files.py")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ContractError(f"{where} cannot be read as JSON: {err}") from err
    if not isinstance(doc, dict) or set(doc) - SUITE_KEYS or "expectations" not in doc:
        raise ContractError(f"{where}: expected an object with keys {sorted(SUITE_KEYS)} "
                            "including 'expectations'")
    if doc.get("name") != stem:
        raise ContractError(f"{where}: 'name' must be '{stem}', the file stem")
    expectations = doc["expectations"]
    if not isinstance(expectations, list) or not expectations:
        raise ContractError(f"{where}: 'expectations' must be a non-empty list")
    columns = set(EXTRACT_FILES[stem].column_names)
    suite = Suite(stem, path, expectations)
    sample_date = dt.date(2000, 1, 1)
    for i, exp in enumerate(expectations, start=1):
        at = f"{where}, expectation {i}"
        if not isinstance(exp, dict) or set(exp) - EXPECTATION_KEYS or not {"type", "kwargs",
                                                                            "meta"} <= set(exp):
            raise ContractError(f"{at}: needs 'type', 'kwargs' and 'meta' and nothing unknown")
        meta, kwargs = exp["meta"], exp["kwargs"]
        if not isinstance(kwargs, dict):
            raise ContractError(f"{at}: 'kwargs' must be an object")
        if not isinstance(meta, dict) or set(meta) - META_KEYS or not all(
                isinstance(meta.get(k), str) and meta[k] for k in ("rule_id", "severity",
                                                                   "message")):
            raise ContractError(f"{at}: 'meta' needs rule_id, severity and message")
        rule_id = meta["rule_id"]
        if not rule_id.startswith(f"{stem}.") or meta["severity"] not in ("blocking", "query"):
            raise ContractError(f"{at}: rule_id must start '{stem}.' and severity be "
                                "'blocking' or 'query'")
        named = [kwargs[k] for k in COLUMN_KWARGS if k in kwargs] + list(
            kwargs.get("column_list", [])) + ([meta["column"]] if "column" in meta else [])
        if unknown := [c for c in named if c not in columns]:
            raise ContractError(f"{at} ({rule_id}): {stem}.csv has no column {unknown[0]!r}")
        from neglect_insight.pipelines.validate.contracts_sql import compile_expectation

        compile_expectation(exp["type"], fill_placeholders(kwargs, sample_date), meta, at)
        rule = Rule(rule_id, meta["severity"], meta["message"])
        if suite.rules.setdefault(rule_id, rule) != rule:
            raise ContractError(f"{at}: {rule_id} is used again with another severity or message")
    return suite


def load_suites(stems: list[str] | None = None) -> dict[str, Suite]:
    """Every extract file's suite (all must exist and load), by stem. A suite file is read and
    checked again whenever it changes; a broken one raises on every call."""
    suites = {}
    for stem in stems or list(EXTRACT_FILES):
        path = suite_path(stem)
        try:
            stat = path.stat()
        except OSError as err:
            raise ContractError(f"data contract {path.name} is missing: {err}") from err
        suites[stem] = _load_unchanged(path, stem, stat.st_mtime_ns, stat.st_size)
    return suites


@cache
def _load_unchanged(path: Path, stem: str, _mtime_ns: int, _size: int) -> Suite:
    return load_suite(path, stem)


def _expectation(type_: str, kwargs: dict, meta: dict, where: str) -> Any:
    """A GX expectation object, or ContractError (GX itself only logs an unknown type)."""
    gx = _gx_modules()
    try:
        config = gx.ExpectationConfiguration(type=type_, kwargs=kwargs, meta=meta)
        return config.to_domain_obj()
    except Exception as err:  # GX raises several unrelated types here
        raise ContractError(f"{where} ({meta.get('rule_id')}): not a valid "
                            f"expectation '{type_}': {err}") from err


def gx_suite(suite: Suite, extract_date: dt.date) -> Any:
    """The GX ExpectationSuite with the placeholders filled in."""
    gx = _gx_modules()
    built = gx.ExpectationSuite(name=suite.stem, expectations=[
        _expectation(e["type"], fill_placeholders(e["kwargs"], extract_date), e["meta"],
                     f"data contract {suite.path.name}")
        for e in suite.expectations
    ])
    if len(built.expectations) != len(suite.expectations):
        raise ContractError(f"data contract {suite.path.name}: GX dropped an expectation")
    return built


@dataclass(frozen=True)
class _GX:
    ExpectationConfiguration: Any
    ExpectationSuite: Any


@cache
def _gx_modules() -> _GX:
    os.environ["GX_ANALYTICS_ENABLED"] = "False"
    from great_expectations.core import ExpectationSuite
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    return _GX(ExpectationConfiguration, ExpectationSuite)


@cache
def _gx() -> Any:
    """The batch definition of one pandas DataFrame asset in an ephemeral context, made once per
    process (creating a context and importing GX cost seconds); progress bars off."""
    _gx_modules()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    asset = context.data_sources.add_pandas("staged").add_dataframe_asset("stg")
    return asset.add_batch_definition_whole_dataframe("whole_file")


def staged_frame(conn: duckdb.DuckDBPyConnection, stem: str) -> Any:
    """`stg_<stem>`'s contract columns as pandas, indexed by `_line` (dates stay dates)."""
    columns = ", ".join(f'"{c}"' for c in EXTRACT_FILES[stem].column_names)
    table = conn.sql(f"select {columns}, _line from stg_{stem}").to_arrow_table()
    return table.to_pandas().set_index("_line")


def check(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery, extract_date: dt.date,
          progress: Callable[[str], None] | None = None
          ) -> tuple[list[tuple[Rule, str | None]], list[Finding]]:
    """Every suite loads (or this raises); each present, loadable file is checked by its own."""
    suites = load_suites()
    ran: list[tuple[Rule, str | None]] = []
    findings: list[Finding] = []
    for stem, read in staged.loadable_reads.items():
        if progress:
            progress(f"Checking {read.file_name} against its data contract")
        ran.extend((rule, read.file_name) for rule in suites[stem].rules.values())
        findings.extend(check_file(conn, suites[stem], extract_date))
    return ran, findings


def check_file(conn: duckdb.DuckDBPyConnection, suite: Suite,
               extract_date: dt.date) -> list[Finding]:
    """One finding per failing row of each expectation, in line order (run as DuckDB SQL)."""
    from neglect_insight.pipelines.validate import contracts_sql

    return contracts_sql.check_file(conn, suite, extract_date)


def check_file_gx(conn: duckdb.DuckDBPyConnection, suite: Suite,
                  extract_date: dt.date) -> list[Finding]:
    """`check_file` through Great Expectations' pandas path: the reference the SQL path is
    tested against (same findings, same order)."""
    batch = _gx().get_batch(batch_parameters={"dataframe": staged_frame(conn, suite.stem)})
    result = batch.validate(gx_suite(suite, extract_date),
                            result_format={"result_format": "COMPLETE"})
    file = suite.file_name
    findings = []
    for res in result.results:
        config = res.expectation_config
        meta, kwargs = config.meta, config.kwargs
        if res.exception_info and _raised(res.exception_info):
            raise ContractError(f"data contract {suite.path.name}: {meta['rule_id']} could not "
                                f"run: {_exception_message(res.exception_info)}")
        rule = suite.rules[meta["rule_id"]]
        column = meta.get("column") or kwargs.get("column") or kwargs.get("column_A") or (
            kwargs.get("column_list") or [None])[0]
        for row in res.result.get("unexpected_index_list") or []:
            line = int(row["_line"])
            if "column_list" in kwargs and "column" not in meta:
                value = " / ".join(_text(row.get(c)) or "" for c in kwargs["column_list"])
            else:
                value = _text(row.get(column))
            findings.append(Finding(rule.id, rule.severity, file, line, column, value,
                                    f"{file}, line {line}, {column}: {rule.message}"))
    return sorted(findings, key=lambda f: (f.line, f.rule_id))


def _raised(info: dict) -> bool:
    if "raised_exception" in info:
        return bool(info["raised_exception"])
    return any(isinstance(v, dict) and v.get("raised_exception") for v in info.values())


def _exception_message(info: dict) -> str:
    if "exception_message" in info:
        return str(info["exception_message"])
    return "; ".join(str(v.get("exception_message")) for v in info.values() if isinstance(v, dict))


def _text(value: Any) -> str | None:
    """A failing value as the file would write it: ISO dates, whole numbers without `.0`."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return str(value)
