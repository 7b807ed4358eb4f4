"""Stats for the team: which model wins, how fast, at what cost."""
from __future__ import annotations

import time

import numpy as np
import pandas as pd
import streamlit as st

from core.charts import heatmap_chart, latency_chart, rating_chart, spend_chart, time_to_win_chart, win_rate_chart
from core.i18n import t
from core.leaderboard import PERIODS, period_start
from core.resources import current_language, get_engine, language_chooser, page_style
from core.stats import (
    SUMMARY_TITLES,
    guesser_summary,
    head_to_head,
    people_as_one_guesser,
    spend_by_day,
    standard_length,
    summary_table,
    summary_title,
    word_guesser_success,
)

lang = current_language()
st.set_page_config(page_title=t(lang, "stats.page_title"), page_icon="📊", layout="wide")
page_style()
language_chooser(lang)
engine = get_engine()
st.title(t(lang, "stats.title"))

period = st.segmented_control(t(lang, "leaderboard.period"), PERIODS, default="This week", key="period",
                              format_func=lambda p: t(lang, f"leaderboard.period.{p}")) or "This week"
since = period_start(period, time.time())
with_written = st.toggle(t(lang, "stats.with_written"), value=False, key="with-written",
                         help=t(lang, "stats.with_written_help"))
games = pd.DataFrame(engine.store.games_since(since, with_written=with_written))
guesses = pd.DataFrame(engine.store.guesses_since(since, with_written=with_written))
if games.empty or guesses.empty:
    st.info(t(lang, "stats.empty"))
    st.page_link("Home.py", label=t(lang, "leaderboard.play"), icon="🎨")
    st.stop()

games, guesses = people_as_one_guesser(games, guesses)  # the room's guesses, as one guesser beside the models
every_guess = guesses  # the spend counts every game; speed and wins compare games of the standard length only
games, guesses, longer = standard_length(games, guesses, engine.settings.GAME_SECONDS)
if longer:
    st.caption(t(current_language(), "length.stats_note", seconds=f"{engine.settings.GAME_SECONDS:.0f}", count=longer))
summary = guesser_summary(games, guesses)
st.caption(t(lang, "stats.counts", games=len(games), guesses=len(guesses)))
share = dict(min_value=0.0, max_value=1.0, format="percent")
col = {field: summary_title(field, lang) for field in SUMMARY_TITLES}  # the table's titles, in the page's language
st.dataframe(summary_table(summary, lang), hide_index=True, column_config={
    col["win_rate"]: st.column_config.ProgressColumn(**share),
    col["right_rate"]: st.column_config.NumberColumn(format="percent", help=t(lang, "stats.named_it_help")),
    col["median_s_to_first_correct"]: st.column_config.NumberColumn(format="%.1f"),
    col["median_frames_to_first_correct"]: st.column_config.NumberColumn(format="%.0f"),
    col["tokens_per_game"]: st.column_config.NumberColumn(format="%.0f"),
    col["cost_per_game"]: st.column_config.NumberColumn(format="$%.5f", help=t(lang, "stats.price_help")),
    col["cost_per_win"]: st.column_config.NumberColumn(format="$%.5f"),
    **{col[k]: st.column_config.NumberColumn(format="percent") for k in ("error_rate", "refusal_rate", "timeout_rate")},
    col["latency_p50_ms"]: st.column_config.NumberColumn(format="%.0f"),
    col["latency_p95_ms"]: st.column_config.NumberColumn(format="%.0f"),
})
left, right = st.columns(2)
left.altair_chart(win_rate_chart(summary, lang), width="stretch")
right.altair_chart(time_to_win_chart(summary, lang), width="stretch")
left.altair_chart(latency_chart(guesses, lang), width="stretch")
ratings = head_to_head(games, guesses, np.random.default_rng(0))
if len(ratings):  # an empty chart is an empty picture to a screen reader too: say so instead
    right.altair_chart(rating_chart(ratings, lang), width="stretch")
else:
    right.caption(t(lang, "stats.no_rating"))
st.altair_chart(spend_chart(spend_by_day(every_guess, engine.settings.DAILY_BUDGET_USD), engine.settings.DAILY_BUDGET_USD,
                            lang),
                width="stretch")
st.altair_chart(heatmap_chart(word_guesser_success(games, guesses), lang=lang), width="stretch")
