"""Spectate: every running game live, the latest replays, and a presenter mode for a big screen."""
from __future__ import annotations

import time

import streamlit as st

from core.nicknames import as_markdown_text
from core.play import guess_lines, time_left
from core.resources import get_engine, page_style
from core.share import flag, qr_png

present = flag(st.query_params.get("present"))
st.set_page_config(page_title="Pictionary Arena: spectate", page_icon="👀", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
page_style(*(["presenter"] if present else []))
engine = get_engine()


@st.fragment(run_every=1.0)
def live_games(show_words: bool, max_guesses: int) -> None:
    """The running games: latest frame, time left, the guesses so far; refreshed in place every second."""
    now = time.time()
    shown = 0
    for game in engine.lobby.running_games():
        snap = engine.pool.snapshot(game["game_id"])
        if snap is None or any(g.refused for g in snap.guesses):
            continue  # a drawing the models declined stays off the public screens
        shown += 1
        left, right = st.columns([3, 2])
        frame = engine.store.latest_frame(game["game_id"])
        word = game["word"] if show_words else "❓" * len(game["word"])
        with left:
            st.subheader(f"Game {shown}: {word}")
            if frame:
                st.image(frame["png"], width="stretch")
            else:
                st.caption("Waiting for the first stroke...")
        with right:
            remaining = time_left(game["deadline"], now)
            st.progress(remaining / max(1.0, game["deadline"] - game["started_at"]), text=f"⏱️ {remaining:.0f} s left")
            for line in guess_lines(snap, game["started_at"])[:max_guesses]:
                st.markdown(f"{line.mark} **{as_markdown_text(line.guesser)}**: {as_markdown_text(line.text)}")
    if not shown:
        st.info("No game is running right now. Be the first to play!")
        st.page_link("Home.py", label="Play", icon="🎨")


@st.fragment(run_every=10.0)
def gallery() -> None:
    """The latest finished games as animated replays, each linking to its page."""
    games = engine.store.recent_finished(limit=8)
    if not games:
        return
    st.subheader("Latest games")
    for row in (games[i:i + 4] for i in range(0, len(games), 4)):
        for col, g in zip(st.columns(4), row):
            col.image(engine.store.get_replay(g["id"]), caption=f"{g['word']}")
            col.page_link("pages/3_Game.py", label="Open", query_params={"game": g["id"]})


def presenter_panel() -> None:
    """The side panel on the big screen: how to join, the queue, the latest winners."""
    url = engine.settings.PUBLIC_URL or "http://localhost:8501"
    st.image(qr_png(url), width=280)
    st.markdown(f"## Join at\n**{as_markdown_text(url)}**")
    if not engine.settings.PUBLIC_URL:
        st.caption("Set PUBLIC_URL to show this app's public address.")
    st.markdown(f"**{engine.lobby.queue_length()}** waiting to play")
    for g in engine.store.recent_winners(limit=5):
        st.markdown(f"🏆 {as_markdown_text(g['word'])}: {as_markdown_text(g['winner'])} in {g['duration_s']:.1f} s")


if present:
    main, side = st.columns([3, 1])
    with main:
        st.title("🎨 Pictionary Arena: live")
        live_games(show_words=False, max_guesses=4)
    with side:
        st.fragment(run_every=5.0)(presenter_panel)()
else:
    st.title("👀 Spectate")
    show = st.toggle("Show the words", value=False)
    live_games(show_words=show, max_guesses=8)
    gallery()
    st.page_link("pages/1_Spectate.py", label="Presenter mode", icon="📽️", query_params={"present": "1"})
