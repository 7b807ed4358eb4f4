"""The play page's logic: frames reach the pool throttled and compact; lines and results read right."""
from __future__ import annotations

import io

import numpy as np
import pytest
from conftest import settle
from PIL import Image
from scripted import ScriptedGuesser

from core.play import CanvasFeed, browser_frame_png, games_at_once, guess_lines, result_summary, strip_indices
from core.pool import GameSnapshot, GuesserPool, GuessView
from core.words import Word


def browser_png(marks: int) -> bytes:
    """An RGBA PNG like the browser sends: transparent, with black marks."""
    arr = np.zeros((128, 128, 4), np.uint8)
    for i in range(marks):
        arr[10 + 8 * i: 14 + 8 * i, 10:100] = (0, 0, 0, 255)
    buf = io.BytesIO()
    Image.fromarray(arr, "RGBA").save(buf, "PNG")
    return buf.getvalue()


def test_browser_frame_is_flattened_to_greyscale_on_white():
    png = browser_frame_png(browser_png(2))
    im = Image.open(io.BytesIO(png))
    assert im.mode == "L" and im.getpixel((0, 0)) == 255 and im.getpixel((50, 12)) == 0


@pytest.fixture
def pool(recorder, store):
    store.touch_player("player-0001", 0)
    store.insert_game({"id": "g1", "word": "cat", "player_id": "player-0001", "status": "active",
                       "started_at": 0, "game_seconds": 45})
    p = GuesserPool([ScriptedGuesser("a", [(0.0, "dog")])], recorder)
    p.start_game("g1", Word("cat"))
    yield p
    p.close()


def test_canvas_feed_hands_each_changed_frame_over_once_with_its_ink(pool, recorder, store):
    feed = CanvasFeed(pool, "g1")
    assert feed.offer(browser_png(1)) is True
    assert feed.offer(browser_png(1)) is False, "an unchanged canvas is not re-encoded or resent"
    assert feed.offer(browser_png(2)) is True
    settle(pool)
    assert recorder.flush()
    pngs = [f["png"] for f in store.game_frames("g1")]
    assert pngs == [browser_frame_png(browser_png(1)), browser_frame_png(browser_png(2))]
    assert [pool.call(lambda: pool._games["g1"].newest.ink)] == [2 * 4 * 90]


def test_canvas_feed_ignores_broken_bytes_and_ended_games(pool):
    feed = CanvasFeed(pool, "g1")
    assert feed.offer(b"not a png at all") is False and feed.rejected == 1
    assert feed.offer(None) is False
    pool.end_game("g1")
    assert feed.offer(browser_png(1)) is False


def view(**kw):
    base = dict(guesser="Claude", text="cat", normalized="cat", correct=False, won=False, reason="r",
                frame_seq=1, created_at=105.0, latency_ms=1.0)
    base.update(kw)
    return GuessView(**base)


def test_guess_lines_are_newest_first_with_marks():
    snap = GameSnapshot("g1", "cat", False, 2, (
        view(text="dog", created_at=101.0),
        view(error="refused: SAFETY", refused=True, text=None, created_at=102.0),
        view(error="timeout after 12s", text=None, created_at=103.0),
        view(correct=True, won=True, reason="names 'cat'", created_at=104.5),
    ), (), "Claude")
    lines = guess_lines(snap, started_at=100.0)
    assert [line.mark for line in lines] == ["✅", "⚠️", "🚫", "❌"]
    assert lines[0].at == 4.5 and lines[0].detail == "names 'cat'"
    assert guess_lines(None, 0) == []


@pytest.mark.parametrize("game, headline", [
    ({"status": "won", "winner": "Claude", "duration_s": 12.34, "word": "cat"}, "Claude got it in 12.3 s!"),
    ({"status": "timeout", "word": "cat"}, "Time ran out!"),
    ({"status": "quit", "word": "cat"}, "You gave up."),
    ({"status": "abandoned", "word": "cat"}, "This game was abandoned."),
])
def test_result_summary_names_the_outcome_and_the_word(game, headline):
    h, detail = result_summary(game)
    assert h == headline and "cat" in detail


@pytest.mark.parametrize("count, k, expected", [(0, 6, []), (3, 6, [0, 1, 2]), (10, 3, [0, 4, 9]), (7, 1, [6])])
def test_strip_spreads_frames_and_keeps_the_last(count, k, expected):
    assert strip_indices(count, k) == expected


@pytest.mark.parametrize("n, text", [(1, "At most 1 game runs at once"), (2, "At most 2 games run at once")])
def test_the_cap_reads_in_good_english(n, text):
    assert games_at_once(n) == text


def test_a_blank_canvas_is_sent_only_after_a_drawing_was_cleared(pool, recorder, store):
    feed = CanvasFeed(pool, "g1")
    assert feed.offer(browser_png(0)) is False, "the blank canvas as it mounts: nothing to show"
    assert feed.offer(browser_png(1)) is True
    assert feed.offer(browser_png(0)) is True, "cleared: spectators must see it blank"
    settle(pool)
    assert recorder.flush()
    assert [f["seq"] for f in store.game_frames("g1", with_png=False)] == [1, 2]


@pytest.mark.parametrize("game, caption", [
    ({"difficulty": "easy", "pack": "animals"}, "Easy word · animals pack"),
    ({"difficulty": "hard", "pack": None}, "Hard word"),
    ({"difficulty": None, "pack": "food"}, "food pack"),
    ({"difficulty": "nonsense", "pack": None}, None),
    ({}, None),
])
def test_a_games_word_caption_names_its_level_and_pack(game, caption):
    from core.play import word_caption
    assert word_caption(game) == caption


def test_the_missing_keys_notice_joins_the_key_names_in_the_pages_language():
    from core.leaderboard import display_name
    from core.play import lineup_notice
    german = lineup_notice(0, True, "de")
    assert "`OPENAI_API_KEY` oder `GEMINI_API_KEY`" in german and " or " not in german
    assert "`OPENAI_API_KEY` or `GEMINI_API_KEY`" in lineup_notice(0, True, "en")
    assert display_name({"player_name": None}, "de") == "anonym" and display_name({"player_name": "Ada"}, "de") == "Ada"
