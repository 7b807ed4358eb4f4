"""Load: 50 players through the public core API against fake providers; afterwards everything adds up."""
from __future__ import annotations

import gc
import random
import threading
import time
from dataclasses import replace

import pytest
from conftest import wait_for
from fake_providers import FAKE_KEY, FakeProvider, ok
from test_play import browser_png

from core.engine import build_engine
from core.guessers.anthropic_guesser import AnthropicGuesser
from core.guessers.gemini_guesser import GeminiGuesser
from core.guessers.openai_guesser import OpenAIGuesser
from core.lobby import BadPlayerId
from core.moderation import PlayerResting
from core.play import CanvasFeed
from core.settings import Settings

pytestmark = pytest.mark.slow

WORDS = ["cat", "dog", "sun", "tree", "house", "fish"]
PLAYERS = 50
TICK = 0.25            # one "second" of game time, compressed four times
PROVIDER_LATENCY = 0.3  # about 1.2 s of real provider latency
WALL_LIMIT = 150.0


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


def fake(flavour: str, rng: random.Random) -> FakeProvider:
    """A provider that answers a random word of the list after a realistic (compressed) latency."""
    script = [ok(rng.choice(WORDS + ["banana", "a drawing"]), delay=PROVIDER_LATENCY) for _ in range(20000)]
    return FakeProvider(flavour, script=script, default=ok("banana", delay=PROVIDER_LATENCY)).start()


class Player(threading.Thread):
    """One browser session, as the play page drives the engine: join, heartbeat, draw, sometimes leave."""

    def __init__(self, n: int, engine, rng: random.Random, tally: dict, lock: threading.Lock):
        super().__init__(name=f"player-{n}", daemon=True)
        self.id, self.engine, self.rng, self.tally, self.lock = f"loadplayer{n:04d}", engine, rng, tally, lock
        self.mood = rng.choices(["normal", "quitter", "silent", "queue-silent"], [70, 10, 10, 10])[0]
        self.error: BaseException | None = None

    def count(self, key: str, n: int = 1) -> None:
        with self.lock:
            self.tally[key] = self.tally.get(key, 0) + n

    def run(self) -> None:
        try:
            self.play()
        except BaseException as exc:  # surfaced by the test
            self.error = exc

    def play(self) -> None:
        lobby = self.engine.lobby
        time.sleep(self.rng.uniform(0, 3))  # players arrive over a few seconds
        try:
            seat = lobby.join(self.id, now=time.time())
        except (PlayerResting, BadPlayerId):
            return
        feed, strokes, game_id = None, 0, None
        deadline = time.monotonic() + WALL_LIMIT
        while time.monotonic() < deadline:
            if self.mood == "queue-silent" and seat.state == "queued":
                return  # closes the tab while waiting: the reaper must drop the place
            if self.mood == "silent" and seat.state == "playing":
                return  # closes the tab as the game starts: nothing to guess, so it must end as abandoned
            seat = lobby.heartbeat(self.id, now=time.time())
            if seat.state == "none":
                return  # the game is over
            if self.mood == "silent" and seat.state == "playing":
                return  # admitted from the queue: leaves before drawing anything
            if seat.state == "playing":
                if game_id != seat.game_id:
                    game_id, feed = seat.game_id, CanvasFeed(self.engine.pool, seat.game_id)
                if self.mood == "quitter" and strokes >= 4:
                    lobby.quit(self.id, now=time.time())
                    return
                strokes += self.rng.choice([0, 1, 1, 1])  # now and then an unchanged canvas
                self.count("offered")
                if feed.offer(browser_png(strokes % 12 + 1)):
                    self.count("sent")
            time.sleep(TICK)


