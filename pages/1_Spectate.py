"""Spectate: every running game live, the latest replays, and a presenter mode for a big screen."""
from __future__ import annotations

import streamlit as st

from core.nicknames import as_markdown_text
from core.resources import get_engine, live_view, page_style
from core.share import flag, qr_png

present = flag(st.query_params.get("present"))
st.set_page_config(page_title="Pictionary Arena: spectate", page_icon="👀", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
page_style(*(["presenter"] if present else []))
engine = get_engine()
# The games, their clocks and guesses, and the replays are drawn in the browser from the app's JSON
# routes (core/web.py): this script runs once per visit, not once a second.
token = st.session_state.get("player_token")

if present:
    main, side = st.columns([3, 1])
    with main:
        st.title("🎨 Pictionary Arena: live")
        live_view("present", key="present", guesses=4, every_ms=500, token=token)
    with side:
        url = engine.settings.PUBLIC_URL or "http://localhost:8501"
        st.image(qr_png(url), width=280)
        st.markdown(f"## Join at\n**{as_markdown_text(url)}**")
        if not engine.settings.PUBLIC_URL:
            st.caption("Set PUBLIC_URL to show this app's public address.")
        live_view("side", key="side")
else:
    st.title("👀 Spectate")
    show = st.toggle("Show the words", value=False)
    live_view("board", key=f"board-{int(show)}", words=show, gallery=True, token=token, home="./",
              game_page="./Game")
    st.page_link("pages/1_Spectate.py", label="Presenter mode", icon="📽️", query_params={"present": "1"})
