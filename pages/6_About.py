"""About: what the game is, how the models are asked, how hard each word is, what is stored, and credits."""
from __future__ import annotations

import streamlit as st

from core.difficulty import LEVEL_NAMES, MIN_GAMES, PRIOR_GAMES, QUICKDRAW_SECONDS
from core.guessers import describe_guessers
from core.guessers.prompt import build_prompt
from core.nicknames import as_markdown_text
from core.play import games_at_once
from core.resources import get_engine, page_style

st.set_page_config(page_title="Pictionary Arena: about", page_icon="ℹ️")
page_style()
engine = get_engine()
s = engine.settings

st.title("ℹ️ About Pictionary Arena")
st.markdown(f"""
You draw a secret word; vision models race to name it **while you are still drawing**. A game
lasts {s.GAME_SECONDS:.0f} seconds; the first model to name the word wins, and the time it took is
the game's score. {games_at_once(s.MAX_CONCURRENT_GAMES)} (to keep the bill in check);
other players wait in a queue. It is inspired by Answer.AI's "Moodle" game.
""")

st.header("Who plays")
for line in describe_guessers(s):
    st.markdown(f"- {line}")

st.header("How the models are asked")
st.markdown(f"""
Every model gets the same single message, with no system prompt: the drawing, cropped to the ink,
in greyscale and at most {s.IMAGE_MAX_SIDE} px on its long side, followed by this text. A model
answers again when the drawing has changed: its first {s.FAST_GUESSES} guesses of a game at most
once every {s.MIN_GUESS_INTERVAL:g} s, then less and less often (up to {s.MAX_GUESS_INTERVAL:g} s
apart, and later for a small change), at most {s.MAX_GUESSES_PER_GAME} times a game; the offline model
guesses every change. Reasoning or "thinking" is switched off or set to its minimum.
""")
st.code(build_prompt([]), language=None)
st.markdown("Once some guesses have been made, a line is added, for example:")
st.code(build_prompt(["dog", "house"]), language=None)
st.markdown("A reply counts when it names the word or one of its aliases: case, punctuation, "
            "Markdown, articles and plurals do not matter, but a different word that contains it "
            "(\"school bus\" for \"bus\") does not count.")

st.header("How hard a word is")
cuts = engine.book.table.cuts
st.markdown(f"""
Every word is **Easy**, **Medium** or **Hard**, measured, not chosen by taste. Its *ease* is the share
of drawings in which it was recognized, times the share of the time still left when it was (the median).
We first measured it with our offline model on Quick, Draw! drawings by people outside our training
data (a drawing there gets {QUICKDRAW_SECONDS:.0f} s), then split the words in thirds: ease at least
{cuts.easy_from:.2f} is Easy, below {cuts.hard_below:.2f} Hard. Once a word has {MIN_GAMES} finished games
here, their ease (how often it was guessed, and how soon in the game) counts too, the model's measure
weighing as much as {PRIOR_GAMES} games; so a word moves level when play says so. Words the offline
model does not know (in an event list) get a level from their games alone. Before you play, you may
pick a difficulty and a pack; you never get a word you already drew in that choice.
""")
lists = [engine.book.default] + ([active] if (active := engine.book.active(room=True)) is not engine.book.default
                                 else [])
for wl in lists:
    levels = engine.book.by_level(wl)
    st.subheader(f"The words of {wl.name}" if wl is not engine.book.default else "The words of words.txt")
    for level, words in levels.items():
        if words or level is not None:
            with st.expander(f"{LEVEL_NAMES.get(level, 'Not rated yet')}: {len(words)} words"):
                st.markdown(as_markdown_text(", ".join(words)) or "none")

st.header("Draw, don't write")
st.markdown("""
Vision models read handwriting very well, so writing the word is not drawing it. While a game runs,
its newest drawing is read for letters (at most once a second, and once more at the end). If the
letters spell the word or one of its other names, or most of it (at least 60% of its letters in
order, with at least four letters, or the word with one letter wrong; a short word like *cat* must
be written exactly), you see a note at once so you can erase them, the game goes on and can still be
won, but it does not enter the leaderboard, and its page says why. Other writing is normal
Pictionary: an N on a compass, the numbers on a clock, STOP on a stop sign (four letters of
*stop sign* is less than 60%). An admin can clear a false alarm (the game goes back on the
leaderboard) or confirm it; several confirmed ones rest a player like drawings the models refused.
""")

st.header("What is stored, and for how long")
st.markdown(f"""
- **Your player id**: a random id in the page address, signed by the server, so a reload keeps your
  game. There is no sign-up. (A server run as several processes behind its proxy sets one random
  cookie, so your browser keeps to one of them.)
- **Your nickname**, if you give one, shown on the leaderboard as plain text.
- **Each game**: the word, when it started and ended, the result.
- **Your drawing**, as the frames the models saw, and an animated replay. They are deleted
  {s.RETENTION_DAYS:g} days after the game{"" if s.RETENTION_DAYS else " (never, on this server)"}.
- **Every guess**: the model's answer, how long it took, the tokens it used and what it cost.

A drawing that a model declined to look at (a refusal or a safety block) is hidden from the
public pages until an admin has looked at it.
""")

st.header("Credits")
st.markdown("""
The offline sketch model is a small neural network trained by this project on drawings from
Google's [Quick, Draw!](https://quickdraw.withgoogle.com/data) data set, made available by Google,
Inc. under the [Creative Commons Attribution 4.0 International license](https://creativecommons.org/licenses/by/4.0/).
""")
