"""Pictionary Arena: the play page (pitch, queue, live game, result)."""
from __future__ import annotations

import time

import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core.difficulty import LEVEL_NAMES, UnknownLevel
from core.guessers import describe_guessers
from core.i18n import explain, t
from core.images import CANVAS_SIZE, PEN_WIDTH
from core.lengths import UnknownLength, length_label, lengths_offered
from core.lobby import TooManySeats
from core.moderation import PlayerResting
from core.nicknames import BadNickname, as_markdown_text
from core.play import (
    CanvasFeed,
    choice_text,
    games_at_once,
    level_name,
    lineup_notice,
    resting_notice,
    result_guesses,
    result_summary,
    shows_result,
    strip_indices,
    word_caption,
    written_note,
)
from core.resources import (
    canvas_tools,
    client_address,
    current_language,
    current_player,
    get_engine,
    language_chooser,
    live_view,
    page_style,
)
from core.settings import SettingsError
from core.share import flag
from core.store import StoreError
from core.visibility import Viewer
from core.wordbook import UnknownPack, check_choice
from core.words import NoWordsLeft, WordsFileError

lang = current_language()
st.set_page_config(page_title=t(lang, "common.app_name"), page_icon="🎨", layout="wide")
page_style("play")
language_chooser(lang)

try:
    engine = get_engine()
except (SettingsError, WordsFileError, StoreError) as exc:
    st.error(t(lang, "home.cannot_start", error=exc))
    st.stop()

player, token = current_player(engine)
# Came with the room (the presenter's QR code, or Spectate's "take a turn"): an event list may be in use for it only.
room = st.session_state.setdefault("room", False) or flag(st.query_params.get("room"))
st.session_state.room = room
LEVEL_OPTIONS = ("any", *LEVEL_NAMES)


def word_choice_widgets() -> None:
    """The pack and the difficulty a player asks for (default: any), kept across games in this tab."""
    pack, level = st.session_state.get("word_choice", ("any", "any"))
    packs = engine.book.active(room).packs
    left, right = st.columns(2)
    if packs:
        left.selectbox(t(lang, "home.words"), ["any", *packs], index=([*packs].index(pack) + 1) if pack in packs else 0,
                       format_func=lambda p: t(lang, "home.any_pack") if p == "any" else p.capitalize(), key="pick-pack")
    right.segmented_control(t(lang, "home.difficulty"), LEVEL_OPTIONS, default=level if level in LEVEL_OPTIONS else "any",
                            format_func=lambda v: level_name(v, lang), key="pick-level")
    length_widget()


def length_widget() -> None:
    """The game length a player asks for (the standard, or "more time" when offered), kept across games in this tab."""
    options = lengths_offered(engine.settings.GAME_SECONDS, engine.settings.game_lengths)
    if len(options) > 1:
        saved = st.session_state.get("game_length")
        st.segmented_control(t(lang, "length.label"), options, default=saved if saved in options else options[0],
                             format_func=lambda s: length_label(lang, s, options[0]), key="pick-length",
                             help=t(lang, "length.help"))


def join() -> None:
    """Ask the lobby for a game (or a queue place) with the words the player chose."""
    saved = st.session_state.get("word_choice", ("any", "any"))
    pack = st.session_state.get("pick-pack", saved[0])
    level = st.session_state.get("pick-level", saved[1]) or "any"
    st.session_state.word_choice = (pack, level)
    seconds = st.session_state.game_length = st.session_state.get("pick-length", st.session_state.get("game_length"))
    try:
        choice = check_choice(pack, level, engine.book.active(room).packs)
        engine.lobby.join(player, now=time.time(), origin=engine.origin(client_address()), choice=choice, room=room,
                          seconds=seconds, lang=lang)
    except UnknownLength:
        st.session_state.game_length = None
        st.session_state.pop("pick-length", None)
        st.session_state.notice = t(lang, "length.unknown", seconds=f"{engine.settings.GAME_SECONDS:.0f}")
    except (UnknownPack, UnknownLevel):
        st.session_state.word_choice = ("any", "any")
        st.session_state.notice = t(lang, "home.pack_gone")
    except NoWordsLeft:
        st.session_state.notice = t(lang, "home.no_words_left", what=choice_text(choice.pack, choice.level, lang))
    except PlayerResting as exc:
        st.session_state.notice = resting_notice(exc.until, time.time(), lang)
    except TooManySeats:
        st.session_state.notice = t(lang, "home.too_many_seats")


