"""pipelines/settings.py: the deployment's settings file (interface.md, "Settings")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators import disclosure
from neglect_insight.pipelines.settings import (
    SETTINGS_ENV,
    PartnershipSettings,
    Settings,
    SettingsError,
    load_settings,
    settings_path,
)


@pytest.fixture
def no_settings(tmp_path, monkeypatch):
    """A working folder without a settings file and no $NEGLECT_INSIGHT_CONFIG."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    return tmp_path


def test_no_file_gives_the_defaults(no_settings):
    assert settings_path() is None
    assert load_settings() == Settings()
    assert load_settings().disclosure.threshold == disclosure.DEFAULT_THRESHOLD == 5


def test_the_file_in_the_working_folder_is_read(no_settings):
    (no_settings / "neglect-insight.toml").write_text("[disclosure]\nthreshold = 10\n")
    settings = load_settings()
    assert settings.path.name == "neglect-insight.toml"
    assert settings.disclosure.threshold == 10
    assert settings.warnings == ()


def test_the_environment_names_another_file(no_settings, monkeypatch):
    (no_settings / "neglect-insight.toml").write_text("[disclosure]\nthreshold = 10\n")
    other = no_settings / "elsewhere.toml"
    other.write_text("[disclosure]\nthreshold = 3\n")
    monkeypatch.setenv(SETTINGS_ENV, str(other))
    assert load_settings().disclosure.threshold == 3


def test_a_missing_named_file_says_which(no_settings, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(no_settings / "missing.toml"))
    with pytest.raises(SettingsError, match=r"missing\.toml.*NEGLECT_INSIGHT_CONFIG"):
        load_settings()


def test_other_sections_of_the_spec_are_accepted(no_settings):
    path = no_settings / "neglect-insight.toml"
    path.write_text('[partnership]\nname = "Anyshire"\nla_codes = ["873"]\n'
                    '[server]\nhost = "127.0.0.1"\n[access]\nsign_in = "none"\n'
                    "[loads]\nkeep = 8\n")
    settings = load_settings(path)
    assert settings.disclosure.threshold == 5  # no [disclosure]: the default
    assert settings.warnings == ()


def test_unknown_sections_and_keys_are_ignored_with_a_warning(no_settings):
    path = no_settings / "neglect-insight.toml"
    path.write_text("[disclosure]\nthreshold = 7\nround_to = 5\n[colours]\nline = 'red'\n")
    settings = load_settings(path)
    assert settings.disclosure.threshold == 7
    assert len(settings.warnings) == 2
    assert "[disclosure] round_to is not a setting" in settings.warnings[0]
    assert "[colours] is not a setting" in settings.warnings[1]


@pytest.mark.parametrize("value", ["0", "-1", "2.5", '"five"', "true"])
def test_a_bad_threshold_names_the_file_and_key(no_settings, value):
    path = no_settings / "neglect-insight.toml"
    path.write_text(f"[disclosure]\nthreshold = {value}\n")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert str(path) in message and "[disclosure] threshold" in message
    assert "whole number of at least 1" in message


def test_a_file_that_is_not_toml_names_the_file(no_settings):
    path = no_settings / "neglect-insight.toml"
    path.write_text("[disclosure\nthreshold = 5\n")
    with pytest.raises(SettingsError, match=r"neglect-insight\.toml is not valid TOML"):
        load_settings(path)


def test_a_section_that_is_a_value_is_explained(no_settings):
    path = no_settings / "neglect-insight.toml"
    path.write_text("disclosure = 5\n")
    with pytest.raises(SettingsError, match=r"disclosure must be a section"):
        load_settings(path)


def test_the_configured_threshold_reaches_disclosure(no_settings):
    path = no_settings / "neglect-insight.toml"
    path.write_text("[disclosure]\nthreshold = 10\n")
    threshold = load_settings(path).disclosure.threshold
    assert disclosure.is_small(8, threshold) and not disclosure.is_small(8)


def test_loads_keep_defaults_to_8_and_is_read(no_settings):
    assert load_settings().loads.keep == 8
    path = no_settings / "neglect-insight.toml"
    path.write_text("[loads]\nkeep = 3\n")
    assert load_settings(path).loads.keep == 3


@pytest.mark.parametrize("value", ["0", "-2", "1.5", '"eight"', "false"])
def test_a_bad_loads_keep_names_the_file_and_key(no_settings, value):
    path = no_settings / "neglect-insight.toml"
    path.write_text(f"[loads]\nkeep = {value}\n")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert str(path) in str(raised.value)
    assert "[loads] keep must be a whole number of at least 1" in str(raised.value)


def test_server_and_access_defaults_bind_locally_without_sign_in(no_settings):
    settings = load_settings()
    assert settings.server.host == "127.0.0.1"
    assert (settings.access.sign_in, settings.access.users_file) == ("none", None)
    assert settings.access.session_hours == 8


