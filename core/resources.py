"""The one module that imports streamlit: cached, process-wide resources for the pages."""
from __future__ import annotations

import os

import streamlit as st

from core.engine import Engine, build_engine
from core.settings import Settings


def _secrets() -> dict:
    try:
        return {k: v for k, v in st.secrets.items()}
    except Exception:  # no secrets.toml at all: that is a normal way to run
        return {}


@st.cache_resource
def get_settings() -> Settings:
    """Settings from the environment and `.streamlit/secrets.toml`."""
    return Settings.load(os.environ, _secrets())


@st.cache_resource
def get_engine() -> Engine:
    """The engine every browser session shares: one pool, one lobby, one writer."""
    return build_engine(get_settings())
