"""The Streamlit dashboard: pages read models through `dashboard.data`, never SQL of their own."""

from pathlib import Path

APP_PATH = Path(__file__).with_name("app.py")