def test_access_users_file_is_relative_to_the_settings_file(no_settings):
    folder = no_settings / "conf"
    folder.mkdir()
    (folder / "ni.toml").write_text('[server]\nhost = "0.0.0.0"\n[access]\nsign_in = "proxy"\n'
                                    'users_file = "users.toml"\nproxy_header = "X-Remote-User"\n'
                                    'session_hours = 2\n')
    settings = load_settings(folder / "ni.toml")
    assert settings.server.host == "0.0.0.0"
    assert settings.access.sign_in == "proxy"
    assert settings.access.users_file == folder / "users.toml"
    assert settings.access.session_hours == 2.0
    assert settings.warnings == ()


@pytest.mark.parametrize(("text", "key"), [
    ('[access]\nsign_in = "password"\n', "[access] sign_in"),
    ('[access]\nsession_hours = 0\n', "[access] session_hours"),
    ('[access]\nproxy_header = "X Remote: User"\n', "[access] proxy_header"),
    ('[access]\nusers_file = 3\n', "[access] users_file"),
    ('[server]\nhost = "my host"\n', "[server] host"),
])
def test_a_bad_server_or_access_setting_names_its_key(no_settings, text, key):
    (no_settings / "neglect-insight.toml").write_text(text)
    with pytest.raises(SettingsError, match=key.replace("[", r"\[").replace("]", r"\]")):
        load_settings()


# --- [partnership] (who the dashboard and the pack are for) ---------------------------------
PARTNERSHIP_FIXTURES = Path(__file__).parents[1] / "fixtures" / "partnership"


def test_no_partnership_means_the_demo(no_settings):
    assert load_settings().partnership == PartnershipSettings(None, ())


def test_a_partnership_of_two_las_is_read_as_written(no_settings):
    settings = load_settings(PARTNERSHIP_FIXTURES / "two_las.toml")
    assert settings.partnership.name == ("Cambridgeshire and Peterborough Safeguarding "
                                         "Children Partnership")
    assert settings.partnership.la_codes == ("873", "E06000031")  # old and new codes, as written
    assert settings.partnership.file == PARTNERSHIP_FIXTURES / "two_las.toml"
    assert settings.warnings == ()


def test_codes_without_a_name_and_one_code_as_text_are_accepted(no_settings):
    assert load_settings(PARTNERSHIP_FIXTURES / "codes_only.toml").partnership == \
        PartnershipSettings(None, ("E10000003", "874"))
    path = no_settings / "neglect-insight.toml"
    path.write_text('[partnership]\nla_codes = " e06000031 "\n')  # trimmed, upper case
    assert load_settings(path).partnership.la_codes == ("E06000031",)


def test_a_region_code_is_not_a_local_authority_code(no_settings):
    with pytest.raises(SettingsError) as raised:
        load_settings(PARTNERSHIP_FIXTURES / "bad_code.toml")
    message = str(raised.value)
    assert "bad_code.toml" in message and "[partnership] la_codes" in message
    assert "'E12000006'" in message and "old 3-digit code" in message


@pytest.mark.parametrize(("text", "key"), [
    ("la_codes = [873]", "[partnership] la_codes holds 873"),  # a number: codes go in quotes
    ('la_codes = ["87"]', "[partnership] la_codes holds '87'"),
    ('la_codes = {code = "873"}', "[partnership] la_codes must be a list"),
    ('la_codes = ["873", "873"]', "[partnership] la_codes names '873' twice"),
    ('name = ""\nla_codes = ["873"]', "[partnership] name must be"),
    ("name = 5\nla_codes = [\"873\"]", "[partnership] name must be"),
    ('name = "Anyshire"', "[partnership] la_codes is missing"),  # a name alone compares nothing
])
def test_a_bad_partnership_setting_names_its_key(no_settings, text, key):
    path = no_settings / "neglect-insight.toml"
    path.write_text(f"[partnership]\n{text}\n")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert str(path) in str(raised.value) and key in str(raised.value)


def test_config_option_names_the_settings_file_for_the_process(no_settings, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, "")  # restored after the test: the option sets it
    two_las = PARTNERSHIP_FIXTURES / "two_las.toml"
    result = CliRunner().invoke(app, ["--config", str(two_las), "users", "--help"])
    assert result.exit_code == 0, result.output
    assert os.environ[SETTINGS_ENV] == str(two_las.resolve())
    assert load_settings().partnership.la_codes == ("873", "E06000031")


def test_config_option_refuses_a_missing_file(no_settings, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, "")
    result = CliRunner().invoke(app, ["--config", "nowhere.toml", "users", "--help"])
    assert result.exit_code == 2
    assert "the settings file nowhere.toml was not found" in " ".join(result.output.split())
    assert os.environ[SETTINGS_ENV] == ""
