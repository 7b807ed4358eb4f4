"""One visibility rule: every public surface gives the same answer for a game, whatever state it is in.

Each game below is one state (running, running but declined, finished, hidden, declined before and after it
was flagged, approved after it was declined). An anonymous visitor walks every surface a game shows on: its
live document, a frame, the replay, the share page and card, the board (running or finished) and the Game
page. The game's own player still finds it everywhere it exists.
"""
from __future__ import annotations

import json
import random
import time

import pytest
from apptest import open_page
from conftest import frame_png

from core.identity import new_player_token, player_from_token
from core.moderation import after_game
from core.store import ACTIVE

SURFACES = ("live", "frame", "replay", "share", "card")
# state: (what the five surfaces answer, where the board lists it, whether the Game page finds it)
EXPECTED = {
    "running": ((200, 200, 404, 404, 404), "games", True),
    "running, declined": ((404,) * 5, None, False),
    "finished": ((200,) * 5, "finished", True),
    "hidden": ((404,) * 5, None, False),
    "declined, not yet flagged": ((404,) * 5, None, False),
    "declined and flagged": ((404,) * 5, None, False),
    "approved after it was declined": ((200,) * 5, "finished", True),
}


def refuse(store, game_id: str, now: float) -> None:
    store.insert_guesses([{"game_id": game_id, "guesser": "GPT", "refused": 1, "error": "refused: no",
                           "created_at": now}])


def make_game(store, state: str, n: int, player: str, now: float) -> str:
    """A game in `state`, with three frames (and a replay once it is over)."""
    game_id = f"{0xabc000 + n:012x}"
    over = not state.startswith("running")
    store.touch_player(player, now)
    store.insert_game({"id": game_id, "word": "cat", "player_id": player, "status": "won" if over else ACTIVE,
                       "started_at": now - 20, "ended_at": now - 10 if over else None,
                       "duration_s": 10.0 if over else None, "winner": "GPT" if over else None,
                       "game_seconds": 60, "hidden": 1 if state == "hidden" else 0})
    store.insert_frames([{"game_id": game_id, "seq": k + 1, "created_at": now - 20 + k, "width": 64, "height": 64,
                          "png": frame_png(k)} for k in range(3)])
    if "declined" in state:
        refuse(store, game_id, now - 15)
    if over and state != "declined, not yet flagged":
        after_game(store, game_id, now)  # flags a declined drawing, builds the replay
    elif over:
        store.save_replay(game_id, b"GIF89a", 3, now)  # the replay exists; the flag has not come yet
    if state == "approved after it was declined":
        assert store.moderate(game_id, approve=True)
    return game_id


@pytest.fixture
def arena(streamlit_app, route_client):
    engine = streamlit_app("cat\n", SKETCH_ENABLED="false", WRITTEN_WORD_CHECK="false")
    rng = random.Random(5)
    token = new_player_token(engine.player_secret, rng)
    player = player_from_token(token, engine.player_secret)
    now = time.time()
    games = {state: make_game(engine.store, state, n, player, now) for n, state in enumerate(EXPECTED)}
    return route_client(engine), engine, games, token


def answers(client, game_id: str, query: str = "") -> tuple[int, ...]:
    paths = [f"/api/live/{game_id}", f"/api/frame/{game_id}/1", f"/api/replay/{game_id}", f"/share/{game_id}",
             f"/share/{game_id}/card.png"]
    return tuple(client.get(p + query).status_code for p in paths)


def test_every_public_surface_gives_one_answer_for_a_game_in_every_state(arena):
    client, engine, games, _ = arena
    board = json.loads(client.get("/api/board").content)
    listed = {"games": {g["game"] for g in board["games"]}, "finished": {g["game"] for g in board["finished"]}}
    for state, (statuses, where, page) in EXPECTED.items():
        game_id = games[state]
        assert dict(zip(SURFACES, answers(client, game_id))) == dict(zip(SURFACES, statuses)), state
        assert {k for k, ids in listed.items() if game_id in ids} == ({where} if where else set()), state
        at = open_page("pages/3_Game.py", game=game_id)
        assert not at.exception, (state, at.exception)
        lost = any("could not find that game" in str(i.value) for i in at.info)
        assert lost != page, f"{state}: the Game page {'hides' if lost else 'shows'} it"


def test_a_games_own_player_finds_it_wherever_it_exists_in_every_state(arena):
    client, _, games, token = arena
    for state, game_id in games.items():
        live, frame, *_ = answers(client, game_id, f"?player={token}")
        assert (live, frame) == (200, 200), f"{state}: its player is shut out"
