"""About: what the game is, how the models are asked, how hard each word is, what is stored, and credits."""
from __future__ import annotations

import streamlit as st

from core.difficulty import LEVEL_NAMES, MIN_GAMES, PRIOR_GAMES, QUICKDRAW_SECONDS
from core.guessers import describe_guessers
from core.guessers.prompt import build_prompt
from core.i18n import t
from core.nicknames import as_markdown_text
from core.play import games_at_once, level_name
from core.resources import current_language, get_engine, language_chooser, page_style

lang = current_language()
st.set_page_config(page_title=t(lang, "about.page_title"), page_icon="ℹ️")
page_style()
language_chooser(lang)
engine = get_engine()
s = engine.settings

st.title(t(lang, "about.title"))
st.markdown(t(lang, "about.intro", seconds=s.GAME_SECONDS, cap=games_at_once(s.MAX_CONCURRENT_GAMES, lang)))

st.header(t(lang, "about.who_plays"))
for line in describe_guessers(s, lang):
    st.markdown(f"- {line}")

st.header(t(lang, "about.how_asked"))
st.markdown(t(lang, "about.how_asked_body", side=s.IMAGE_MAX_SIDE, fast=s.FAST_GUESSES, min_interval=s.MIN_GUESS_INTERVAL,
              max_interval=s.MAX_GUESS_INTERVAL, max_guesses=s.MAX_GUESSES_PER_GAME))
st.code(build_prompt([]), language=None, wrap_lines=True)  # wrapped: no scrolling box a keyboard can't reach
st.markdown(t(lang, "about.example_line"))
st.code(build_prompt(["dog", "house"]), language=None, wrap_lines=True)
st.markdown(t(lang, "about.judge_rule"))

st.header(t(lang, "about.how_hard"))
cuts = engine.book.table.cuts
st.markdown(t(lang, "about.how_hard_body", quickdraw=QUICKDRAW_SECONDS, easy_from=cuts.easy_from,
              hard_below=cuts.hard_below, min_games=MIN_GAMES, prior_games=PRIOR_GAMES))
lists = [engine.book.default] + ([active] if (active := engine.book.active(room=True)) is not engine.book.default
                                 else [])
for wl in lists:
    levels = engine.book.by_level(wl)
    st.subheader(t(lang, "about.words_of", name=wl.name if wl is not engine.book.default else "words.txt"))
    for level, words in levels.items():
        if words or level is not None:
            with st.expander(t(lang, "about.level_count", count=len(words), level=level_name(level, lang)
                                  if level in LEVEL_NAMES else t(lang, "about.not_rated"))):
                st.markdown(as_markdown_text(", ".join(words)) or t(lang, "about.none"))

st.header(t(lang, "about.draw_dont_write"))
st.markdown(t(lang, "about.draw_dont_write_body"))

st.header(t(lang, "about.stored"))
st.markdown(t(lang, "about.stored_body", days=s.RETENTION_DAYS, never="" if s.RETENTION_DAYS else t(lang, "about.never")))

st.header(t(lang, "about.credits"))
st.markdown(t(lang, "about.credits_body"))
