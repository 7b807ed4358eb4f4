"""The profanity filter in the room: what people type, what models reply and what a drawing spells are judged and
stored as they are, and reach public views masked or withheld; nicknames are refused."""
from __future__ import annotations

import contextlib
import random
import time

import pytest
from conftest import wait_for
from scripted import ScriptedGuesser
from test_writing import written

from core.audience import Audience
from core.images import encode_png, render_strokes
from core.lobby import Lobby, LobbySettings, Referee
from core.nicknames import RudeNickname
from core.pool import GuesserPool, PoolSettings
from core.recorder import Recorder
from core.room import Room
from core.store import ACTIVE
from core.visibility import ANYONE, HOST, Viewer, shown_guesses
from core.words import Word
from core.writing import WrittenWordWatch

WORDS = (Word("cat"), Word("dog"))
RUDE = "shit"


@pytest.fixture
def game(store, frames):
    recorder = Recorder(store, retry_delays=(0.01,))
    model = ScriptedGuesser("Model", [(0.01, f"a {RUDE} drawing")] + [(0.5, "dog")] * 20)
    referee = Referee(store)
    pool = GuesserPool([model], recorder, PoolSettings(timeout=5.0), referee=referee.claim_win)
    lobby = Lobby(store, pool, WORDS, LobbySettings(max_games=2, game_seconds=300), referee=referee,
                  rng=random.Random(1))
    room = Room(store, lineup=["Model"], level="moderate")
    audience = Audience(store, lobby, pool, room=room)
    seat = lobby.join("drawer-0001", now=time.time())
    store.touch_player("person-00001", time.time())
    store.set_nickname("person-00001", "Maya")
    yield store, pool, recorder, audience, room, seat, frames
    lobby.close()
    pool.close()
    recorder.close()


def texts(rows):
    return [r["text"] for r in rows]


def test_a_rude_guess_is_judged_and_stored_as_typed_and_reaches_public_views_masked(game):
    store, pool, recorder, audience, room, seat, frames = game
    out = audience.guess(seat.game_id, "person-00001", f"{RUDE} dog", now=time.time())
    assert not out.won and f"{RUDE} dog" in texts(store.game_guesses(seat.game_id)), "stored as typed"
    rows = store.game_guesses(seat.game_id)
    g = store.get_game(seat.game_id)
    public = texts(shown_guesses(rows, g, ANYONE, ("cat",), "moderate"))
    assert public == ["✱" * len(RUDE) + " dog"]
    assert texts(shown_guesses(rows, g, Viewer("drawer-0001"), ("cat",), "moderate")) == public
    assert texts(shown_guesses(rows, g, HOST, ("cat",), "moderate")) == [f"{RUDE} dog"], "the host sees it as typed"
    assert texts(shown_guesses(rows, g, ANYONE, ("cat",), "off")) == [f"{RUDE} dog"], "off filters nothing"


def test_a_models_rude_reply_is_masked_for_the_public_too(game):
    store, pool, recorder, audience, room, seat, frames = game
    pool.submit_frame(seat.game_id, frames(1))
    assert wait_for(lambda: recorder.flush(1) and store.game_guesses(seat.game_id), 10)
    [row] = store.game_guesses(seat.game_id)
    assert row["text"] == f"a {RUDE} drawing" and row["profanity"] == 2
    g = store.get_game(seat.game_id)
    assert texts(shown_guesses([row], g, ANYONE, ("cat",), "moderate")) == ["a " + "✱" * len(RUDE) + " drawing"]


@pytest.mark.parametrize("name", [RUDE, "SH1T", "s.h.i.t", "ShIiIiT"])
def test_a_rude_nickname_is_refused(game, name):
    store, pool, recorder, audience, room, seat, frames = game
    with pytest.raises(RudeNickname):
        room.set_nickname("person-00001", name, time.time())
    assert store.get_player("person-00001")["nickname"] == "Maya"


@contextlib.contextmanager
def watching(store, game_id: str, read: list[str], level: str):
    """A running game of "cat", and a written-word watch whose OCR reads `read` on its one frame."""
    store.touch_player(f"writer-{game_id[-4:]}", 0)
    store.insert_game({"id": game_id, "word": "cat", "player_id": f"writer-{game_id[-4:]}", "status": ACTIVE,
                       "started_at": time.time(), "game_seconds": 45})
    watch = WrittenWordWatch(store, read=lambda png: read, level=level)
    try:
        watch.offer(game_id, 1, b"png", Word("cat"))
        yield watch
    finally:
        watch.close()


def test_a_drawing_that_spells_a_blocked_word_is_hidden_for_review(store):
    with watching(store, "0000000000aa", ["SH1T", "hello"], "moderate") as watch:
        assert wait_for(lambda: store.get_game("0000000000aa")["hidden"] == 1, 5) and watch.wait_idle()
        game = store.get_game("0000000000aa")
        assert game["moderation"] == "pending" and "blocked word" in game["review_note"]
        assert "SH1T" not in game["review_note"] and store.running_public_games() == []
        assert game["wrote_word"] == 0, "not the secret word: that is another check"


def test_an_honest_drawing_read_by_the_filter_stays_public(store):
    with watching(store, "0000000000bb", ["SCUNTHORPE", "class"], "strict") as watch:
        assert wait_for(lambda: watch.checks == 1, 5) and watch.wait_idle()
        assert store.get_game("0000000000bb")["hidden"] == 0


def test_a_blocked_word_really_written_on_the_canvas_is_read_and_hidden(store, ocr):
    store.touch_player("writer-0003", 0)
    store.insert_game({"id": "0000000000cc", "word": "cat", "player_id": "writer-0003", "status": "active",
                       "started_at": time.time(), "game_seconds": 45})
    watch = WrittenWordWatch(store, level="moderate")
    try:
        watch.offer("0000000000cc", 1, encode_png(render_strokes(written(RUDE.upper(), "futural", 70, 0.1))), Word("cat"))
        assert wait_for(lambda: watch.checks == 1, 30) and watch.wait_idle()
        assert store.get_game("0000000000cc")["hidden"] == 1
    finally:
        watch.close()
