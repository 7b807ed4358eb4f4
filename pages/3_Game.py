"""One game's page (?game=ID): the result, the drawing replayed frame by frame with its guesses, sharing."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.identity import player_from_token
from core.lobby import GameNotFound, check_game_id
from core.nicknames import as_markdown_text
from core.play import guesser_label, result_summary, schedule_followed, word_caption, written_note
from core.resources import get_engine, host_role, page_style
from core.share import page_base, share_text, share_url, tweet_url
from core.visibility import Viewer, running, sees_word

st.set_page_config(page_title="Pictionary Arena: a game", page_icon="🖼️", layout="wide")
page_style()
engine = get_engine()

viewer = Viewer(player_from_token(st.session_state.get("player_token") or st.query_params.get("player"),
                                  engine.player_secret), host=bool(host_role()))
try:
    game_id = check_game_id(st.query_params.get("game"))
    game = engine.store.get_game(game_id)
    if not engine.may_see(game, viewer):  # the routes' rule: hidden, and declined until approved, are not found
        raise GameNotFound()
except GameNotFound:
    st.info("We could not find that game. The link may be mistyped, or the game may be hidden.")
    st.page_link("Home.py", label="Play a game", icon="🎨")
    st.stop()

headline, detail = result_summary(game)
st.title(as_markdown_text(headline))
st.markdown(detail + (f" Drawn by **{as_markdown_text(game['player_name'])}**." if game["player_name"] else "")
            + (f" :gray[({caption})]" if (caption := word_caption(game)) else ""))
if sees_word(game, viewer) and (note := written_note(game)):  # what was read names the word
    st.warning(note)
frames = engine.store.game_frames(game_id)
guesses = engine.guesses_for(game, viewer)  # while it runs, nothing that names the word (core.visibility)
if not frames:
    st.caption("No drawing was recorded for this game (or it is older than the retention period).")
    st.stop()

replay, share, schedule = st.tabs(["Frame by frame", "Replay and share", "Who saw what"])
with replay:
    seq = st.slider("Frame", 1, len(frames), len(frames), key="frame") if len(frames) > 1 else 1
    frame = frames[seq - 1]
    left, right = st.columns([3, 2])
    left.image(frame["png"], caption=f"frame {frame['seq']} of {len(frames)}, "
                                     f"{frame['created_at'] - game['started_at']:.1f} s into the game")
    with right:
        st.subheader("Guesses at this frame")
        at_frame = [g for g in guesses if g["frame_seq"] == frame["seq"]]
        for g in at_frame:
            mark = "✅" if g["won"] else ("🚫" if g["refused"] else ("⚠️" if g["error"] else "❌"))
            said = g["text"] or ("declined to guess" if g["refused"] else g["error"]) or ""
            written = " · ✍️ made on a frame with the word written in it" if g["written"] else ""
            st.markdown(f"{mark} **{as_markdown_text(guesser_label(g['guesser'], bool(g['human'])))}**: "
                        f"{as_markdown_text(said)}  \n"
                        f":gray[{as_markdown_text(g['reason'] or '')} · {g['latency_ms'] or 0:.0f} ms{written}]")
        if not at_frame:
            st.caption("No model answered on this frame.")
with share:
    gif = engine.store.get_replay(game_id)
    if gif:
        st.image(gif, caption="The whole drawing, as it happened")
        st.download_button("Download the GIF", gif, file_name=f"pictionary-{game_id}.gif", mime="image/gif")
    else:
        st.caption("The replay is being made; refresh in a moment.")
    if running(game):
        st.caption("You can share this game once it is over.")
    else:
        public_url = engine.settings.PUBLIC_URL
        url = share_url(public_url or page_base(st.context.url, "Game"), game_id)  # unfurls, then opens this page
        text = share_text(game)
        st.markdown(f"**{as_markdown_text(text)}**")
        st.code(url, language=None)
        if not public_url:
            st.caption("Set PUBLIC_URL so links work outside this machine.")
        st.link_button("Share on X", tweet_url(text, url))
with schedule:
    st.caption(f"The drawing was sent as {len(frames)} frames. A paid model guesses the first frames at once, "
               "then only a drawing that changed enough, ever less often, up to a cap per game; the offline "
               "model guesses every changed frame.")
    st.dataframe(pd.DataFrame(schedule_followed(guesses, game["started_at"])), hide_index=True)
