"""Neglect Insight dashboard: the page list, once. Run with `neglect-insight serve`.

Sections: Strategy (the scorecard against the partnership's targets), Board (one page per
indicator family) and Quality (how each number is defined, and the data quality of each
delivery). Pages read through dashboard.data only; the global filters live in the sidebar.
"""

import streamlit as st

st.set_page_config(page_title="Neglect Insight", page_icon=":material/family_restroom:",
                   layout="wide", initial_sidebar_state="expanded",
                   menu_items={"Get help": None, "Report a bug": None,
                               "About": "Neglect Insight: child neglect across early help, "
                                        "children in need and child protection, for local "
                                        "safeguarding children partnerships."})

navigation = st.navigation({
    "Strategy": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:",
                url_path="overview", default=True),
    ],
    "Board": [
        st.Page("pages/prevalence.py", title="Neglect prevalence", icon=":material/groups:",
                url_path="prevalence"),
        st.Page("pages/repeat_plans.py", title="Repeat plans and plan durations",
                icon=":material/replay:", url_path="repeat-plans"),
        st.Page("pages/rereferrals.py", title="Re-referrals", icon=":material/sync_alt:",
                url_path="rereferrals"),
        st.Page("pages/attendance.py", title="School attendance", icon=":material/school:",
                url_path="attendance"),
        st.Page("pages/drift.py", title="Drift and timeliness", icon=":material/schedule:",
                url_path="drift"),
        st.Page("pages/flows.py", title="Flows between services",
                icon=":material/account_tree:", url_path="flows"),
        st.Page("pages/cooccurring_factors.py", title="Co-occurring factors",
                icon=":material/join_inner:", url_path="cooccurring-factors"),
    ],
    "Quality": [
        st.Page("pages/methodology.py", title="Methodology", icon=":material/menu_book:",
                url_path="methodology"),
        st.Page("pages/data_quality.py", title="Data quality", icon=":material/fact_check:",
                url_path="data-quality"),
    ],
})
navigation.run()
