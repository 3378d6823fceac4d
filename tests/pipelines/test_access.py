"""The users file (pipelines/access.py), sign-in back-off (pipelines/lockout.py) and
`neglect-insight users add|remove|list|passwd` (plus the deprecated `add-qa-user`)."""

from __future__ import annotations

import tomllib

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines import access, lockout
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.load.database import store_dir
from neglect_insight.pipelines.settings import SETTINGS_ENV

PASSWORD = "correct horse battery"  # 21 characters
OTHER = "another long password"


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch, tmp_path):
    """No users file or settings named by the environment; an empty working folder."""
    for name in (access.USERS_ENV, access.QA_USERS_ENV, SETTINGS_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_added_user_signs_in_with_their_password_only_and_gets_their_role(tmp_path):
    users = tmp_path / "users.toml"
    assert access.add_user(users, "a.smith", PASSWORD, "qa") == users
    assert access.has_users(users)
    assert access.authenticate(users, "a.smith", PASSWORD) == "qa"
    assert access.authenticate(users, "a.smith", PASSWORD + "!") is None
    assert access.authenticate(users, "b.jones", PASSWORD) is None  # unknown user
    assert access.authenticate(users, "a.smith", "") is None
    assert access.role_of(users, "a.smith") == "qa" and access.role_of(users, "b.jones") is None


def test_roles_are_ordered_board_qa_admin():
    assert access.allows("admin", "qa") and access.allows("qa", "qa")
    assert access.allows("qa", "board") and not access.allows("board", "qa")
    assert not access.allows("qa", "admin") and not access.allows(None, "board")
    assert not access.allows("superuser", "board")


def test_the_file_holds_an_argon2id_hash_and_role_never_the_password(tmp_path):
    users = tmp_path / "users.toml"
    access.add_user(users, "a.smith", PASSWORD, "board")
    text = users.read_text()
    assert PASSWORD not in text
    entry = tomllib.loads(text)["users"]["a.smith"]
    assert entry["password_hash"].startswith("$argon2id$") and entry["role"] == "board"
    assert oct(users.stat().st_mode & 0o777) == "0o600"


def test_add_replace_passwd_remove_and_list(tmp_path):
    users = tmp_path / "users.toml"
    access.add_user(users, "a.smith", PASSWORD, "qa")
    access.add_user(users, "b_jones-2", OTHER, "admin")
    access.add_user(users, "a.smith", OTHER, "board")  # replaces password and role
    assert access.users(users) == {"a.smith": "board", "b_jones-2": "admin"}
    assert access.authenticate(users, "a.smith", PASSWORD) is None
    access.set_password(users, "b_jones-2", PASSWORD)
    assert access.authenticate(users, "b_jones-2", PASSWORD) == "admin"  # role kept
    with pytest.raises(KeyError):
        access.set_password(users, "nobody", PASSWORD)
    assert access.remove_user(users, "a.smith") and not access.remove_user(users, "a.smith")
    assert access.users(users) == {"b_jones-2": "admin"}
    assert [p.name for p in tmp_path.iterdir()] == ["users.toml"]  # no temporary left


def test_refuses_a_short_password_a_bad_role_and_a_bad_name(tmp_path):
    users = tmp_path / "users.toml"
    with pytest.raises(ValueError, match="at least 12 characters") as refused:
        access.add_user(users, "a.smith", "elevenchars", "qa")  # 11 characters
    assert "elevenchars" not in str(refused.value)
    with pytest.raises(ValueError, match="board, qa, admin"):
        access.add_user(users, "a.smith", PASSWORD, "root")
    for name in ["A.Smith", "a", "a" * 41, "a smith", 'a"]', "", "é.smith"]:
        with pytest.raises(ValueError, match="2 to 40 characters"):
            access.add_user(users, name, PASSWORD, "qa")
    assert not users.exists()
    access.add_user(users, "a.smith", "twelve chars", "qa")  # exactly 12 is enough
    assert access.authenticate(users, "a.smith", "twelve chars") == "qa"


def test_a_missing_or_broken_file_has_no_users_and_never_raises(tmp_path):
    missing = tmp_path / "nowhere" / "users.toml"
    assert not access.has_users(missing)
    assert access.authenticate(missing, "a.smith", PASSWORD) is None
    broken = tmp_path / "broken.toml"
    broken.write_text("[users.a.smith\npassword_hash = 1")
    assert not access.has_users(broken)
    assert access.authenticate(broken, "a.smith", PASSWORD) is None
    odd = tmp_path / "odd.toml"
    odd.write_text('[users."a.smith"]\npassword_hash = "not a hash"\n'
                   '[users."b.jones"]\npassword_hash = "x"\nrole = "root"\n')
    assert access.authenticate(odd, "a.smith", PASSWORD) is None
    assert access.users(odd) == {"a.smith": "qa"}  # an unknown role never signs in
    users = tmp_path / "users.toml"
    access.add_user(users, "a.smith", PASSWORD, "qa")
    assert access.authenticate(users, None, PASSWORD) is None  # type: ignore[arg-type]
    assert access.authenticate(users, "a.smith", None) is None  # type: ignore[arg-type]
    assert access.authenticate(users, "a.smith", "\x00" * 5) is None


def test_an_unknown_user_costs_one_argon2_verify_like_a_known_one(tmp_path, monkeypatch):
    users = tmp_path / "users.toml"
    access.add_user(users, "a.smith", PASSWORD, "qa")
    calls = []
    real = access._hasher

    class Counting:
        def hash(self, password):
            return real.hash(password)

        def verify(self, password_hash, password):
            calls.append(1)
            return real.verify(password_hash, password)

    monkeypatch.setattr(access, "_hasher", Counting())
    access.authenticate(users, "a.smith", "wrong password!")
    access.authenticate(users, "nobody.here", "wrong password!")
    assert len(calls) == 2  # constant work: timing cannot tell which names exist


def test_the_old_qa_users_file_is_read_as_qa_users_until_users_toml_exists(tmp_path):
    store = store_dir(tmp_path / "neglect.duckdb")
    store.mkdir()
    (store / "qa_users.toml").write_text(
        f'[users."old.qa"]\npassword_hash = "{access._hasher.hash(PASSWORD)}"\n')
    path = access.users_path(store)
    assert path == store / "users.toml"
    assert access.users(path) == {"old.qa": "qa"}
    assert access.authenticate(path, "old.qa", PASSWORD) == "qa"
    access.add_user(path, "new.admin", OTHER, "admin")  # the first change writes users.toml
    assert access.users(path) == {"new.admin": "admin", "old.qa": "qa"}


def test_users_path_is_beside_the_database_pointer_unless_set(tmp_path, monkeypatch):
    db = tmp_path / "neglect.duckdb"
    assert access.users_path(store_dir(db)) == store_dir(db) / "users.toml"
    assert access.users_path(store_dir(db), tmp_path / "set.toml") == tmp_path / "set.toml"
    monkeypatch.setenv(access.USERS_ENV, str(tmp_path / "elsewhere.toml"))
    assert access.users_path(store_dir(db)) == tmp_path / "elsewhere.toml"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_lockout_backs_off_after_five_failures_and_doubles():
    clock = Clock()
    guard = lockout.Lockout(clock)
    for _ in range(lockout.FREE_ATTEMPTS - 1):
        guard.failed("user:a", "client:1")
    assert guard.wait("user:a") == 0  # four failures cost nothing
    guard.failed("user:a", "client:1")
    assert guard.wait("user:a") == lockout.FIRST_WAIT
    assert guard.wait("user:b", "client:1") == lockout.FIRST_WAIT  # the client is locked too
    assert guard.wait("user:b", "client:2") == 0
    clock.now += lockout.FIRST_WAIT
    assert guard.wait("user:a") == 0
    guard.failed("user:a")
    assert guard.wait("user:a") == 2 * lockout.FIRST_WAIT  # doubled
    for _ in range(20):
        guard.failed("user:a")
    assert guard.wait("user:a") == lockout.LONGEST_WAIT
    guard.succeeded("user:a")
    assert guard.wait("user:a") == 0
    clock.now += lockout.FORGET_AFTER
    assert guard.wait("client:1") == 0  # forgotten after an hour without failures


def test_cli_users_add_list_passwd_remove(tmp_path):
    db = tmp_path / "neglect.duckdb"
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "a.smith", "--role", "qa", "--db", str(db)],
                          input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    users = store_dir(db) / "users.toml"
    assert f"Saved user a.smith (qa) in {users}" in " ".join(added.output.split())
    assert PASSWORD not in added.output  # hidden input: never echoed
    scripted = runner.invoke(app, ["users", "add", "b.jones", "--role", "admin",
                                   "--password-stdin", "--db", str(db)], input=f"{OTHER}\n")
    assert scripted.exit_code == 0 and OTHER not in scripted.output
    assert access.authenticate(users, "b.jones", OTHER) == "admin"
    listed = runner.invoke(app, ["users", "list", "--db", str(db)])
    assert listed.output.split() == ["a.smith", "qa", "b.jones", "admin"]
    changed = runner.invoke(app, ["users", "passwd", "a.smith", "--password-stdin", "--db",
                                  str(db)], input=f"{OTHER}\n")
    assert changed.exit_code == 0 and access.authenticate(users, "a.smith", OTHER) == "qa"
    assert runner.invoke(app, ["users", "remove", "a.smith", "--db", str(db)]).exit_code == 0
    assert access.users(users) == {"b.jones": "admin"}
    gone = runner.invoke(app, ["users", "remove", "a.smith", "--db", str(db)])
    assert gone.exit_code == 1 and "There is no user a.smith" in gone.output


