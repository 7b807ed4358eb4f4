"""Tiny real fixtures: a temp-file database, the real recorder and engine, the app's routes in a TestClient, PNG
frames, and for the browser tests Chromium and the app servers they share."""
from __future__ import annotations

import contextlib
import os
import random
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for p in (str(ROOT), str(ROOT / "tests")):
    if p not in sys.path:
        sys.path.insert(0, p)

from harness import wait_for  # noqa: E402,F401  (the one poll: tests import it from here)

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


@pytest.fixture
def make_engine(tmp_path):
    """The real engine on a temp database and word list: make_engine(guessers, words, rng=, reaper=, **settings)."""
    from core.engine import build_engine
    from core.settings import Settings
    made = []

    def make(guessers, words: str = "cat\n", *, rng: random.Random | None = None, reaper: bool = False,
             **settings: object):
        (tmp_path / "words.txt").write_text(words)
        env = {"PICTIONARY_DATA_DIR": str(tmp_path / "data"), "WORDS_FILE": str(tmp_path / "words.txt")}
        env.update({k: str(v) for k, v in settings.items()})
        engine = build_engine(Settings.load(env), guessers=guessers, rng=rng or random.Random(1), reaper=reaper)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        if engine.recorder.alive:  # not closed by the test itself
            engine.close()


@pytest.fixture
def route_client():
    """route_client(engine, cache=None): Starlette's TestClient over the app's own routes (core.web.api_routes)
    on `engine`, no socket. One event loop serves all its requests, as one server would (the live cache builds a
    document once for every request waiting on it), and they come from 127.0.0.1, a trusted proxy, as a local
    client's would (the share links honour its forwarded host)."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from core.web import api_routes
    with contextlib.ExitStack() as clients:
        def make(engine, cache=None) -> TestClient:
            app = Starlette(routes=api_routes(lambda: engine, cache))
            return clients.enter_context(TestClient(app, client=("127.0.0.1", 50000)))

        yield make


def settle(pool) -> None:
    """Return once the pool's loop has taken in every frame handed to it so far and the guess loops those frames
    woke have made their move (a call begun, or not): the loop runs its callbacks in the order they came, and
    this one's first step comes after every wake-up the frames queued."""
    pool.call(lambda: None)


# -- the browser tests: Chromium, a person's tab, and the app servers they share ----------------------------

@pytest.fixture(scope="module")
def playwright():
    """Playwright itself (its device descriptors too); skips, saying why, without Chromium or the package."""
    from harness import CHROMIUM
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    """Debian's Chromium, headless, one for the module (each person gets a fresh context of it)."""
    from harness import launch_chromium
    b = launch_chromium(playwright)
    yield b
    b.close()


@pytest.fixture
def person(browser, playwright):
    """person(url, device=None, **context): a new person's tab (no cookies, no player id) on `url`, on a
    desktop screen or an emulated device; every tab is closed after the test, so none polls on."""
    from browser_kit import DESKTOP
    contexts = []

    def open_tab(url: str | None = None, device: str | None = None, **context):
        options = dict(playwright.devices[device]) if device else {"viewport": DESKTOP}
        options.update(context)
        ctx = browser.new_context(**options)
        contexts.append(ctx)
        page = ctx.new_page()
        if url:
            page.goto(url)
        return page

    yield open_tab
    for ctx in contexts:
        ctx.close()


def _shared_app(tmp_path_factory, name: str, words: str, **settings: str):
    """A `streamlit run` of the app for every browser test that can share it: its own data dir, no key,
    players signed with browser_kit's secret, no per-address cap on seats or guesses (every test's browser is
    127.0.0.1)."""
    from browser_kit import PLAYER_SECRET, SharedApp
    from harness import ENGINE_READY, start_app
    server = start_app(tmp_path_factory.mktemp(name), {
        "PLAYER_SECRET": PLAYER_SECRET, "MAX_SEATS_PER_ADDRESS": "0", "GUESSES_PER_ADDRESS": "0",
        "GAME_SECONDS": "120", "FRAME_INTERVAL": "0.5",
        "MIN_GUESS_INTERVAL": "0.5", "MAX_CONCURRENT_GAMES": "50", **settings}, words=words, name=name,
        ready=ENGINE_READY)
    app = SharedApp(server, Store(server.db_path))
    yield app
    app.store.close()
    server.stop()


@pytest.fixture(scope="session")
def vision():
    """One fake vision model on 127.0.0.1 (OpenAI-compatible): it says banana unless a test scripts it."""
    from fake_providers import FakeProvider, ok
    with FakeProvider("openai", default=ok("banana", delay=0.2)) as fake:
        yield fake


def vision_settings(vision) -> dict[str, str]:
    """The settings that make the fake vision model an app's only guesser, "Fake Vision"."""
    return {"SKETCH_ENABLED": "false", "OPENAI_COMPAT_BASE_URL": vision.base_url,
            "OPENAI_COMPAT_MODEL": "fake-vision", "OPENAI_COMPAT_NAME": "Fake Vision"}


@pytest.fixture(scope="session")
def _vision_app(tmp_path_factory, vision):
    yield from _shared_app(tmp_path_factory, "vision-app", "apple\n", PUBLIC_URL="https://arena.example.com",
                           **vision_settings(vision))


@pytest.fixture
def vision_app(_vision_app, vision):
    """The shared app whose only guesser is the fake vision model, on one word (apple), fifty games at once.
    Each test starts on an empty arena and on the model's default answer (a script one test left unused
    would name the word of the next test's game)."""
    vision.reset()
    yield _vision_app.fresh()
    vision.reset()


@pytest.fixture(scope="session")
def _admin_app(tmp_path_factory, vision):
    from browser_kit import ADMIN_PASSWORD
    yield from _shared_app(tmp_path_factory, "admin-app", "apple\n", ADMIN_PASSWORD=ADMIN_PASSWORD,
                           WRITTEN_WORD_CHECK="false", **vision_settings(vision))


@pytest.fixture
def admin_app(_admin_app, vision):
    """The vision app's twin with an admin password (which changes who may run evals and opens the Admin and
    Host pages, so it cannot be the shared vision app); an empty arena at each test's start."""
    vision.reset()
    yield _admin_app.fresh()
    vision.reset()


@pytest.fixture(scope="session")
def _sketch_app(tmp_path_factory):
    yield from _shared_app(tmp_path_factory, "sketch-app", "square\ncircle\ntriangle\n")


@pytest.fixture
def sketch_app(_sketch_app):
    """The shared app whose only guesser is the offline sketch model, on three shapes; an empty arena."""
    return _sketch_app.fresh()


@pytest.fixture(scope="session")
def _quiet_app(tmp_path_factory):
    from seed import seed_games
    for app in _shared_app(tmp_path_factory, "quiet-app", "square\ncircle\ntriangle\n", SKETCH_ENABLED="false",
                           MAX_CONCURRENT_GAMES="2"):
        seed_games(app.store, now=time.time())  # finished games, for the pages that show them
        yield app


@pytest.fixture
def quiet_app(_quiet_app):
    """The shared app with no guesser at all (nobody wins), two games at once (the queue tests), seeded with
    finished games; an empty arena and an empty queue at each test's start."""
    return _quiet_app.fresh()


@pytest.fixture(scope="session")
def ocr():
    """The real OCR engine (loaded once for the run), or a skip saying why it is not there."""
    from core.writing import WritingCheckUnavailable, load_reader
    try:
        return load_reader()
    except WritingCheckUnavailable as exc:
        pytest.skip(f"no OCR engine here: {exc}")
