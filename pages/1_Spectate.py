"""Spectate: every running game live, a game to guess from a phone, the latest replays, and presenter mode."""
from __future__ import annotations

import time

import streamlit as st

from core.audience import GuessRefused, OwnGame, may_guess, refusal_message
from core.lobby import GameNotFound, check_game_id
from core.nicknames import BadNickname, as_markdown_text, clean_nickname
from core.play import resting_notice
from core.resources import current_player, get_engine, live_view, page_style
from core.share import flag, qr_png, room_url

present = flag(st.query_params.get("present"))
st.set_page_config(page_title="Pictionary Arena: spectate", page_icon="👀", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
page_style(*(["presenter"] if present else []))
engine = get_engine()
player, token = current_player(engine)
# Came with the room (presenter mode's QR code): a turn at drawing gets the room's event list, if one is in use.
room = st.session_state.setdefault("room", False) or flag(st.query_params.get("room"))
st.session_state.room = room
# The games, their clocks and guesses, and the replays are drawn in the browser from the app's JSON
# routes (core/web.py): this script runs once per visit (and per guess), not once a second.


def nickname_form() -> None:
    """The room's guesses carry a name: pick one before the first."""
    with st.form("nickname"):
        name = st.text_input("Your nickname, so the room knows who guessed", max_chars=40)
        if st.form_submit_button("Start guessing"):
            try:
                engine.store.touch_player(player, time.time())
                engine.store.set_nickname(player, clean_nickname(name))
                st.rerun()
            except BadNickname as exc:
                st.error(str(exc))


def may_guess_here(game_id: str) -> bool:
    """Whether this person gets a guess box for the game; if not, the page says why."""
    if not engine.audience.enabled:
        st.caption("Guessing by the audience is switched off on this server.")
        return False
    game = engine.store.get_game(game_id)
    try:
        may_guess(game, bool(game) and engine.store.game_refused(game_id), player)
    except OwnGame as exc:
        st.info(f"{exc.__doc__} Watch their guesses come in.")
        return False
    except GuessRefused as exc:
        st.info(refusal_message(exc))
        return False
    if (until := engine.audience.resting_until(player, time.time())) is not None:
        st.info(resting_notice(until, time.time()))
        return False
    if not (engine.store.get_player(player) or {}).get("nickname"):
        nickname_form()
        return False
    return True


def one_game(raw: object) -> None:
    """/Spectate?game=ID: one live game, big, with a guess box (phones reach it from presenter mode).

    Guesses go from the box in the browser to /api/guess/ID (core/web.py): the page does not rerun for them."""
    try:
        game_id = check_game_id(raw)
    except GameNotFound:
        st.info("We could not find that game. Here are the live ones.")
        st.page_link("pages/1_Spectate.py", label="All live games", icon="👀")
        return
    st.title("✋ Guess the drawing")
    guess = may_guess_here(game_id)
    live_view("board", key=f"one-{game_id}-{int(guess)}", only=game_id, guesses=6, token=token, home="./",
              game_page="./Game", guess=guess)
    if guess:
        name = (engine.store.get_player(player) or {}).get("nickname") or ""
        st.caption(f"You guess as **{as_markdown_text(name)}**. The first right answer wins, "
                   "whoever gives it: you, or a model.")


if present:
    main, side = st.columns([3, 1])
    with main:
        st.title("🎨 Pictionary Arena: live")
        live_view("present", key="present", guesses=4, every_ms=500, token=token)
    with side:
        base = (engine.settings.PUBLIC_URL or "http://localhost:8501").rstrip("/")
        st.image(qr_png(room_url(engine.settings.PUBLIC_URL)), width=280)
        st.markdown(f"## Join at\n**{as_markdown_text(base)}/Spectate**")
        st.caption("Scan it to guess the drawings from your phone, race the models, or take a turn drawing.")
        if not engine.settings.PUBLIC_URL:
            st.caption("Set PUBLIC_URL to show this app's public address.")
        live_view("side", key="side")
elif (wanted := st.query_params.get("game")) is not None:
    one_game(wanted)
    if room:
        st.page_link("Home.py", label="Take a turn drawing", icon="🎨", query_params={"room": "1"})
else:
    st.title("👀 Spectate")
    show = st.toggle("Show the words", value=False,
                     help="You can still watch; a game whose word you have seen is one you should not guess.")
    live_view("board", key=f"board-{int(show)}", words=show, gallery=True, token=token, home="./",
              game_page="./Game", guess_links=engine.audience.enabled and not show)
    if room:
        st.page_link("Home.py", label="Take a turn drawing", icon="🎨", query_params={"room": "1"})
    st.page_link("pages/1_Spectate.py", label="Presenter mode", icon="📽️", query_params={"present": "1"})
