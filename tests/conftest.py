"""Suite-wide settings."""

import gc
import os

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


def pytest_sessionfinish(session, exitstatus):
    """Close the DuckDB connections Streamlit's resource cache holds from AppTest runs, so the
    interpreter does not report them as leaked objects after the test summary."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    gc.collect()
