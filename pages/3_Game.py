"""One game's page (?game=ID): the result, the drawing replayed frame by frame with its guesses, sharing."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.i18n import t
from core.identity import player_from_token
from core.lobby import GameNotFound, check_game_id
from core.nicknames import as_markdown_text
from core.play import guesser_label, result_summary, schedule_followed, word_caption, written_note
from core.resources import current_language, get_engine, host_role, language_chooser, page_style
from core.share import page_base, share_text, share_url, tweet_url
from core.visibility import Viewer, running, sees_word

lang = current_language()
st.set_page_config(page_title=t(lang, "game.page_title"), page_icon="🖼️", layout="wide")
page_style()
language_chooser(lang)
engine = get_engine()

viewer = Viewer(player_from_token(st.session_state.get("player_token") or st.query_params.get("player"),
                                  engine.player_secret), host=bool(host_role()))
try:
    game_id = check_game_id(st.query_params.get("game"))
    game = engine.store.get_game(game_id)
    if not engine.may_see(game, viewer):  # the routes' rule: hidden, and declined until approved, are not found
        raise GameNotFound()
except GameNotFound:
    st.info(t(lang, "game.not_found"))
    st.page_link("Home.py", label=t(lang, "game.play"), icon="🎨")
    st.stop()

game = engine.lobby.localized(game)  # the word as the game said it (its language), the concept beside it
headline, detail = result_summary(game, lang)
st.title(as_markdown_text(headline))
st.markdown(detail + (t(lang, "game.drawn_by", name=as_markdown_text(game["player_name"])) if game["player_name"] else "")
            + (f" :gray[({caption})]" if (caption := word_caption(game, lang)) else ""))
if sees_word(game, viewer) and (note := written_note(game, lang)):  # what was read names the word
    st.warning(note)
frames = engine.store.game_frames(game_id)
guesses = engine.guesses_for(game, viewer)  # while it runs, nothing that names the word (core.visibility)
if not frames:
    st.caption(t(lang, "game.no_drawing"))
    st.stop()

replay, share, schedule = st.tabs([t(lang, "game.tab_frames"), t(lang, "game.tab_share"),
                                    t(lang, "game.tab_schedule")])
with replay:
    seq = st.slider(t(lang, "game.frame"), 1, len(frames), len(frames), key="frame") if len(frames) > 1 else 1
    frame = frames[seq - 1]
    left, right = st.columns([3, 2])
    left.image(frame["png"], caption=t(lang, "game.frame_caption", seq=frame["seq"], count=len(frames),
                                       at=frame["created_at"] - game["started_at"]),
               alt=t(lang, "game.frame_alt", seq=frame["seq"]))
    with right:
        st.header(t(lang, "game.guesses_at_frame"))
        at_frame = [g for g in guesses if g["frame_seq"] == frame["seq"]]
        for g in at_frame:
            mark = "✅" if g["won"] else ("🚫" if g["refused"] else ("⚠️" if g["error"] else "❌"))
            said = g["text"] or (t(lang, "game.declined") if g["refused"] else g["error"]) or ""
            written = t(lang, "game.written") if g["written"] else ""
            st.markdown(f"{mark} **{as_markdown_text(guesser_label(g['guesser'], bool(g['human']), lang))}**: "
                        f"{as_markdown_text(said)}  \n"
                        f":gray[{as_markdown_text(g['reason'] or '')} · {g['latency_ms'] or 0:.0f} ms{written}]")
        if not at_frame:
            st.caption(t(lang, "game.no_answer_at_frame"))
with share:
    gif = engine.store.get_replay(game_id)
    if gif:
        st.image(gif, caption=t(lang, "game.whole_drawing"), alt=t(lang, "game.replay_alt"))
        st.download_button(t(lang, "game.download_gif"), gif, file_name=f"pictionary-{game_id}.gif", mime="image/gif")
    else:
        st.caption(t(lang, "game.replay_pending"))
    if running(game):
        st.caption(t(lang, "game.share_later"))
    else:
        public_url = engine.settings.PUBLIC_URL
        url = share_url(public_url or page_base(st.context.url, "Game"), game_id)  # unfurls, then opens this page
        text = share_text(game)
        st.markdown(f"**{as_markdown_text(text)}**")
        st.code(url, language=None, wrap_lines=True)  # a long address wraps: no scrolling box a keyboard can't reach
        if not public_url:
            st.caption(t(lang, "game.set_public_url"))
        st.link_button(t(lang, "game.share_x"), tweet_url(text, url))
with schedule:
    st.caption(t(lang, "game.schedule", count=len(frames)))
    st.dataframe(pd.DataFrame(schedule_followed(guesses, game["started_at"], lang)), hide_index=True)
