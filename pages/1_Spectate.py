"""Spectate: every running game live, a game to guess from a phone, the latest replays, and presenter mode."""
from __future__ import annotations

import time

import streamlit as st

from core.audience import GuessRefused, OwnGame, may_guess
from core.lobby import GameNotFound, check_game_id
from core.moderation import PlayerResting
from core.nicknames import BadNickname, as_markdown_text, clean_nickname
from core.play import resting_notice
from core.resources import current_player, get_engine, live_view, page_style
from core.share import flag, qr_png

present = flag(st.query_params.get("present"))
st.set_page_config(page_title="Pictionary Arena: spectate", page_icon="👀", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
page_style(*(["presenter"] if present else []))
engine = get_engine()
player, token = current_player(engine)
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


def guess_box(game_id: str) -> None:
    """A guess box for one live game: judged and refereed as a model's guess is."""
    if said := st.session_state.pop("guess-said", None):
        (st.success if said[0] else st.info)(said[1])
    if not engine.audience.enabled:
        st.caption("Guessing by the audience is switched off on this server.")
        return
    game = engine.store.get_game(game_id)
    try:
        may_guess(game, engine.store.game_guesses(game_id) if game else [], player)
    except OwnGame as exc:
        st.info(f"{exc.__doc__} Watch their guesses come in.")
        return
    except GuessRefused as exc:
        st.info(str(exc) or exc.__doc__)
        return
    if not (engine.store.get_player(player) or {}).get("nickname"):
        nickname_form()
        return
    if text := st.chat_input("Your guess", max_chars=80, key=f"guess-{game_id}"):
        try:
            g = engine.audience.guess(game_id, player, text, time.time())
            st.session_state["guess-said"] = (g.won, f"🎉 You got it in {g.seconds:.1f} s, ahead of the models!"
                                              if g.won else f"“{g.text}”: {g.reason}. Keep guessing!")
        except PlayerResting as exc:
            st.session_state["guess-said"] = (False, resting_notice(exc.until, time.time()))
        except GuessRefused as exc:
            st.session_state["guess-said"] = (False, str(exc) or exc.__doc__)
        st.rerun()


def one_game(raw: object) -> None:
    """/Spectate?game=ID: one live game, big, with a guess box (phones reach it from presenter mode)."""
    try:
        game_id = check_game_id(raw)
    except GameNotFound:
        st.info("We could not find that game. Here are the live ones.")
        st.page_link("pages/1_Spectate.py", label="All live games", icon="👀")
        return
    st.title("✋ Guess the drawing")
    live_view("board", key=f"one-{game_id}", only=game_id, guesses=6, token=token, home="./", game_page="./Game")
    guess_box(game_id)


if present:
    main, side = st.columns([3, 1])
    with main:
        st.title("🎨 Pictionary Arena: live")
        live_view("present", key="present", guesses=4, every_ms=500, token=token)
    with side:
        base = (engine.settings.PUBLIC_URL or "http://localhost:8501").rstrip("/")
        st.image(qr_png(base + "/Spectate"), width=280)
        st.markdown(f"## Join at\n**{as_markdown_text(base)}/Spectate**")
        st.caption("Scan it to guess the drawings from your phone, race the models, or take a turn drawing.")
        if not engine.settings.PUBLIC_URL:
            st.caption("Set PUBLIC_URL to show this app's public address.")
        live_view("side", key="side")
elif (wanted := st.query_params.get("game")) is not None:
    one_game(wanted)
else:
    st.title("👀 Spectate")
    show = st.toggle("Show the words", value=False,
                     help="You can still watch; a game whose word you have seen is one you should not guess.")
    live_view("board", key=f"board-{int(show)}", words=show, gallery=True, token=token, home="./",
              game_page="./Game", guess_links=engine.audience.enabled and not show)
    st.page_link("pages/1_Spectate.py", label="Presenter mode", icon="📽️", query_params={"present": "1"})
