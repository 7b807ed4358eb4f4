"""Pictionary Arena's entry point: the Streamlit pages (Home.py and pages/) plus the app's own HTTP routes.

    streamlit run app.py
"""
import logging

import streamlit as st

from core.resources import get_engine
from core.web import api_routes

# The routes read the shared engine (an st.cache_resource) outside any script run, which is fine.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)

app = st.App("Home.py", routes=api_routes(get_engine))
