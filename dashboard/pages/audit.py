"""Audit log (Quality, administrators): who signed in, viewed or downloaded rows, was refused
a page, loaded, refused or rolled back a delivery, and when. The same log that
`neglect-insight audit` prints. Reader: dashboard/data/audit.py (pipelines/audit.py writes it).
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from neglect_insight.dashboard.components import page
from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data import audit as data

DAYS_SHOWN = 30

page.title(
    "Audit log",
    "Every sign-in, failed sign-in, view or download of child-level rows, page refused, load, "
    "refused delivery and rollback, newest first. The log is only ever added to.",
    role="admin")

since_column, actions_column = st.columns([1, 3])
since = since_column.date_input("From (UTC)", date.today() - timedelta(days=DAYS_SHOWN),
                                key="audit-since")
actions = actions_column.multiselect("Actions", list(data.ACTION_LABELS),
                                     format_func=data.ACTION_LABELS.get, key="audit-actions",
                                     placeholder="Every action")
table = data.events(since, actions)  # a cleared date (None) shows every event
shown_from = f"from {since:%d %B %Y}" if since else "since the log began"
st.caption(f"{len(table):,} events {shown_from}, read from {data.log_file()}.")
if table.empty:
    st.info("No events to show for these choices.", icon=":material/info:")
else:
    table_with_download(table, f"audit log {shown_from}", key="audit")
