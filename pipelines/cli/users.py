"""`neglect-insight users add|remove|list|passwd`: who may sign in to the dashboard, and with
which role (pipelines/access.py), plus the deprecated `add-qa-user`.

The users file is `[access] users_file` in the settings, else users.toml in the store folder
of `--db`. A password is asked for twice without echo, or read from standard input with
`--password-stdin` (scripted set-up); it is never printed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from neglect_insight.pipelines.cli.common import DbOption, app, console, db_path_or_default, out

users_app = typer.Typer(help="Add, remove, list or change the password of dashboard users.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")

Name = Annotated[str, typer.Argument(help="User name: 2 to 40 of a-z, 0-9, '.', '_', '-'.")]
PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from standard input (one line).")]
ROLE_HELP = ("board (aggregates only), qa (plus rows to review and the rows behind a number) "
             "or admin (everything).")


def _users_file(db: Path | None) -> Path:
    from neglect_insight.pipelines.access import users_path
    from neglect_insight.pipelines.load.database import store_dir
    from neglect_insight.pipelines.settings import SettingsError, load_settings

    try:
        configured = load_settings().access.users_file
    except SettingsError as err:
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    return users_path(store_dir(db_path_or_default(db)), configured)


def _checked_name(name: str) -> str:
    from neglect_insight.pipelines.access import check_name

    try:
        check_name(name)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    return name


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password (at least 12 characters)", hide_input=True,
                        confirmation_prompt=True)


def _save(path: Path, name: str, password: str, role: str) -> Path:
    from neglect_insight.pipelines.access import add_user

    try:
        return add_user(path, name, password, role)
    except ValueError as err:  # the message never holds the password
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


@users_app.command("add")
def add(
    name: Name,
    role: Annotated[str, typer.Option(help=ROLE_HELP)] = "board",
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Add a user (or replace their password and role)."""
    from neglect_insight.pipelines.access import check_role

    try:
        check_role(role)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="'--role'") from None
    path = _save(_users_file(db), _checked_name(name), _password(password_stdin), role)
    out.print(f"Saved user {name} ({role}) in {path}", markup=False)


@users_app.command("passwd")
def passwd(name: Name, password_stdin: PasswordStdin = False, db: DbOption = None) -> None:
    """Change a user's password (their role stays)."""
    from neglect_insight.pipelines.access import set_password

    path = _users_file(db)
    try:
        set_password(path, _checked_name(name), _password(password_stdin))
    except KeyError:
        console.print(f"There is no user {name} in {path}.", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except ValueError as err:
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    out.print(f"Changed the password of {name} in {path}", markup=False)


@users_app.command("remove")
def remove(name: Name, db: DbOption = None) -> None:
    """Remove a user: they can no longer sign in (a signed-in session ends at its next page)."""
    from neglect_insight.pipelines.access import remove_user

    path = _users_file(db)
    if not remove_user(path, _checked_name(name)):
        console.print(f"There is no user {name} in {path}.", markup=False, soft_wrap=True)
        raise typer.Exit(1)
    out.print(f"Removed user {name} from {path}", markup=False)


@users_app.command("list")
def list_users(db: DbOption = None) -> None:
    """List the users and their roles (never a password or hash)."""
    from neglect_insight.pipelines.access import users

    path = _users_file(db)
    found = users(path)
    if not found:
        out.print(f"No users in {path}. Add one with: neglect-insight users add NAME --role "
                  "board|qa|admin", markup=False)
        return
    for name, role in found.items():
        out.print(f"{name}  {role}", markup=False)


@app.command("add-qa-user", hidden=True)
def add_qa_user(name: Name, db: DbOption = None) -> None:
    """Deprecated: use `neglect-insight users add NAME --role qa`."""
    console.print("add-qa-user is deprecated: use `neglect-insight users add NAME --role qa`.",
                  markup=False, soft_wrap=True)
    path = _save(_users_file(db), _checked_name(name), _password(False), "qa")
    out.print(f"Saved user {name} (qa) in {path}", markup=False)
