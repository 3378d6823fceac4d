"""Suite-wide settings."""

import gc
import logging
import os
import sys

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


def pytest_sessionfinish(session, exitstatus):
    """Close the DuckDB connections Streamlit's resource cache holds from AppTest runs, so the
    interpreter does not report them as leaked objects after the test summary."""
    if "streamlit" not in sys.modules:
        return
    import streamlit as st

    for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
        logging.getLogger(name).setLevel(logging.ERROR)  # "No runtime found" is expected here
    st.cache_resource.clear()
    st.cache_data.clear()
    gc.collect()
