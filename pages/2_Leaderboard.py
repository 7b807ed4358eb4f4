"""Leaderboard: the fastest won games, by period and word, with the viewer's own best."""
from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from core.difficulty import LEVEL_NAMES
from core.i18n import t
from core.identity import player_from_token
from core.leaderboard import PERIODS, best_guessers, board_for, display_name, period_start
from core.lengths import board_lengths, is_more_time, length_label
from core.play import guesser_label
from core.resources import current_language, get_engine, page_style

st.set_page_config(page_title="Pictionary Arena: leaderboard", page_icon="🏆", layout="wide")
page_style()
engine = get_engine()
st.title("🏆 Leaderboard")
st.caption("The fastest games: how long the winner took to name the drawing (👤 marks a person in the room). "
           "Ties go to the earlier game.")

period = st.segmented_control("Period", PERIODS, default="All time", key="period") or "All time"
level = st.segmented_control("Difficulty", ("any", *LEVEL_NAMES), default="any", key="difficulty",
                             format_func=lambda v: LEVEL_NAMES.get(v, "Any"),
                             help="Fastest times compare fairly within one difficulty: an easy word is named sooner.")
word = st.selectbox("Word", ["All words", *engine.store.words_played()], key="word")
# Each game length is ranked apart (a player's "more time" would make speed unfair), the standard first.
length_lang, standard = current_language(), engine.settings.GAME_SECONDS
lengths = board_lengths(standard, engine.settings.game_lengths, engine.store.lengths_won())
length = standard if len(lengths) == 1 else st.segmented_control(
    t(length_lang, "length.label"), lengths, default=standard, key="length", help=t(length_lang, "length.board_note"),
    format_func=lambda s: length_label(length_lang, s, standard)) or standard
rows = engine.store.leaderboard(since=period_start(period, time.time()),
                                word=None if word == "All words" else word,
                                difficulty=None if level in (None, "any") else level, length=length)
if is_more_time(length, standard):
    st.info(t(length_lang, "length.board_more_time", seconds=f"{length:.0f}"))
viewer = player_from_token(st.session_state.get("player_token") or st.query_params.get("player"),
                           engine.player_secret)
board = board_for(rows, viewer)


def table(ranked: list[dict]) -> None:
    """Rows as a table; names are data, never markup; each row links to its game."""
    frame = pd.DataFrame([{
        "Rank": r["rank"], "Player": display_name(r) + (" (you)" if r["player_id"] == viewer else ""),
        "Word": r["word"], "Difficulty": LEVEL_NAMES.get(r["difficulty"], "—"), "Seconds": round(r["duration_s"], 2),
        "Won by": guesser_label(r["winner"], bool(r.get("winner_human"))),
        **({t(length_lang, "length.column"): length_label(length_lang, r["game_seconds"], standard)}
           if is_more_time(r.get("game_seconds"), standard) else {}),
        "Game": f"/Game?game={r['id']}",
    } for r in ranked])
    st.dataframe(frame, hide_index=True, column_config={
        "Game": st.column_config.LinkColumn("Game", display_text="open"),
        "Seconds": st.column_config.NumberColumn(format="%.2f s")})


if not rows:
    st.info("No won games here yet. Play one and be the first on the board!")
    st.page_link("Home.py", label="Play", icon="🎨")
else:
    table(board.top)
    if board.mine:
        st.subheader(f"Your best: rank {board.my_rank} of {len(rows)}")
        table(board.mine)
    elif board.my_rank:
        st.success(f"Your best game is number {board.my_rank}!")

st.subheader("👤 Best guessers in the room")
st.caption("People who named the word first, beating the models: how often, and how fast (median).")
people = best_guessers(engine.store.human_wins(period_start(period, time.time()), length=length))
if people:
    st.dataframe(pd.DataFrame([{"Rank": r["rank"], "Guesser": r["nickname"] + (" (you)" if r["player_id"] == viewer
                                                                              else ""),
                                "Right guesses": r["right"], "Median seconds": round(r["median_s"], 2)}
                               for r in people]), hide_index=True,
                 column_config={"Median seconds": st.column_config.NumberColumn(format="%.2f s")})
else:
    st.caption("Nobody in the room has beaten the models yet in this period: open Spectate and guess!")
