"""`neglect-insight serve`: listens on 127.0.0.1 unless --host or `[server] host` say otherwise,
says where, and silences Streamlit's own URL lines."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.settings import SETTINGS_ENV


@pytest.fixture
def streamlit_argv(monkeypatch, tmp_path):
    """Run `serve` without starting Streamlit; returns the argv it would have been given."""
    from streamlit.web import cli as stcli

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    monkeypatch.delenv("NEGLECT_INSIGHT_DB", raising=False)  # serve sets it; undone after
    seen: list[list[str]] = []
    monkeypatch.setattr(stcli, "main", lambda: seen.append(list(__import__("sys").argv)) or 0)
    return seen


def _option(argv: list[str], name: str) -> str:
    return argv[len(argv) - 1 - argv[::-1].index(name) + 1]  # the last one given wins


def test_serve_binds_this_computer_only_by_default(streamlit_argv):
    result = CliRunner().invoke(app, ["serve", "--port", "8600"])
    assert "Serving on http://127.0.0.1:8600 (this computer only)" in result.output
    [argv] = streamlit_argv
    assert _option(argv, "--server.address") == "127.0.0.1"
    assert _option(argv, "--logger.hideWelcomeMessage") == "true"
    assert _option(argv, "--server.headless") == "true"


def test_settings_then_host_option_choose_another_address(streamlit_argv, tmp_path):
    (tmp_path / "neglect-insight.toml").write_text('[server]\nhost = "0.0.0.0"\n')
    result = CliRunner().invoke(app, ["serve"])
    assert "Serving on http://0.0.0.0:8501 (every network interface" in result.output
    assert _option(streamlit_argv[-1], "--server.address") == "0.0.0.0"
    CliRunner().invoke(app, ["serve", "--host", "10.1.2.3"])
    assert _option(streamlit_argv[-1], "--server.address") == "10.1.2.3"


def test_a_bad_settings_file_stops_serve_with_its_message(streamlit_argv, tmp_path):
    (tmp_path / "neglect-insight.toml").write_text('[server]\nhost = ""\n')
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2 and "[server] host" in result.output
    assert not streamlit_argv


@pytest.fixture
def taken_port():
    """A port another program is listening on, on this computer."""
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_a_busy_port_stops_at_once_with_a_hint(streamlit_argv, tmp_path, taken_port, command):
    result = CliRunner().invoke(app, [command, "--port", str(taken_port)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a plain message, no traceback
    assert "Traceback" not in result.output
    assert f"Port {taken_port} is already in use on this computer" in result.output
    assert f"Try another port: neglect-insight {command} --port " in result.output
    hinted = int(result.output.split("--port ")[-1].split()[0])
    assert hinted != taken_port
    assert not streamlit_argv  # nothing served
    assert list(tmp_path.iterdir()) == []  # and, for the demo, no data made first


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_demo_leaves_only_its_load_behind(streamlit_argv, tmp_path, monkeypatch):
    import tempfile

    port = str(_free_port())
    scratch = tmp_path.parent / f"{tmp_path.name}-tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the delivery is made
    result = CliRunner().invoke(app, ["demo", "--scale", "small", "--port", port])
    assert result.exit_code == 0, result.output
    assert f"Serving on http://127.0.0.1:{port}" in result.output
    # The load stays (reused next time); the synthetic delivery it was made from does not.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neglect.duckdb", "neglect.duckdb.d"]
    assert list(scratch.iterdir()) == []
    again = CliRunner().invoke(app, ["demo", "--port", port])
    assert again.exit_code == 0 and "Making" not in again.output
