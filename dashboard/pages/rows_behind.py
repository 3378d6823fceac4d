"""Rows behind a number (Quality): for authorised QA users, the records an indicator counts,
by pseudonym, with its raw (unsuppressed) numerator, denominator and value.

Only QA users named in the QA users file (pipelines/access.py) may see it, after logging in
here; anyone else sees how an administrator adds a QA user, or the login form. Readers:
dashboard/data/rows_behind.py.
"""

from __future__ import annotations

import streamlit as st
from neglect_insight.dashboard.components import page
from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data import db_path
from neglect_insight.dashboard.data import rows_behind as data
from neglect_insight.pipelines import access

NO_USERS = (
    "No QA users have been set up, so the rows behind the numbers cannot be shown. An "
    "administrator adds an authorised QA user on the server with "
    "`neglect-insight add-qa-user NAME` (add `--db PATH` for a database other than the "
    "default); it asks for the user's password twice."
)
WRONG_DETAILS = "Those details were not recognised. Check them and try again."
QA_ONLY = (
    "This page shows children's pseudonyms and raw, unsuppressed figures (small numbers are "
    "not replaced by `c`). It is for authorised QA users only: do not copy it into board "
    "papers."
)


def _log_in(users_file) -> None:
    """The form's callback (runs before the page, so a rerun cannot lose the click): keep the
    user name in the session when the password is theirs; forget the typed password."""
    name = st.session_state.get("qa-login-name", "").strip()
    password = st.session_state.get("qa-login-password", "")
    st.session_state["qa-login-password"] = ""
    if access.verify(users_file, name, password):
        st.session_state["qa_user"] = name
    else:
        st.session_state["qa-login-failed"] = True


def _log_out() -> None:
    st.session_state.pop("qa_user", None)


load, selection = page.start(
    "Rows behind a number",
    "Trace a number shown to the board to the records behind it, for authorised QA users.")
st.warning(QA_ONLY, icon=":material/lock:")

users_file = access.users_path(db_path())
if not access.has_users(users_file):
    st.session_state.pop("qa_user", None)
    st.info(NO_USERS, icon=":material/info:")
    st.stop()

if "qa_user" not in st.session_state:
    with st.form("qa-login"):
        st.markdown("**Log in as a QA user**")
        st.text_input("User name", autocomplete="username", key="qa-login-name")
        st.text_input("Password", type="password", autocomplete="current-password",
                      key="qa-login-password")
        st.form_submit_button("Log in", on_click=_log_in, args=(users_file,))
    if st.session_state.pop("qa-login-failed", False):
        st.error(WRONG_DETAILS)
    st.stop()

st.caption(f"Logged in as QA user {st.session_state['qa_user']}.")
st.button("Log out", key="qa-logout", on_click=_log_out)

choices = data.indicator_choices()
indicator_id = st.selectbox("Indicator", list(choices), format_func=choices.get, index=None,
                            placeholder="Choose an indicator", key="qa-indicator")
if indicator_id is None:
    st.stop()

figures = data.figures(load, selection, indicator_id)
st.subheader(f"{choices[indicator_id]}: {selection.period_text}", anchor=False)
st.caption(f"{selection.population_text}. Load {load.run_id}. Raw figures, not suppressed.")
if figures.unavailable:
    st.info(figures.unavailable, icon=":material/info:")
    st.stop()
numerator, denominator, value = st.columns(3)
numerator.metric("Numerator (raw)", figures.numerator)
denominator.metric("Denominator (raw)", figures.denominator)
value.metric("Value (raw)", figures.value)

table = data.rows(load, selection, indicator_id)
st.markdown(f"**{len(table):,} records behind this number**")
table_with_download(table, f"rows behind {indicator_id} {selection.period_end.isoformat()}",
                    key="qa-rows")
