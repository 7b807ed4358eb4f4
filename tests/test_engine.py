"""The assembled engine: settings in, a whole game out, with the database telling the story."""
from __future__ import annotations

import random
import time

import pytest

from core.engine import build_engine
from core.settings import Settings
from scripted import ScriptedGuesser


@pytest.fixture
def engine(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("square\ncircle\ntriangle\n")
    settings = Settings.load({"PICTIONARY_DATA_DIR": str(tmp_path / "data"), "WORDS_FILE": str(words),
                              "MIN_GUESS_INTERVAL": "0", "MAX_CONCURRENT_GAMES": "1"})
    guessers = [ScriptedGuesser("wrong", [(0.0, "banana")]),
                ScriptedGuesser("right", [(0.05, "circle"), (0.05, "square"), (0.05, "triangle")])]
    e = build_engine(settings, guessers=guessers, rng=random.Random(2))
    yield e
    e.close()


def test_a_game_runs_from_join_to_win_and_is_stored(engine, frames):
    seat = engine.lobby.join("player-engine-1", now=time.time())
    assert seat.state == "playing" and seat.word in {"square", "circle", "triangle"}
    assert engine.lobby.join("player-engine-2", now=time.time()).state == "queued"
    for n in range(1, 8):
        engine.pool.submit_frame(seat.game_id, frames(n))
        time.sleep(0.1)
        if engine.store.get_game(seat.game_id)["status"] != "active":
            break
    engine.recorder.flush()
    game = engine.store.get_game(seat.game_id)
    assert game["status"] == "won" and game["winner"] == "right"
    assert engine.store.game_frames(seat.game_id)
    assert any(g["won"] for g in engine.store.game_guesses(seat.game_id))
    assert engine.lobby.seat("player-engine-2", now=time.time()).state == "playing"


def test_reaper_thread_times_games_out(tmp_path):
    words = tmp_path / "w.txt"
    words.write_text("cat\n")
    settings = Settings.load({"PICTIONARY_DATA_DIR": str(tmp_path), "WORDS_FILE": str(words),
                              "GAME_SECONDS": "0.3", "REAPER_INTERVAL": "0.05"})
    e = build_engine(settings, guessers=[ScriptedGuesser("a")])
    try:
        game_id = e.lobby.join("player-reaped", now=time.time()).game_id
        deadline = time.monotonic() + 5
        while e.store.get_game(game_id)["status"] == "active" and time.monotonic() < deadline:
            time.sleep(0.02)
        assert e.store.get_game(game_id)["status"] == "timeout"
    finally:
        e.close()
