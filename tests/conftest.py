"""Tiny real fixtures: a temp-file database, the real recorder and pool, and PNG frames."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for p in (str(ROOT), str(ROOT / "tests")):
    if p not in sys.path:
        sys.path.insert(0, p)

from core.images import encode_png, render_strokes  # noqa: E402
from core.recorder import Recorder  # noqa: E402
from core.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path):
    """A fresh database in a temp file."""
    s = Store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL cluster for the run (skips, saying why, where none can start; CI installs one)."""
    from pg import Cluster, NoPostgres
    try:
        cluster = Cluster()
    except NoPostgres as exc:
        if os.environ.get("PICTIONARY_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"PostgreSQL tests need a server: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path):
    """The same test on both engines: "" (a temp SQLite file) or a fresh PostgreSQL schema's URL."""
    if request.param == "sqlite":
        return ""
    return request.getfixturevalue("postgres").new_schema()


@pytest.fixture
def db_store(backend_url, tmp_path):
    """A fresh database on each engine."""
    s = Store(tmp_path / "test.db", database_url=backend_url)
    yield s
    s.shutdown()


@pytest.fixture
def recorder(store):
    """The real writer thread on the temp database."""
    r = Recorder(store, retry_delays=(0.01, 0.05))
    yield r
    r.close()


def frame_png(n: int, size: int = 64) -> bytes:
    """A distinct small drawing for each n: n short strokes."""
    strokes = [[[4 + 3 * i, 4 + 3 * i], [4, size - 4]] for i in range(n + 1)]
    return encode_png(render_strokes(strokes, size=size, pen_width=2))


@pytest.fixture
def frames():
    """A function that makes distinct PNG frames."""
    return frame_png


KEY_SETTINGS = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "ADMIN_PASSWORD")


@pytest.fixture
def streamlit_app(tmp_path, monkeypatch):
    """Point the app's cached engine at a temp database and word list: call it with (words, **settings)."""
    from core.resources import get_engine, get_settings
    made = []

    def configure(words: str = "square\ncircle\ntriangle\n", **settings: str):
        (tmp_path / "words.txt").write_text(words)
        monkeypatch.setenv("PICTIONARY_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("WORDS_FILE", str(tmp_path / "words.txt"))
        for key in KEY_SETTINGS:
            monkeypatch.delenv(key, raising=False)
        for key, value in settings.items():
            monkeypatch.setenv(key, value)
        get_engine.clear()
        get_settings.clear()
        made.append(True)
        return get_engine()

    yield configure
    if made:
        get_engine().close()
    get_engine.clear()
    get_settings.clear()


def wait_for(cond, timeout: float = 5.0, every: float = 0.02) -> bool:
    """Poll `cond` until it is true (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(every)
    return False