def before() -> None:
    """The first screen: the pitch, who plays today, and the Play button."""
    st.title(t(lang, "home.title"))
    st.markdown(f"**{t(lang, 'home.tagline')}**")  # bold text, not a heading: it is no section of the page
    st.write(t(lang, "home.pitch", seconds=engine.settings.GAME_SECONDS))
    if notice := st.session_state.pop("notice", None) or engine.lobby.seat(player, time.time()).notice:
        st.info(notice)
    word_choice_widgets()
    st.button(t(lang, "home.play"), type="primary", on_click=join, key="play")
    st.header(t(lang, "home.playing_today"))
    for line in describe_guessers(engine.settings, lang):
        st.markdown(f"- {line}")
    if notice := lineup_notice(len(engine.paid_guessers), engine.spend.allowed(), lang):
        st.info(notice)
    if recent := engine.store.recent_finished(limit=4):
        st.header(t(lang, "home.latest_games"))
        for col, g in zip(st.columns(4), map(engine.lobby.localized, recent)):  # words as their games said them
            col.image(engine.store.get_replay(g["id"]), caption=as_markdown_text(f"{g['word']}: " + result_summary(g, lang)[0]),
                      alt=f"{t(lang, 'home.the_drawing')}: {g['word']}")


def queue_view() -> None:
    """The queue: place, length and wait, kept fresh by the browser (which is also the heartbeat)."""
    st.title(t(lang, "home.in_queue"))
    live_view("queue", key="queue", lang=lang, token=token,
              cap_text=t(lang, "home.cap", cap=games_at_once(engine.settings.MAX_CONCURRENT_GAMES, lang)))


@st.fragment
def canvas_view(game_id: str) -> None:
    """The canvas: each stroke reruns only this fragment and hands the frame to the pool (which paces them)."""
    feed = st.session_state.get(f"feed-{game_id}")
    if feed is None:
        feed = st.session_state[f"feed-{game_id}"] = CanvasFeed(engine.pool, game_id)
    initial = st.session_state.get(f"initial-{game_id}")
    result = st_canvas(stroke_width=PEN_WIDTH, stroke_color="#000000", background_color="#ffffff",
                       width=CANVAS_SIZE, height=CANVAS_SIZE, drawing_mode="freedraw",
                       initial_drawing=initial, return_image_data=True, key=f"canvas-{game_id}")
    canvas_tools(key=f"tools-{game_id}", size=CANVAS_SIZE, game=game_id, token=token, lang=lang)
    if result.json_data:
        engine.drafts.put(game_id, result.json_data)
    feed.offer(result.image_bytes)


def game_view(seat) -> None:
    """The running game: the word, the clock and the guesses beside (on a phone: above) the canvas."""
    # A full run during a game means the canvas (re)mounts (first load, reload, back from another
    # page): give it the drawing so far. Fragment reruns keep what they mounted with.
    st.session_state[f"initial-{seat.game_id}"] = engine.drafts.get(seat.game_id)
    left, right = st.columns([3, 2], gap="medium")
    with right, st.container(key="pa-live"):
        st.markdown(t(lang, "home.draw_word", word=seat.word))
        if not seat.here:
            st.caption(t(lang, "home.other_tab"))
        live_view("drawer", key=f"live-{seat.game_id}-{int(seat.here)}", lang=lang, game=seat.game_id, token=token,
                  here=seat.here, empty=t(lang, "home.models_watching"), written_note=t(lang, "rules.written_note"))
    with left:
        canvas_view(seat.game_id)
        if st.button(t(lang, "home.give_up"), key="give-up"):
            engine.lobby.quit(player, time.time())
            st.rerun()


