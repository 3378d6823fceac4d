"""Sign-in on every page: the form when nobody is signed in, who is signed in (with a sign-out
button) in the sidebar, and the demo banner when sign-in is off. The decisions are made on the
server by dashboard/data/access.py; the user name is kept in the session, a typed password
never is."""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.data import access

DEMO = "Demo mode: no sign-in; everyone sees everything."
FAILED = ("Sign-in failed. Check your user name and password and try again; after several "
          "failed attempts, wait a few minutes before trying again.")
EXPIRED = "Your session ended after a time without use. Sign in again to carry on."
NO_USERS = (
    "Sign-in is on, but no users have been set up yet. An administrator adds one on the server "
    "with `neglect-insight users add NAME --role board|qa|admin` (add `--db PATH` for a "
    "database other than the default)."
)
NOT_A_USER = (
    "You are not set up as a user of Neglect Insight. Ask an administrator to add you with "
    "`neglect-insight users add NAME --role board|qa|admin`."
)
ROLE_NAMES = {"board": "board member", "qa": "QA user", "admin": "administrator"}


def _submit() -> None:
    """The form's callback (runs before the page, so a rerun cannot lose the click): sign in;
    forget the typed password either way."""
    name = st.session_state.get("sign-in-name", "").strip()
    password = st.session_state.get("sign-in-password", "")
    st.session_state["sign-in-password"] = ""
    if not access.sign_in(name, password):
        st.session_state["sign-in-failed"] = True


def form() -> None:
    """What a visitor sees instead of a page when nobody is signed in."""
    st.title("Sign in to Neglect Insight", anchor=False)
    if access.settings().sign_in == "proxy":
        st.error(NOT_A_USER, icon=":material/lock:")
        return
    if not access.has_users():
        st.info(NO_USERS, icon=":material/info:")
        return
    if st.session_state.pop(access.EXPIRED_KEY, False):
        st.info(EXPIRED, icon=":material/schedule:")
    with st.form("sign-in"):
        st.text_input("User name", autocomplete="username", key="sign-in-name")
        st.text_input("Password", type="password", autocomplete="current-password",
                      key="sign-in-password")
        st.form_submit_button("Sign in", on_click=_submit)
    if st.session_state.pop("sign-in-failed", False):
        st.error(FAILED)


def status(person: access.Viewer) -> None:
    """The demo banner, or who is signed in and a sign-out button (in the sidebar)."""
    if person.demo:
        st.badge(DEMO, icon=":material/visibility:", color="orange")
        return
    with st.sidebar:
        st.caption(f"Signed in as {person.name} ({ROLE_NAMES[person.role]}).")
        if access.settings().sign_in == "users":
            st.button("Sign out", key="sign-out", on_click=access.sign_out)
