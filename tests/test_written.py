"""The written-word watch in the running app: a game whose frame spells its word is flagged, keeps playing,
and stays off the leaderboard until an admin clears it; a frame the OCR fails on changes nothing."""
from __future__ import annotations

import random
import threading
import time
from functools import partial

import pytest
from conftest import wait_for as shared_wait_for
from scripted import ScriptedGuesser
from test_writing import written

from core.images import encode_png, render_strokes
from core.pool import GuesserPool
from core.words import Word
from core.writing import WritingCheckUnavailable, WrittenWordWatch

HOUSE = [[[150, 350, 350, 150, 150], [250, 250, 420, 420, 250]], [[140, 250, 360], [255, 130, 255]]]


@pytest.fixture
def engine_for(make_engine):
    """engine_for(guessers, **settings): the real engine on two words, apple and house."""
    def make(guessers, **settings):
        return make_engine(guessers, "apple\nhouse\n", rng=random.Random(4), MIN_GUESS_INTERVAL=0, FRAME_INTERVAL=0,
                           MAX_CONCURRENT_GAMES=3, **settings)
    return make


wait_for = partial(shared_wait_for, timeout=20.0, every=0.05)


def test_a_written_word_flags_the_game_which_goes_on_and_stays_off_the_leaderboard(engine_for, ocr):
    engine = engine_for([ScriptedGuesser("slow", [(0.3, "banana")] * 40)])
    seat = engine.lobby.join("writer-0001", now=time.time())
    text = seat.word.upper()
    engine.pool.submit_frame(seat.game_id, encode_png(render_strokes(written(text, "futural", 70, 0.1))))
    assert wait_for(lambda: engine.store.get_game(seat.game_id)["wrote_word"] == 1)
    game = engine.store.get_game(seat.game_id)
    assert game["status"] == "active", "the game goes on"
    assert game["wrote_word_frame"] == 1 and seat.word in game["wrote_word_text"].lower()
    assert engine.lobby.claim_win(seat.game_id, "slow", time.time()), "and can still be won"
    engine.pool.end_game(seat.game_id)
    assert engine.store.leaderboard() == [], "never on the leaderboard"
    engine.store.review_written(seat.game_id, confirm=False)  # an admin: a false alarm
    assert [r["id"] for r in engine.store.leaderboard()] == [seat.game_id], "a cleared game goes back on it"


def test_an_honest_drawing_is_not_flagged(engine_for, ocr):
    engine = engine_for([ScriptedGuesser("slow", [(0.3, "banana")] * 40)])
    seat = engine.lobby.join("drawer-0001", now=time.time())
    engine.pool.submit_frame(seat.game_id, encode_png(render_strokes(HOUSE)))
    engine.lobby.quit("drawer-0001", now=time.time())
    # the pool hands frames and the game's end to the watch from its own loop: wait for the check itself
    assert wait_for(lambda: engine.writing.checks >= 1) and engine.writing.wait_idle()
    assert engine.store.get_game(seat.game_id)["wrote_word"] == 0


def test_a_game_won_in_its_first_second_is_checked_at_its_end_and_the_win_is_marked(engine_for, ocr):
    engine = engine_for([ScriptedGuesser("quick", [(0.0, "apple"), (0.0, "house")])])
    seat = engine.lobby.join("speedy-0001", now=time.time())
    engine.pool.submit_frame(seat.game_id, encode_png(render_strokes(written(seat.word.upper(), "futural", 70, 0))))
    assert wait_for(lambda: engine.store.get_game(seat.game_id)["status"] == "won")
    assert engine.writing.wait_idle() and engine.recorder.flush()
    engine.recorder.run_job(lambda s: None)
    assert wait_for(lambda: engine.store.get_game(seat.game_id)["wrote_word"] == 1)
    engine.store.mark_written_win(seat.game_id)
    winning = [g for g in engine.store.game_guesses(seat.game_id) if g["won"]]
    assert len(winning) == 1 and winning[0]["written"] == 1, "the win was made on a frame with the word written"


