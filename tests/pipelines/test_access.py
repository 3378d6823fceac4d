"""QA users file (pipelines/access.py) and `neglect-insight add-qa-user`."""

from __future__ import annotations

import tomllib

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines import access
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.load.database import store_dir

PASSWORD = "correct horse battery"  # 21 characters
OTHER = "another long password"


def test_added_user_verifies_with_their_password_only(tmp_path):
    users = tmp_path / "qa_users.toml"
    assert access.add_user(users, "a.smith", PASSWORD) == users
    assert access.has_users(users)
    assert access.verify(users, "a.smith", PASSWORD)
    assert not access.verify(users, "a.smith", PASSWORD + "!")
    assert not access.verify(users, "b.jones", PASSWORD)  # unknown user
    assert not access.verify(users, "a.smith", "")


def test_the_file_holds_an_argon2id_hash_never_the_password(tmp_path):
    users = tmp_path / "qa_users.toml"
    access.add_user(users, "a.smith", PASSWORD)
    text = users.read_text()
    assert PASSWORD not in text
    assert tomllib.loads(text)["users"]["a.smith"]["password_hash"].startswith("$argon2id$")


def test_adding_again_replaces_the_hash_and_keeps_other_users(tmp_path):
    users = tmp_path / "qa_users.toml"
    access.add_user(users, "a.smith", PASSWORD)
    access.add_user(users, "b_jones-2", OTHER)
    access.add_user(users, "a.smith", OTHER)
    assert not access.verify(users, "a.smith", PASSWORD)
    assert access.verify(users, "a.smith", OTHER)
    assert access.verify(users, "b_jones-2", OTHER)
    assert sorted(tomllib.loads(users.read_text())["users"]) == ["a.smith", "b_jones-2"]
    assert [p.name for p in tmp_path.iterdir()] == ["qa_users.toml"]  # no temporary left


def test_refuses_a_password_under_12_characters(tmp_path):
    users = tmp_path / "qa_users.toml"
    with pytest.raises(ValueError, match="at least 12 characters") as refused:
        access.add_user(users, "a.smith", "elevenchars")  # 11 characters
    assert "elevenchars" not in str(refused.value)
    assert not users.exists()
    access.add_user(users, "a.smith", "twelve chars")  # exactly 12 is enough
    assert access.verify(users, "a.smith", "twelve chars")


@pytest.mark.parametrize("name", ["A.Smith", "a", "a" * 41, "a smith", 'a"]', "", "é.smith"])
def test_refuses_a_bad_name(tmp_path, name):
    users = tmp_path / "qa_users.toml"
    with pytest.raises(ValueError, match="2 to 40 characters"):
        access.add_user(users, name, PASSWORD)
    assert not users.exists()


def test_a_missing_or_broken_file_has_no_users_and_never_raises(tmp_path):
    missing = tmp_path / "nowhere" / "qa_users.toml"
    assert not access.has_users(missing)
    assert not access.verify(missing, "a.smith", PASSWORD)
    broken = tmp_path / "broken.toml"
    broken.write_text("[users.a.smith\npassword_hash = 1")
    assert not access.has_users(broken)
    assert not access.verify(broken, "a.smith", PASSWORD)
    bad_hash = tmp_path / "bad_hash.toml"
    bad_hash.write_text('[users."a.smith"]\npassword_hash = "not a hash"\n')
    assert not access.verify(bad_hash, "a.smith", PASSWORD)
    users = tmp_path / "qa_users.toml"
    access.add_user(users, "a.smith", PASSWORD)
    assert not access.verify(users, None, PASSWORD)  # type: ignore[arg-type]
    assert not access.verify(users, "a.smith", None)  # type: ignore[arg-type]
    assert not access.verify(users, "a.smith", "\x00" * 5)


def test_users_path_is_beside_the_database_pointer_unless_set(tmp_path, monkeypatch):
    monkeypatch.delenv(access.QA_USERS_ENV, raising=False)
    db = tmp_path / "neglect.duckdb"
    assert access.users_path(store_dir(db)) == store_dir(db) / "qa_users.toml"
    monkeypatch.setenv(access.QA_USERS_ENV, str(tmp_path / "elsewhere.toml"))
    assert access.users_path(store_dir(db)) == tmp_path / "elsewhere.toml"


def test_cli_adds_a_user_asking_twice_for_the_password(tmp_path, monkeypatch):
    monkeypatch.delenv(access.QA_USERS_ENV, raising=False)
    db = tmp_path / "neglect.duckdb"
    result = CliRunner().invoke(app, ["add-qa-user", "a.smith", "--db", str(db)],
                                input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    users = store_dir(db) / "qa_users.toml"
    assert f"Saved QA user a.smith in {users}" in " ".join(result.output.split())
    assert PASSWORD not in result.output  # hidden input: never echoed
    assert access.verify(users, "a.smith", PASSWORD)


def test_cli_refuses_a_short_password(tmp_path, monkeypatch):
    monkeypatch.setenv(access.QA_USERS_ENV, str(tmp_path / "qa_users.toml"))
    result = CliRunner().invoke(app, ["add-qa-user", "a.smith"], input="short\nshort\n")
    assert result.exit_code == 1
    assert not (tmp_path / "qa_users.toml").exists()


def test_cli_refuses_a_bad_name_before_asking(tmp_path, monkeypatch):
    monkeypatch.setenv(access.QA_USERS_ENV, str(tmp_path / "qa_users.toml"))
    result = CliRunner().invoke(app, ["add-qa-user", "A Smith"], input="")
    assert result.exit_code == 2
    assert "Password" not in result.output
