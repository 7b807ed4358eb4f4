"""The assembled engine: settings in, a whole game out, with the database telling the story."""
from __future__ import annotations

import random
import time

from conftest import wait_for
from scripted import ScriptedGuesser


def test_a_game_runs_from_join_to_win_and_is_stored(make_engine, frames):
    right = ScriptedGuesser("right", [(0.05, "circle"), (0.05, "square"), (0.05, "triangle")])
    engine = make_engine([ScriptedGuesser("wrong", [(0.0, "banana")]), right], "square\ncircle\ntriangle\n",
                         rng=random.Random(2), reaper=True, MIN_GUESS_INTERVAL=0, MAX_CONCURRENT_GAMES=1)
    seat = engine.lobby.join("player-engine-1", now=time.time())
    assert seat.state == "playing" and seat.word in {"square", "circle", "triangle"}
    assert engine.lobby.join("player-engine-2", now=time.time()).state == "queued"

    def replied(n: int) -> bool:
        snap = engine.pool.snapshot(seat.game_id)
        return not snap.active or sum(g.guesser == "right" for g in snap.guesses) >= n

    for n in range(1, 4):  # a new frame once "right" has answered the last one; it names each shape in turn
        if not engine.pool.is_running(seat.game_id):
            break
        engine.pool.submit_frame(seat.game_id, frames(n))
        assert wait_for(lambda: replied(n))
    assert engine.pool.wait_idle(seat.game_id) and engine.recorder.flush()
    game = engine.store.get_game(seat.game_id)
    assert game["status"] == "won" and game["winner"] == "right"
    assert engine.store.game_frames(seat.game_id)
    assert any(g["won"] for g in engine.store.game_guesses(seat.game_id))
    assert wait_for(lambda: engine.lobby.seat("player-engine-2", now=time.time()).state == "playing"), \
        "the reaper thread, woken by the win, admits the next player"


def test_reaper_thread_times_games_out(make_engine):
    e = make_engine([ScriptedGuesser("a")], reaper=True, GAME_SECONDS=0.3, REAPER_INTERVAL=0.05)
    game_id = e.lobby.join("player-reaped", now=time.time()).game_id
    assert wait_for(lambda: e.store.get_game(game_id)["status"] != "active", timeout=5)
    assert e.store.get_game(game_id)["status"] == "timeout"


def test_the_pool_asks_the_lobbys_referee_from_the_start(make_engine):
    engine = make_engine([ScriptedGuesser("a")])
    assert engine.pool.referee == engine.lobby.referee.claim_win, "built in order, nothing patched afterwards"
