"""Faults: a provider that errs, hangs, drops, garbles, refuses or crawls never breaks a game."""
from __future__ import annotations

import logging
import random
import sqlite3
import time

import pandas as pd
import pytest
from conftest import wait_for
from fake_providers import FAKE_KEY, FakeProvider, drop, hang, malformed, ok, overloaded, rate_limited, refusal, server_error
from scripted import ScriptedGuesser

from core.guessers.anthropic_guesser import AnthropicGuesser
from core.guessers.gemini_guesser import GeminiGuesser
from core.guessers.openai_guesser import OpenAIGuesser
from core.recorder import Recorder
from core.stats import guesser_summary
from core.store import Store

ADAPTERS = {"anthropic": AnthropicGuesser, "openai": OpenAIGuesser, "gemini": GeminiGuesser}
MODELS = {"anthropic": "claude-haiku-5-5", "openai": "gpt-6-luna", "gemini": "gemini-2.5-flash-lite"}


def adapter(flavour: str, fake: FakeProvider, name: str):
    """The real adapter against a fake; no retries (the SDKs' retries and their back-off are
    test_guessers.py's): each call shows its fault at once."""
    return ADAPTERS[flavour](MODELS[flavour], FAKE_KEY, base_url=fake.base_url, timeout=0.5, max_retries=0,
                             max_side=256, name=name)


@pytest.mark.parametrize("flavour, behaviour, error", [
    ("anthropic", rate_limited(30), "rate limited"),
    ("openai", server_error(500), "ProviderUnavailable"),
    ("anthropic", overloaded(), "ProviderUnavailable"),
    ("gemini", hang(3), "ProviderTimeout"),
    ("openai", drop(), "ProviderUnavailable"),
    ("gemini", malformed(), "BadReply"),
    ("anthropic", refusal(), "refused"),
    ("openai", ok("cat", delay=30), "ProviderTimeout"),  # slow for the whole game: right, but never in time
], ids=["429", "500", "529", "hang", "drop", "malformed", "refusal", "slow"])
def test_a_faulty_provider_leaves_the_game_and_the_others_playing(make_engine, frames, flavour, behaviour, error):
    healthy_flavour = "gemini" if flavour == "openai" else "openai"
    with FakeProvider(flavour, default=behaviour) as bad, \
            FakeProvider(healthy_flavour, default=ok("banana", delay=0.05)) as good:
        winner = ScriptedGuesser("winner", [(0.05, "dog")])  # says the word only once the test lets it
        engine = make_engine([adapter(flavour, bad, "faulty"), adapter(healthy_flavour, good, "healthy"), winner],
                             rng=random.Random(1), MIN_GUESS_INTERVAL=0.05, FRAME_INTERVAL=0, GUESS_TIMEOUT=1,
                             RETRY_AFTER_CAP=0.3, FAILURES_BEFORE_COOLDOWN=100)
        game_id = engine.lobby.join("player-faults", now=time.time()).game_id

        def played() -> bool:  # the fault has shown, and the healthy provider answered twice meanwhile
            views = engine.pool.snapshot(game_id).guesses
            return any(v.guesser == "faulty" and error in (v.error or "") for v in views) and \
                sum(v.guesser == "healthy" and v.text == "banana" for v in views) >= 2

        for n in range(1, 100):  # the player draws on: a new frame whenever the last one has been guessed
            engine.pool.submit_frame(game_id, frames(n))
            if wait_for(played, timeout=0.2):
                break
        else:
            pytest.fail(f"no {error!r} from the faulty provider: {engine.pool.snapshot(game_id).guesses}")
        winner.script = [(0.05, "cat")]
        engine.pool.submit_frame(game_id, frames(100))
        assert engine.pool.wait_idle(game_id, timeout=10)
        assert engine.recorder.flush()
        game = engine.store.get_game(game_id)
        assert (game["status"], game["winner"]) == ("won", "winner")
        rows = engine.store.game_guesses(game_id)
        faulty = [r for r in rows if r["guesser"] == "faulty"]
        healthy = [r for r in rows if r["guesser"] == "healthy"]
        assert faulty and all(r["won"] == 0 for r in faulty)
        assert any(error in (r["error"] or "") for r in faulty), [r["error"] for r in faulty]
        answered = [r for r in healthy if not (r["error"] or "").startswith("cancelled")]
        assert len(answered) >= 2 and all(r["error"] is None and r["text"] == "banana" for r in answered)
        summary = guesser_summary(pd.DataFrame(engine.store.games_since(0)), pd.DataFrame(rows))
        row = summary.set_index("guesser").loc["faulty"]
        assert row["error_rate"] + row["refusal_rate"] + row["timeout_rate"] > 0, "the fault shows in the stats"


def test_a_full_disk_is_logged_and_retried_and_the_writer_goes_on(tmp_path, caplog):
    empty = Store(tmp_path / "full.db")  # the schema alone takes some pages: leave room for about a dozen frames
    empty_mb = (tmp_path / "full.db").stat().st_size / 1024 / 1024
    empty.close()
    store = Store(tmp_path / "full.db", max_mb=empty_mb + 0.25)
    store.touch_player("player-disk1", 0)
    store.insert_game({"id": "aaaaaaaaaaaa", "word": "cat", "player_id": "player-disk1", "status": "active",
                       "started_at": 0, "game_seconds": 45})
    recorder = Recorder(store, retry_delays=(0.01, 0.02))
    rng = random.Random(0)
    with caplog.at_level(logging.WARNING):
        for seq in range(1, 40):
            recorder.record("frames", {"game_id": "aaaaaaaaaaaa", "seq": seq, "created_at": seq, "width": 1,
                                       "height": 1, "png": rng.randbytes(20_000)})
        assert recorder.flush(30)
    assert recorder.alive and recorder.stats.dropped > 0 and recorder.stats.retries > 0
    assert "database or disk is full" in caplog.text
    written = store.count("frames")
    assert 0 < written < 39 and store.integrity_check() == "ok"
    recorder.record("guesses", {"game_id": "aaaaaaaaaaaa", "guesser": "a", "created_at": 1.0})
    assert recorder.flush(10) and recorder.alive, "the writer is still there for the next row"
    recorder.close()


def test_a_locked_database_on_game_end_is_logged_and_the_game_still_ends(make_engine, caplog):
    engine = make_engine([ScriptedGuesser("a")])
    game_id = engine.lobby.join("player-locked", now=time.time()).game_id
    engine.store.close()
    engine.store.backend.timeout = 0.1  # this thread's next connection waits only briefly
    blocker = sqlite3.connect(engine.settings.db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.ERROR):
        quit_at = time.time()
        engine.lobby.quit("player-locked", now=quit_at)
    assert "could not record the end of game" in caplog.text
    assert not engine.pool.is_running(game_id), "the guessers stop at once"
    blocker.execute("ROLLBACK")
    engine.lobby.reap(time.time())  # the reaper's next pass writes the end the lock held back
    game = engine.store.get_game(game_id)
    assert (game["status"], game["ended_at"]) == ("quit", quit_at), "nothing is lost, not even the time"
    assert engine.lobby.seat("player-locked", now=time.time()).state == "none"