def after_view(game: dict) -> None:
    """The finish: who won, a celebration, a nickname for the leaderboard, the frames, Play again."""
    headline, detail = result_summary(game, lang)
    st.title(("🎉 " if game["status"] == "won" else "") + as_markdown_text(headline))
    st.markdown(detail + (f" :gray[({caption})]" if (caption := word_caption(game, lang)) else ""))
    if note := written_note(game, lang):
        st.warning(note)
    elif time.time() - (game["ended_at"] or 0) < 6:  # its last frame may still be being read for letters
        live_view("result", key=f"result-{game['id']}", lang=lang, game=game["id"], token=token)
    if game["status"] == "won" and st.session_state.get("celebrated") != game["id"]:
        st.session_state.celebrated = game["id"]
        st.balloons()
    if notice := st.session_state.pop("notice", None):
        st.info(notice)
    st.button(t(lang, "home.play_again"), type="primary", on_click=join, key="play-again")
    saved = st.session_state.get("word_choice", ("any", "any"))
    pack, level = st.session_state.get("pick-pack", saved[0]), st.session_state.get("pick-level", saved[1]) or "any"
    with st.expander(t(lang, "home.next_any_pack" if pack == "any" else "home.next_pack", pack=pack,
                       level=level_name(level, lang).lower())):
        word_choice_widgets()
    with st.form("nickname"):
        name = st.text_input(t(lang, "home.nickname"), max_chars=40,
                             value=(engine.store.get_player(player) or {}).get("nickname") or "")
        if st.form_submit_button(t(lang, "home.save")):
            try:
                engine.room.set_nickname(player, name, time.time(), game["id"])
                st.success(t(lang, "home.saved"))
            except BadNickname as exc:
                st.error(explain(exc, lang))
    drawing, said = st.columns(2, gap="medium")
    frames = engine.store.game_frames(game["id"])
    with drawing:
        st.header(t(lang, "home.the_drawing"))
        picks = strip_indices(len(frames), 6)
        for row in range(0, len(picks), 3):
            with st.container(key=f"pa-strip-{row}"):  # rows of small frames, on a phone too (see play.css)
                for col, i in zip(st.columns(3), picks[row:row + 3]):
                    col.image(frames[i]["png"], caption=t(lang, "home.frame", seq=frames[i]["seq"]), width="stretch",
                              alt=f"{t(lang, 'home.the_drawing')}, {t(lang, 'home.frame', seq=frames[i]['seq'])}")
        if not picks:
            st.caption(t(lang, "home.no_drawing"))
    with said:
        st.header(t(lang, "home.who_guessed"))
        if rows := result_guesses(engine.guesses_for(game, Viewer(player)), game["started_at"], lang):
            st.dataframe(rows, hide_index=True, width="stretch",
                         column_config={t(lang, "play.col_at"): st.column_config.NumberColumn(format="%.1f", width="small"),
                                        "": st.column_config.TextColumn(width="small")})
        else:
            st.caption(t(lang, "home.no_guesses"))
    st.page_link("pages/3_Game.py", label=t(lang, "home.open_game"), icon="🖼️", query_params={"game": game["id"]})


# A page run is the player being here: a game left by a process that died is taken over and resumes here.
seat = engine.lobby.heartbeat(player, time.time())
if seat.state == "playing":
    game_view(seat)
elif seat.state == "queued":
    queue_view()
    st.button(t(lang, "home.leave_queue"), on_click=lambda: engine.lobby.leave_queue(player, time.time()), key="leave")
elif shows_result(last := engine.store.latest_game_for_player(player), time.time()):
    after_view(last)
else:
    before()
