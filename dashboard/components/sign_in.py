"""Sign-in for authorised QA users (the users file of `pipelines.access`): the form, the
signed-in line with its log-out button, or, before any QA user exists, how an administrator
adds one. The user name is kept in the session; a typed password never is."""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.data import rows_behind

USER_KEY = "qa_user"  # session state: the signed-in QA user's name
NO_USERS = (
    "No QA users have been set up, so the rows behind the numbers cannot be shown. An "
    "administrator adds an authorised QA user on the server with "
    "`neglect-insight add-qa-user NAME` (add `--db PATH` for a database other than the "
    "default); it asks for the user's password twice."
)
WRONG_DETAILS = "Those details were not recognised. Check them and try again."


def _log_in() -> None:
    """The form's callback (runs before the page, so a rerun cannot lose the click): keep the
    user name in the session when the password is theirs; forget the typed password."""
    name = st.session_state.get("qa-login-name", "").strip()
    password = st.session_state.get("qa-login-password", "")
    st.session_state["qa-login-password"] = ""
    if rows_behind.is_qa_user(name, password):
        st.session_state[USER_KEY] = name
    else:
        st.session_state["qa-login-failed"] = True


def _log_out() -> None:
    st.session_state.pop(USER_KEY, None)


def qa_user() -> str | None:
    """The signed-in QA user's name, shown with a log-out button; or None, after showing the
    sign-in form (or, when there are no QA users, how to add one)."""
    if not rows_behind.has_qa_users():
        st.session_state.pop(USER_KEY, None)
        st.info(NO_USERS, icon=":material/info:")
        return None
    if USER_KEY not in st.session_state:
        with st.form("qa-login"):
            st.markdown("**Log in as a QA user**")
            st.text_input("User name", autocomplete="username", key="qa-login-name")
            st.text_input("Password", type="password", autocomplete="current-password",
                          key="qa-login-password")
            st.form_submit_button("Log in", on_click=_log_in)
        if st.session_state.pop("qa-login-failed", False):
            st.error(WRONG_DETAILS)
        return None
    name = st.session_state[USER_KEY]
    st.caption(f"Logged in as QA user {name}.")
    st.button("Log out", key="qa-logout", on_click=_log_out)
    return name
