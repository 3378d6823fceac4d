"""Helpers for tests of sign-in and roles: a settings file turning sign-in on, a users file,
signing in through the form, and everything a page shows (text and downloads) as one string."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from neglect_insight.pipelines import access
from neglect_insight.pipelines.settings import SETTINGS_ENV

PASSWORD = "a long test password"
USERS = {"board.member": "board", "qa.tester": "qa", "the.admin": "admin"}


def sign_in_on(folder: Path, monkeypatch, mode: str = "users", extra: str = "") -> Path:
    """A settings file with `[access] sign_in = mode` and users.toml beside it holding USERS
    (all with PASSWORD); returns the users file."""
    settings = folder / "neglect-insight.toml"
    settings.write_text(f'[access]\nsign_in = "{mode}"\nusers_file = "users.toml"\n{extra}')
    users = folder / "users.toml"
    for name, role in USERS.items():
        access.add_user(users, name, PASSWORD, role)
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    return users


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    """Fill in and send the sign-in form."""
    [user] = [t for t in at.text_input if t.label == "User name"]
    [secret] = [t for t in at.text_input if t.label == "Password"]
    user.input(name)
    secret.input(password)
    [button] = [b for b in at.button if b.label == "Sign in"]
    return button.click().run()


def capture_downloads(monkeypatch) -> list[bytes]:
    """The bytes of every download button made from now on (Streamlit's media store, which
    AppTest replaces on each run, so they are caught as they are stored)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    served: list[bytes] = []
    store = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes):
            served.append(path_or_data)
        return store(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return served


def shown_text(at: AppTest, downloads: list[bytes] = ()) -> str:
    """Every value, label and option the page shows, every table cell, and `downloads` (from
    `capture_downloads`), as one string."""

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    parts = []
    for node in walk(at._tree):
        for attribute in ("value", "label", "body", "options"):
            try:
                parts.append(str(getattr(node, attribute)))
            except Exception:  # noqa: BLE001 - not every element has every attribute
                pass
        if getattr(node, "type", "") in ("dataframe", "arrow_data_frame"):
            parts.append(node.value.to_csv())
    parts += [data.decode("utf-8-sig", errors="replace") for data in downloads]
    return "\n".join(parts)
