"""One game's page (?game=ID): the word, the result, its frames and guesses."""
from __future__ import annotations

import streamlit as st

from core.lobby import GameNotFound, check_game_id
from core.nicknames import as_markdown_text
from core.play import result_summary
from core.resources import get_engine

st.set_page_config(page_title="Pictionary Arena: a game", page_icon="🖼️", layout="wide")
engine = get_engine()

try:
    game_id = check_game_id(st.query_params.get("game"))
    game = engine.store.get_game(game_id)
    if game is None or game["hidden"]:
        raise GameNotFound()
except GameNotFound:
    st.info("We could not find that game. The link may be mistyped, or the game may be hidden.")
    st.page_link("Home.py", label="Play a game", icon="🎨")
    st.stop()

headline, detail = result_summary(game)
st.title(headline)
st.markdown(detail)
if game["player_name"]:
    st.caption(f"Drawn by {as_markdown_text(game['player_name'])}")
frames = engine.store.game_frames(game_id)
if frames:
    seq = st.slider("Frame", 1, len(frames), len(frames)) if len(frames) > 1 else 1
    frame = frames[seq - 1]
    left, right = st.columns([3, 2])
    left.image(frame["png"], caption=f"frame {frame['seq']} of {len(frames)}")
    with right:
        for g in engine.store.game_guesses(game_id):
            if g["frame_seq"] == frame["seq"]:
                mark = "✅" if g["won"] else ("🚫" if g["refused"] else ("⚠️" if g["error"] else "❌"))
                st.markdown(f"{mark} **{as_markdown_text(g['guesser'])}**: "
                            f"{as_markdown_text(g['text'] or g['error'] or '')}")
else:
    st.caption("No drawing was recorded for this game.")
