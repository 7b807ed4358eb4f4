"""Bad input: garbage URL parameters and broken images get a clear message or are ignored; nothing is lost."""
from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from conftest import settle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from seed import seed_games
from streamlit.testing.v1 import AppTest

from core.images import encode_png
from core.play import CanvasFeed
from core.resources import get_engine, get_settings
from core.settings import ROOT

PARAMS = st.one_of(st.text(max_size=80), st.sampled_from(["", "1", "0", "../..", "%00", "<script>alert(1)</script>",
                                                          "' OR 1=1 --", "0" * 12, "f" * 12, "é" * 40]))


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    (tmp / "w.txt").write_text("square\ncircle\ntriangle\ncat\nhouse\ntree\n")
    mp = pytest.MonkeyPatch()
    mp.setenv("PICTIONARY_DATA_DIR", str(tmp / "data"))
    mp.setenv("WORDS_FILE", str(tmp / "w.txt"))
    get_engine.clear()
    get_settings.clear()
    engine = get_engine()
    seed_games(engine.store, now=time.time())
    yield engine
    engine.close()
    get_engine.clear()
    get_settings.clear()
    mp.undo()


def snapshot(store) -> tuple:
    return tuple(store.count(t) for t in ("games", "frames", "guesses", "players", "replays"))


@pytest.mark.parametrize("script, param", [
    ("pages/3_Game.py", "game"), ("pages/1_Spectate.py", "present"), ("Home.py", "player"),
    ("pages/2_Leaderboard.py", "player"),
])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=PARAMS)
def test_garbage_url_parameters_never_crash_a_page_or_touch_the_data(seeded_app, script, param, value):
    before = snapshot(seeded_app.store)
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=30)
    if script != "Home.py":
        at.switch_page(script)
    at.query_params[param] = value
    at.run()
    assert not at.exception
    assert "Traceback" not in str(at._tree)
    players_now = snapshot(seeded_app.store)
    assert players_now[:3] == before[:3] and players_now[4] == before[4]


def png_bytes(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def declared_huge() -> bytes:
    """A tiny file whose header claims a 40000 x 40000 image (a decompression bomb's calling card)."""
    ihdr = struct.pack(">IIBBBBB", 40000, 40000, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


GOOD = png_bytes(Image.new("RGBA", (64, 64), (255, 255, 255, 255)))


@pytest.mark.parametrize("name, data, accepted", [
    ("empty canvas", GOOD, False),  # nothing drawn yet: nothing to guess, nothing stored
    ("all black", png_bytes(Image.new("RGBA", (64, 64), (0, 0, 0, 255))), True),
    ("huge", declared_huge(), False),
    ("truncated", png_bytes(Image.new("RGB", (300, 300), (9, 9, 9)))[:120], False),
    ("not a png", b"GIF89a" + b"\x00" * 200, False),
    ("nothing", b"", False),
])
def test_canvas_frames_of_any_shape_are_stored_or_ignored_never_fatal(store, recorder, name, data, accepted):
    from scripted import ScriptedGuesser

    from core.pool import GuesserPool
    from core.words import Word

    store.touch_player("player-bad1", 0)
    store.insert_game({"id": "aaaaaaaaaaaa", "word": "cat", "player_id": "player-bad1", "status": "active",
                       "started_at": 0, "game_seconds": 45})
    pool = GuesserPool([ScriptedGuesser("a", [(0, None)])], recorder)
    try:
        pool.start_game("aaaaaaaaaaaa", Word("cat"))
        feed = CanvasFeed(pool, "aaaaaaaaaaaa")
        assert feed.offer(data) is accepted
        assert feed.offer(encode_png(Image.new("L", (8, 8), 0))) is True, "the next good frame still goes"
        settle(pool)
        assert recorder.flush()
        assert store.count("frames") == (2 if accepted else 1) and store.integrity_check() == "ok"
    finally:
        pool.close()
