"""Opening the app's pages under Streamlit's AppTest, as a browser would."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.settings import ROOT

TIMEOUT = 30


def open_page(script: str = "Home.py", **query: str) -> AppTest:
    """Open the app at its entrypoint, then the page, with these URL parameters, and run it."""
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=TIMEOUT)
    if script != "Home.py":
        at.switch_page(script)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()
