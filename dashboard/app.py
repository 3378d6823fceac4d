"""Neglect Insight dashboard: the page list, once. Run with `neglect-insight serve`.

Sections: Strategy (the scorecard against the partnership's targets), Board (one page per
indicator family) and Quality (how each number is defined, and the data quality of each
delivery). Pages read through dashboard.data only; the global filters live in the sidebar.
Each page's URL is its file name (/prevalence, /repeat_plans): see components/page.py for why.
The sidebar's links are our own (components/navigation.py), not Streamlit's: add a page with one
st.Page line in its section below.
"""

import streamlit as st

from neglect_insight.dashboard.components import navigation

# No page_icon and no st.Page icons: Streamlit fetches a Material icon used as the browser tab's
# favicon from fonts.gstatic.com, and the dashboard must work offline.
st.set_page_config(page_title="Neglect Insight", layout="wide", initial_sidebar_state="expanded",
                   menu_items={"Get help": None, "Report a bug": None,
                               "About": "Neglect Insight: child neglect across early help, "
                                        "children in need and child protection, for local "
                                        "safeguarding children partnerships."})

PAGES = {
    "Strategy": [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/board_pack.py", title="Board pack"),
    ],
    "Board": [
        st.Page("pages/prevalence.py", title="Neglect prevalence"),
        st.Page("pages/repeat_plans.py", title="Repeat plans and plan durations"),
        st.Page("pages/rereferrals.py", title="Re-referrals"),
        st.Page("pages/attendance.py", title="School attendance"),
        st.Page("pages/drift.py", title="Drift and timeliness"),
        st.Page("pages/flows.py", title="Flows between services"),
        st.Page("pages/cooccurring_factors.py", title="Co-occurring factors"),
        st.Page("pages/practice.py", title="Practice on neglect"),
    ],
    "Quality": [
        st.Page("pages/methodology.py", title="Methodology"),
        st.Page("pages/data_quality.py", title="Data quality"),
        st.Page("pages/rows_behind.py", title="Rows behind a number", url_path="rows_behind"),
        st.Page("pages/audit.py", title="Audit log"),
    ],
}
# Pages for QA users or administrators only (the role each page's page.require asks for), by
# url path; every other page is for board members. The sidebar lists only the pages a role may
# open.
ROLES = {"rows_behind": "qa", "audit": "admin"}

navigation.run(PAGES, ROLES)