class ManualClock:
    """A clock that moves only when the test moves it."""

    def __init__(self, now: float = 0.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Reader:
    """An OCR stand-in that counts its reads, and fails or is missing on request."""

    def __init__(self, fail: Exception | None = None):
        self.fail, self.reads, self.pngs, self.lock = fail, [], [], threading.Lock()

    def __call__(self, png: bytes) -> list[str]:
        with self.lock:
            self.reads.append(time.monotonic())
            self.pngs.append(png)
        if self.fail is not None:
            raise self.fail
        return ["apple"]


def seed(store, game_id="aaaaaaaaaaaa"):
    store.touch_player("player-0001", 0.0)
    store.insert_game({"id": game_id, "word": "apple", "player_id": "player-0001", "status": "active",
                       "started_at": time.time(), "game_seconds": 45})


def test_at_most_one_check_per_game_per_second_and_always_the_last_frame(store):
    from core.words import Word
    seed(store)
    reader = Reader()
    clock = ManualClock()
    watch = WrittenWordWatch(store, interval=1.0, read=reader, clock=clock)
    try:
        for seq in range(1, 21):  # twenty frames in two seconds of the watch's clock
            watch.offer("aaaaaaaaaaaa", seq, b"png %d" % seq, Word("apple"))
            if seq == 1:
                assert wait_for(lambda: len(reader.reads) == 1), "the first frame is read at once"
            clock.now = seq / 10  # 0.1 s on
            if seq == 10:  # a second after the first check: the newest frame then is due
                assert wait_for(lambda: len(reader.reads) == 2)
        watch.finish("aaaaaaaaaaaa", 21, b"png 21", Word("apple"))
        assert watch.wait_idle()
        assert reader.pngs == [b"png 1", b"png 10", b"png 21"], "one check a second, and the last frame at the end"
        assert store.get_game("aaaaaaaaaaaa")["wrote_word_frame"] == 1, "the first evidence is kept"
    finally:
        watch.close()


def test_wait_idle_waits_for_the_check_in_hand_to_be_recorded(store):
    from core.words import Word
    seed(store)
    reading, release = threading.Event(), threading.Event()

    def slow_read(png: bytes) -> list[str]:
        reading.set()
        release.wait(10)
        return ["APPLE"]

    watch = WrittenWordWatch(store, read=slow_read)
    try:
        watch.offer("aaaaaaaaaaaa", 1, b"png", Word("apple"))
        assert reading.wait(10), "the check began"
        assert not watch.wait_idle(timeout=0.2), "a frame taken but not yet judged is not idle"
        release.set()
        assert watch.wait_idle() and store.get_game("aaaaaaaaaaaa")["wrote_word"] == 1
    finally:
        release.set()
        watch.close()


def test_a_frame_the_ocr_fails_on_leaves_the_game_unflagged_and_running(store):
    from core.words import Word
    seed(store)
    watch = WrittenWordWatch(store, read=Reader(fail=RuntimeError("onnxruntime: invalid input")))
    try:
        watch.finish("aaaaaaaaaaaa", 1, b"png", Word("apple"))
        assert watch.wait_idle() and watch.failures == 1
        game = store.get_game("aaaaaaaaaaaa")
        assert (game["wrote_word"], game["status"]) == (0, "active")
    finally:
        watch.close()


def test_an_ocr_that_cannot_load_turns_the_checks_off_and_says_why(store):
    from core.words import Word
    seed(store)
    watch = WrittenWordWatch(store, read=Reader(fail=WritingCheckUnavailable("rapidocr could not load: ImportError")))
    try:
        watch.offer("aaaaaaaaaaaa", 1, b"png", Word("apple"))
        assert wait_for(lambda: not watch.enabled)
        assert watch.status.startswith("off: rapidocr could not load")
        watch.offer("aaaaaaaaaaaa", 2, b"png", Word("apple"))  # ignored from now on, never an error
        assert store.get_game("aaaaaaaaaaaa")["wrote_word"] == 0
    finally:
        watch.close()


def test_confirmed_written_words_count_as_strikes_and_rest_the_player(engine_for):
    engine = engine_for([ScriptedGuesser("a")], MODERATION_STRIKES="2")
    now = time.time()
    for n, gid in enumerate(("000000000001", "000000000002")):
        engine.store.touch_player("writer-0002", now)
        engine.store.insert_game({"id": gid, "word": "apple", "player_id": "writer-0002", "status": "won",
                                  "started_at": now - 100 + n, "game_seconds": 45, "hidden": 0})
        engine.store.flag_written(gid, "APPLE", 1)
        engine.store.review_written(gid, confirm=True)
    from core.moderation import PlayerResting
    with pytest.raises(PlayerResting):
        engine.lobby.join("writer-0002", now=now)


@pytest.mark.parametrize("read, flagged", [(["HUND"], True), (["dog"], True), (["Hunde", "x"], True),
                                           (["HAUS"], False)])
def test_in_a_german_game_the_word_written_in_german_or_in_english_is_caught(store, recorder, frames, read, flagged):
    store.touch_player("writer-de01", 0)
    store.insert_game({"id": "00000000de0a", "word": "dog", "player_id": "writer-de01", "status": "active",
                       "started_at": time.time(), "game_seconds": 45, "lang": "de"})
    watch = WrittenWordWatch(store, read=lambda png: read)
    pool = GuesserPool([ScriptedGuesser("slow", [(5.0, None)])], recorder, watch=watch)
    try:
        pool.start_game("00000000de0a", Word("Hund"), lang="de", concept=Word("dog"), translations={})
        pool.submit_frame("00000000de0a", frames(1))
        assert wait_for(lambda: watch.checks >= 1) and watch.wait_idle()
        game = store.get_game("00000000de0a")
        assert game["wrote_word"] == int(flagged), game["wrote_word_text"]
    finally:
        pool.close()
        watch.close()
