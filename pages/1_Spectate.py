"""Spectate: every running game live, a game to guess from a phone, the latest replays, and presenter mode."""
from __future__ import annotations

import random
import time

import streamlit as st

from core.audience import guess_gate
from core.i18n import explain, t
from core.lobby import GameNotFound, check_game_id
from core.nicknames import BadNickname, as_markdown_text
from core.play import resting_notice
from core.resources import (
    client_address,
    current_language,
    current_player,
    get_engine,
    language_chooser,
    live_view,
    page_style,
    session_host_token,
)
from core.room import RoomRefused
from core.share import flag, qr_png, room_url

present = flag(st.query_params.get("present"))
lang = current_language()
st.set_page_config(page_title=t(lang, "spectate.page_title"), page_icon="👀", layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
page_style(*(["presenter"] if present else []))
language_chooser(lang)
engine = get_engine()
player, token = current_player(engine)
origin = engine.origin(client_address())
# Came with the room (presenter mode's QR code): a turn at drawing gets the room's event list, if one is in use.
room = st.session_state.setdefault("room", False) or flag(st.query_params.get("room"))
st.session_state.room = room
if (code := st.query_params.get("code")) is not None and not st.session_state.get("code-tried"):
    st.session_state["code-tried"] = True  # the QR code carries the event code: in at once, once
    try:
        engine.room.enter(player, origin, code, time.time())
    except RoomRefused as exc:
        st.session_state["room-notice"] = explain(exc, lang)
# The games, their clocks and guesses, and the replays are drawn in the browser from the app's JSON
# routes (core/web.py): this script runs once per visit (and per guess), not once a second.


def nickname_form() -> None:
    """The room's guesses carry a name: pick one (or, when the host asks, take a generated one) first."""
    if engine.room.rules(time.time()).generated_names:
        suggested = st.session_state.setdefault("suggested-name", engine.room.suggest(random.SystemRandom()))
        st.markdown(t(lang, "spectate.generated_name", name=as_markdown_text(suggested)))
        left, right = st.columns(2)
        if left.button(t(lang, "spectate.use_it"), type="primary", key="take-name"):
            engine.room.set_nickname(player, suggested, time.time())
            st.rerun()
        if right.button(t(lang, "spectate.another"), key="other-name"):
            st.session_state["suggested-name"] = engine.room.suggest(random.SystemRandom())
            st.rerun()
        return
    with st.form("nickname"):
        name = st.text_input(t(lang, "spectate.nickname"), max_chars=40)
        if st.form_submit_button(t(lang, "spectate.start_guessing")):
            try:
                engine.room.set_nickname(player, name, time.time())
                st.rerun()
            except BadNickname as exc:
                st.error(explain(exc, lang))


def code_form() -> None:
    """The event code from the big screen lets a person into the room."""
    with st.form("event-code"):
        given = st.text_input(t(lang, "spectate.event_code"), max_chars=16)
        if st.form_submit_button(t(lang, "spectate.join_room")):
            try:
                engine.room.enter(player, origin, given, time.time())
                st.rerun()
            except RoomRefused as exc:
                st.error(explain(exc, lang))


def may_guess_here(game_id: str) -> bool:
    """Whether this person gets a guess box for the game; if not, the page says why (or asks for what is missing)."""
    game = engine.store.get_game(game_id)
    nickname = (engine.store.get_player(player) or {}).get("nickname")
    gate = guess_gate(engine.audience, game, bool(game) and engine.store.game_refused(game_id), player, nickname,
                      origin, time.time(), lang)
    if gate.kind == "ok":
        return True
    if gate.kind == "code":
        st.info(gate.message)
        code_form()
    elif gate.kind == "nickname":
        nickname_form()
    elif gate.kind == "resting":
        st.info(resting_notice(engine.audience.resting_until(player, time.time()) or time.time(), time.time(), lang))
    elif gate.kind in ("removed", "banned", "full"):
        st.error(gate.message)
    elif gate.kind == "off":
        st.caption(gate.message)
    else:
        st.info(gate.message)
    return False


def one_game(raw: object) -> None:
    """/Spectate?game=ID: one live game, big, with a guess box (phones reach it from presenter mode).

    Guesses go from the box in the browser to /api/guess/ID (core/web.py): the page does not rerun for them."""
    try:
        game_id = check_game_id(raw)
    except GameNotFound:
        st.info(t(lang, "spectate.not_found"))
        st.page_link("pages/1_Spectate.py", label=t(lang, "spectate.all_live"), icon="👀")
        return
    st.title(t(lang, "spectate.guess_title"))
    if notice := st.session_state.pop("room-notice", None):
        st.warning(notice)
    guess = may_guess_here(game_id)
    live_view("board", key=f"one-{game_id}-{int(guess)}", lang=lang, only=game_id, guesses=6, token=token, home="./",
              game_page="./Game", guess=guess)
    if guess:
        name = (engine.store.get_player(player) or {}).get("nickname") or ""
        st.caption(t(lang, "spectate.you_guess_as", name=as_markdown_text(name)))


if present:
    rules = engine.room.rules(time.time())
    host = session_host_token(engine)
    main, side = st.columns([3, 1])
    with main:
        st.title(t(lang, "spectate.live_title"))
        live_view("present", key=f"present-{int(bool(host and rules.show_words))}", lang=lang, guesses=4,
                  token=token, host=host, words=bool(host and rules.show_words))
    with side:
        base = (engine.settings.PUBLIC_URL or "http://localhost:8501").rstrip("/")
        join_url = room_url(engine.settings.PUBLIC_URL, rules.code)
        st.image(qr_png(join_url), width=280, alt=f"QR: {join_url}")  # a screen reader reads the address it holds
        st.markdown(t(lang, "spectate.join_at", url=as_markdown_text(base)))
        if rules.code:
            st.markdown(t(lang, "spectate.code", code=as_markdown_text(rules.code)))
        st.caption(t(lang, "spectate.scan"))
        if not engine.settings.PUBLIC_URL:
            st.caption(t(lang, "spectate.set_public_url"))
        live_view("side", key="side", lang=lang)
elif (wanted := st.query_params.get("game")) is not None:
    one_game(wanted)
    if room:
        st.page_link("Home.py", label=t(lang, "spectate.take_turn"), icon="🎨", query_params={"room": "1"})
else:
    st.title(t(lang, "spectate.title"))
    # While the room may guess, nobody's screen shows the running games' words (a host's presenter screen may).
    show = not engine.audience.enabled and st.toggle(t(lang, "spectate.show_words"), value=False)
    live_view("board", key=f"board-{int(show)}", lang=lang, words=show, gallery=True, token=token, home="./",
              game_page="./Game", guess_links=engine.audience.enabled)
    if room:
        st.page_link("Home.py", label=t(lang, "spectate.take_turn"), icon="🎨", query_params={"room": "1"})
    st.page_link("pages/1_Spectate.py", label=t(lang, "spectate.presenter"), icon="📽️", query_params={"present": "1"})
