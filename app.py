"""Pictionary Arena's entry point: the Streamlit pages (Home.py and pages/) plus the app's own HTTP routes.

    streamlit run app.py
"""
import logging
from contextlib import asynccontextmanager

import streamlit as st

from core.collector import parse_gc_tuning, tune_collector
from core.resources import get_engine, get_settings, slow_config_polling
from core.web import api_routes

# The routes read the shared engine (an st.cache_resource) outside any script run, which is fine.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)



@asynccontextmanager
async def lifespan(_app):
    """At start-up, once Streamlit and the app's modules are loaded: tune the garbage collector (GC_TUNING), and
    look at Streamlit's config files less often."""
    logging.getLogger("core.collector").warning(tune_collector(parse_gc_tuning(get_settings().GC_TUNING)))
    logging.getLogger("core.resources").warning(slow_config_polling())
    yield


app = st.App("Home.py", routes=api_routes(get_engine), lifespan=lifespan)
