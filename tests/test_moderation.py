"""Moderation and replays: refused drawings are hidden until approved; every finished game gets a GIF."""
from __future__ import annotations

import io
import random
import time

import pytest
from conftest import wait_for
from PIL import Image
from scripted import ScriptedGuesser

from core.guessers.base import GuessResult
from core.moderation import PlayerResting, after_game, resting_until
from core.replay import MAX_GIF_FRAMES, build_gif

HOUR = 3600.0


@pytest.mark.parametrize("flags, now, expected", [
    ([], 100.0, None),
    ([10.0, 20.0], 30.0, None),                       # two strikes of three
    ([10.0, 20.0, 30.0], 40.0, 30.0 + HOUR),          # three: rest an hour after the last
    ([10.0, 20.0, 30.0], 30.0 + HOUR + 1, None),      # the rest is over
    ([0.0, 20.0, 30.0], 0.0 + 25 * HOUR, None),       # the first strike left the 24 h window
])
def test_player_rests_after_enough_flagged_games(flags, now, expected):
    assert resting_until(flags, now, strikes=3, window_s=24 * HOUR, rest_s=HOUR) == expected


def seed(store, game_id="aaaaaaaaaaaa", frames=3, refused=0, status="won", started=0.0):
    store.touch_player("player-0001", 0)
    store.insert_game({"id": game_id, "word": "cat", "player_id": "player-0001", "status": status,
                       "started_at": started, "ended_at": started + 9, "duration_s": 9.0, "game_seconds": 45,
                       "winner": "a" if status == "won" else None, "hidden": 0})
    from conftest import frame_png
    store.insert_frames([{"game_id": game_id, "seq": i + 1, "created_at": started + i, "width": 64, "height": 64,
                          "png": frame_png(i)} for i in range(frames)])
    store.insert_guesses([{"game_id": game_id, "guesser": "a", "created_at": started + 1, "refused": 1}
                          for _ in range(refused)])


def test_replay_gif_animates_every_frame_and_holds_the_last():
    from conftest import frame_png
    gif = build_gif([frame_png(i) for i in range(4)])
    im = Image.open(io.BytesIO(gif))
    assert im.format == "GIF" and im.n_frames == 4 and im.size == (256, 256)
    im.seek(3)
    assert im.info["duration"] == 2000


def test_long_games_are_sampled_down_to_the_frame_cap():
    from conftest import frame_png
    gif = build_gif([frame_png(i % 30) for i in range(200)])
    assert Image.open(io.BytesIO(gif)).n_frames <= MAX_GIF_FRAMES


def test_refused_drawing_is_hidden_until_an_admin_approves_it(store):
    seed(store, refused=2)
    after_game(store, "aaaaaaaaaaaa", now=50.0)
    game = store.get_game("aaaaaaaaaaaa")
    assert (game["hidden"], game["moderation"], game["refusals"]) == (1, "pending", 2)
    assert store.leaderboard() == [] and store.recent_finished() == [] and store.recent_winners() == []
    assert [g["id"] for g in store.pending_games()] == ["aaaaaaaaaaaa"]
    assert store.moderate("aaaaaaaaaaaa", approve=True)
    assert [g["id"] for g in store.leaderboard()] == ["aaaaaaaaaaaa"]
    assert store.pending_games() == []


def test_clean_game_gets_a_replay_and_stays_visible(store):
    seed(store)
    after_game(store, "aaaaaaaaaaaa", now=50.0)
    assert store.get_game("aaaaaaaaaaaa")["hidden"] == 0
    assert Image.open(io.BytesIO(store.get_replay("aaaaaaaaaaaa"))).n_frames == 3
    assert [g["id"] for g in store.recent_finished()] == ["aaaaaaaaaaaa"]


def test_pruning_deletes_old_drawings_but_keeps_games_and_guesses(store):
    seed(store, game_id="aaaaaaaaaaaa", started=0.0)
    seed(store, game_id="bbbbbbbbbbbb", started=1000.0)
    after_game(store, "aaaaaaaaaaaa", now=2000.0)
    assert store.prune_drawings(before=500.0) == 1
    assert store.game_frames("aaaaaaaaaaaa") == [] and store.get_replay("aaaaaaaaaaaa") is None
    assert len(store.game_frames("bbbbbbbbbbbb")) == 3
    assert store.get_game("aaaaaaaaaaaa") is not None


@pytest.fixture
def engine(make_engine):
    refuser = ScriptedGuesser("prude", [(0.0, GuessResult(None, 10, 0, refused=True, refusal_reason="SAFETY"))])
    return make_engine([refuser], "cat\ndog\nsun\ntree\n", rng=random.Random(3), MIN_GUESS_INTERVAL=0,
                       FRAME_INTERVAL=0, MODERATION_STRIKES=2)


def play_and_quit(engine, player, frames):
    """A player draws two frames, the model refuses each, and the player gives up."""
    game_id = engine.lobby.join(player, now=time.time()).game_id
    for n in range(1, 3):
        engine.pool.submit_frame(game_id, frames(n))
        assert wait_for(lambda: len(engine.pool.snapshot(game_id).guesses) == n)
    engine.lobby.quit(player, now=time.time())
    assert engine.pool.wait_idle(game_id)
    assert engine.recorder.flush()
    return game_id


def test_refused_game_is_flagged_after_it_ends_and_repeat_offenders_rest(engine, frames):
    first = play_and_quit(engine, "player-rude-01", frames)
    game = engine.store.get_game(first)
    assert game["moderation"] == "pending" and game["hidden"] == 1
    assert engine.store.get_replay(first) is not None
    play_and_quit(engine, "player-rude-01", frames)
    with pytest.raises(PlayerResting) as rest:
        engine.lobby.join("player-rude-01", now=time.time())
    assert rest.value.until > time.time() + 3000
    assert engine.lobby.join("player-nice-01", now=time.time()).state == "playing"
