"""The "What changed since the previous load" section of the Data quality page."""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data.load_changes import LoadChanges


def what_changed(changes: LoadChanges) -> None:
    st.header("What changed since the previous load", anchor="changes")
    st.caption(changes.caption)
    if not changes.compared:
        return
    if not changes.files.empty:
        st.subheader("Rows per file", anchor=False)
        table_with_download(changes.files, "Rows per file since the previous load",
                            "changes-files")
    if changes.values.empty:
        st.success("No indicator moved: every figure is as the previous load gave it.",
                   icon=":material/check_circle:")
        return
    st.subheader("Indicator values that moved", anchor=False)
    table_with_download(changes.values, "What changed since the previous load", "changes")