def test_fifty_players_leave_a_consistent_database_and_an_idle_process(tmp_path):
    rng = random.Random(8)
    gc.collect()
    threads_before, rss_before = threading.active_count(), rss_mb()
    fakes = {f: fake(f, rng) for f in ("anthropic", "openai", "gemini")}
    words = tmp_path / "words.txt"
    words.write_text("\n".join(WORDS) + "\n")
    settings = Settings.load({
        "PICTIONARY_DATA_DIR": str(tmp_path), "WORDS_FILE": str(words), "MAX_CONCURRENT_GAMES": "2",
        "GAME_SECONDS": str(45 * TICK), "IDLE_SECONDS": str(8 * TICK), "MIN_GUESS_INTERVAL": str(TICK),
        "REAPER_INTERVAL": "0.1", "GUESS_TIMEOUT": "3", "MODERATION_STRIKES": "0"})
    common = dict(timeout=2.0, max_retries=1, max_side=256)
    guessers = [AnthropicGuesser("claude-haiku-5-5", FAKE_KEY, base_url=fakes["anthropic"].base_url, **common),
                OpenAIGuesser("gpt-6-luna", FAKE_KEY, base_url=fakes["openai"].base_url, **common),
                GeminiGuesser("gemini-2.5-flash-lite", FAKE_KEY, base_url=fakes["gemini"].base_url, **common)]
    engine = build_engine(settings, guessers=guessers, rng=random.Random(1))
    engine.pool.settings = replace(engine.pool.settings, keep_ended_s=0.5, housekeeping_s=0.2)
    tally: dict = {}
    lock = threading.Lock()
    players = [Player(n, engine, random.Random(n), tally, lock) for n in range(PLAYERS)]
    try:
        for p in players:
            p.start()
        for p in players:
            p.join(WALL_LIMIT + 30)
        assert not [p for p in players if p.is_alive()], "every player finished"
        assert [p.error for p in players if p.error] == []
        assert wait_for(lambda: not engine.lobby.running_games() and not engine.lobby.queue_length(), timeout=20), \
            "the reaper closes abandoned games and empties the queue"
        for game in engine.store.query("SELECT id FROM games"):
            assert engine.pool.wait_idle(game["id"], timeout=10)
        assert engine.recorder.flush(30)

        store, stats = engine.store, engine.pool.stats
        assert store.active_games() == []
        statuses = {r["status"] for r in store.query("SELECT DISTINCT status FROM games")}
        assert statuses <= {"won", "timeout", "quit", "abandoned"} and "won" in statuses and "abandoned" in statuses
        # Every frame the page handed over is stored once, or was unchanged, or came after its game ended.
        assert stats.frames_accepted == store.count("frames") > 100
        assert tally["sent"] >= stats.frames_accepted
        dup_frames = list(store.query("SELECT game_id, seq FROM frames GROUP BY game_id, seq HAVING COUNT(*) > 1"))
        assert dup_frames == []
        # Every reply is stored exactly once: a row per call, bar the passes.
        assert store.count("guesses") == stats.calls - stats.passes > 100
        dup_guesses = list(store.query(
            "SELECT game_id, guesser, frame_seq FROM guesses GROUP BY 1, 2, 3 HAVING COUNT(*) > 1"))
        assert dup_guesses == []
        assert engine.recorder.stats.dropped == 0
        won = list(store.query("SELECT g.id, COUNT(w.id) AS n FROM games g LEFT JOIN guesses w "
                                  "ON w.game_id = g.id AND w.won = 1 WHERE g.status = 'won' GROUP BY g.id"))
        assert all(r["n"] == 1 for r in won), "each won game has exactly one winning guess"
        assert store.integrity_check() == "ok"
        by_status = {r["status"]: r["n"] for r in store.query("SELECT status, COUNT(*) AS n FROM games GROUP BY 1")}
        print(f"\nload: games {by_status}, frames {stats.frames_accepted} (unchanged {stats.frames_unchanged}, "
              f"after the end {stats.frames_dropped}), calls {stats.calls}, rows {store.count('guesses')}")
        assert wait_for(lambda: engine.pool.known_games() == 0, timeout=5), "ended games are let go"
    finally:
        engine.close()
        for f in fakes.values():
            f.close()
    assert wait_for(lambda: threading.active_count() <= threads_before, timeout=10), \
        [t.name for t in threading.enumerate()]
    gc.collect()
    assert rss_mb() < rss_before + 150, "memory returns near its idle level"
