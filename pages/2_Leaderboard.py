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
from core.play import guesser_label, level_name
from core.resources import current_language, get_engine, language_chooser, page_style

lang = current_language()
st.set_page_config(page_title=t(lang, "leaderboard.page_title"), page_icon="🏆", layout="wide")
page_style()
language_chooser(lang)
engine = get_engine()
st.title(t(lang, "leaderboard.title"))
st.caption(t(lang, "leaderboard.intro"))

period = st.segmented_control(t(lang, "leaderboard.period"), PERIODS, default="All time", key="period",
                              format_func=lambda p: t(lang, f"leaderboard.period.{p}")) or "All time"
level = st.segmented_control(t(lang, "leaderboard.col_difficulty"), ("any", *LEVEL_NAMES), default="any",
                             key="difficulty", format_func=lambda v: level_name(v, lang),
                             help=t(lang, "leaderboard.difficulty_help"))
word = st.selectbox(t(lang, "leaderboard.word"), ["", *engine.store.words_played()], key="word",
                    format_func=lambda w: w or t(lang, "leaderboard.all_words"))
# Each game length is ranked apart (a player's "more time" would make speed unfair), the standard first.
length_lang, standard = current_language(), engine.settings.GAME_SECONDS
lengths = board_lengths(standard, engine.settings.game_lengths, engine.store.lengths_won())
length = standard if len(lengths) == 1 else st.segmented_control(
    t(length_lang, "length.label"), lengths, default=standard, key="length", help=t(length_lang, "length.board_note"),
    format_func=lambda s: length_label(length_lang, s, standard)) or standard
rows = engine.store.leaderboard(since=period_start(period, time.time()),
                                word=word or None,
                                difficulty=None if level in (None, "any") else level, length=length)
if is_more_time(length, standard):
    st.info(t(length_lang, "length.board_more_time", seconds=f"{length:.0f}"))
viewer = player_from_token(st.session_state.get("player_token") or st.query_params.get("player"),
                           engine.player_secret)
board = board_for([engine.lobby.localized(r) for r in rows], viewer)  # each word as its game said it


def table(ranked: list[dict]) -> None:
    """Rows as a table; names are data, never markup; each row links to its game."""
    col = {c: t(lang, f"leaderboard.col_{c}") for c in ("rank", "player", "difficulty", "seconds", "won_by", "game")}
    frame = pd.DataFrame([{
        col["rank"]: r["rank"],
        col["player"]: display_name(r, lang) + (t(lang, "leaderboard.you") if r["player_id"] == viewer else ""),
        t(lang, "leaderboard.word"): r["word"],
        col["difficulty"]: level_name(r["difficulty"], lang) if r["difficulty"] in LEVEL_NAMES else "—",
        col["seconds"]: round(r["duration_s"], 2),
        col["won_by"]: guesser_label(r["winner"], bool(r.get("winner_human")), lang),
        **({t(length_lang, "length.column"): length_label(length_lang, r["game_seconds"], standard)}
           if is_more_time(r.get("game_seconds"), standard) else {}),
        col["game"]: f"/Game?game={r['id']}",
    } for r in ranked])
    st.dataframe(frame, hide_index=True, column_config={
        col["game"]: st.column_config.LinkColumn(col["game"], display_text=t(lang, "leaderboard.open")),
        col["seconds"]: st.column_config.NumberColumn(format="%.2f s")})


if not rows:
    st.info(t(lang, "leaderboard.none_yet"))
    st.page_link("Home.py", label=t(lang, "leaderboard.play"), icon="🎨")
else:
    table(board.top)
    if board.mine:
        st.header(t(lang, "leaderboard.your_best", rank=board.my_rank, total=len(rows)))
        table(board.mine)
    elif board.my_rank:
        st.success(t(lang, "leaderboard.your_best_number", rank=board.my_rank))

st.header(t(lang, "leaderboard.best_guessers"))
st.caption(t(lang, "leaderboard.best_guessers_intro"))
people = best_guessers(engine.store.human_wins(period_start(period, time.time()), length=length))
if people:
    median = t(lang, "leaderboard.col_median")
    st.dataframe(pd.DataFrame([{t(lang, "leaderboard.col_rank"): r["rank"],
                                t(lang, "leaderboard.col_guesser"): r["nickname"] + (
                                    t(lang, "leaderboard.you") if r["player_id"] == viewer else ""),
                                t(lang, "leaderboard.col_right"): r["right"], median: round(r["median_s"], 2)}
                               for r in people]), hide_index=True,
                 column_config={median: st.column_config.NumberColumn(format="%.2f s")})
else:
    st.caption(t(lang, "leaderboard.no_people"))