def test_cli_uses_the_users_file_the_settings_name(tmp_path, monkeypatch):
    (tmp_path / "neglect-insight.toml").write_text('[access]\nusers_file = "people.toml"\n')
    result = CliRunner().invoke(app, ["users", "add", "a.smith", "--role", "board",
                                      "--password-stdin"], input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert access.users(tmp_path / "people.toml") == {"a.smith": "board"}


def test_cli_refuses_a_short_password_a_bad_role_and_a_bad_name(tmp_path):
    runner = CliRunner()
    short = runner.invoke(app, ["users", "add", "a.smith", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "short" not in short.output.replace("shorter", "")
    role = runner.invoke(app, ["users", "add", "a.smith", "--role", "root"], input="")
    assert role.exit_code == 2 and "board, qa, admin" in role.output
    name = runner.invoke(app, ["users", "add", "A Smith"], input="")
    assert name.exit_code == 2 and "Password" not in name.output
    assert not list(tmp_path.rglob("users.toml"))


def test_add_qa_user_still_works_and_says_it_is_deprecated(tmp_path):
    db = tmp_path / "neglect.duckdb"
    result = CliRunner().invoke(app, ["add-qa-user", "a.smith", "--db", str(db)],
                                input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "deprecated" in result.output and "users add NAME --role qa" in result.output
    assert access.users(store_dir(db) / "users.toml") == {"a.smith": "qa"}
