"""Phones and tablets in Chromium's device emulation: the canvas fits, a finger draws, the game stays in view."""
from __future__ import annotations

import io
import re
import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from browser_kit import (browser, playwright, screenshot, shape, start_server, stop_server,  # noqa: F401 - fixtures
                         sync_api, touch_stroke)

pytestmark = pytest.mark.browser
WORD_AT = re.compile(r"Draw:\s*(\w+)")
CANVAS = 512
PEN = 6
DEVICES = ["iPhone SE", "iPhone 13", "Pixel 7", "iPad (gen 7)", "iPhone 13 landscape"]
PAGES = ["/Spectate", "/Spectate?present=1", "/Leaderboard", "/Game?game=000000000001", "/Stats", "/About",
         "/Eval", "/Admin"]


@pytest.fixture(scope="module")
def banana_server(tmp_path_factory):
    """A fake vision model that always answers banana and no offline model: games run until given up."""
    from fake_providers import FakeProvider, ok
    tmp = tmp_path_factory.mktemp("banana")
    with FakeProvider("openai", default=ok("banana", delay=0.2)) as fake:
        url, proc, log = start_server(tmp, {
            "SKETCH_ENABLED": "false", "OPENAI_COMPAT_BASE_URL": fake.base_url, "OPENAI_COMPAT_MODEL": "fake-vision",
            "OPENAI_COMPAT_NAME": "Fake Vision", "MAX_CONCURRENT_GAMES": "20"})
        yield url, tmp / "data" / "pictionary.db"
        stop_server(proc, log)


@pytest.fixture(scope="module")
def sketch_server(tmp_path_factory):
    """Only the offline model: a finger-drawn shape it knows gets a guess and ends the game."""
    tmp = tmp_path_factory.mktemp("sketch")
    url, proc, log = start_server(tmp, {"MAX_CONCURRENT_GAMES": "20"})
    yield url, tmp / "data" / "pictionary.db"
    stop_server(proc, log)


@pytest.fixture
def seeded_server(tmp_path):
    """The app on a database with finished games, for the pages that show them."""
    from core.store import Store
    from seed import seed_games
    store = Store(tmp_path / "data" / "pictionary.db")
    seed_games(store, now=time.time())
    store.close()
    url, proc, log = start_server(tmp_path, {"MAX_CONCURRENT_GAMES": "1", "SKETCH_ENABLED": "false"})
    yield url
    stop_server(proc, log)


SCROLLED_JS = """() => { const boxes = [document.scrollingElement, ...document.querySelectorAll('*')];
  return Math.max(...boxes.map(b => b.scrollTop)); }"""
SCROLL_DOWN_JS = """() => { for (const b of [document.scrollingElement, ...document.querySelectorAll('*')]) {
  if (b.scrollHeight > b.clientHeight + 1 && getComputedStyle(b).overflowY !== 'hidden') b.scrollTop = b.scrollHeight; } }"""


def in_view(page, locator) -> bool:
    """True if the element lies wholly inside the viewport as the page is now (no scrolling)."""
    box = locator.bounding_box()
    vp = page.viewport_size
    return bool(box) and box["x"] >= -0.5 and box["y"] >= -0.5 and \
        box["x"] + box["width"] <= vp["width"] + 0.5 and box["y"] + box["height"] <= vp["height"] + 0.5


def comes_into_view(page, locator, timeout_ms: int = 5_000) -> bool:
    """True once the element lies in the viewport without scrolling, after the page has settled (a rerun, or
    a live view's redraw, replaces elements over a few frames)."""
    for _ in range(timeout_ms // 100):
        if in_view(page, locator):
            return True
        page.wait_for_timeout(100)
    return in_view(page, locator)


def interpolate(stroke, step: float = 8.0):
    """Points every `step` canvas pixels along a polyline, as a finger would report them."""
    out = [stroke[0]]
    for (x0, y0), (x1, y1) in zip(stroke, stroke[1:]):
        n = max(1, int(np.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out


def newest_frame(db: Path, game_id: str) -> np.ndarray:
    """The newest stored frame of a game as a greyscale array (all white before the first one)."""
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT png FROM frames WHERE game_id = ? ORDER BY seq DESC LIMIT 1", [game_id]).fetchone()
    if row is None:
        return np.full((CANVAS, CANVAS), 255, dtype=np.uint8)
    return np.asarray(Image.open(io.BytesIO(row[0])).convert("L"))


def game_row(db: Path) -> tuple[str, str]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, word FROM games ORDER BY started_at DESC LIMIT 1").fetchone()


def start_on(browser, playwright, url: str, device: str):
    """A player on the device taps Play; returns (context, page, heading) once the canvas has been fitted."""
    context = browser.new_context(**playwright.devices[device])
    page = context.new_page()
    page.goto(url)
    play = page.get_by_role("button", name="Play")
    play.wait_for(timeout=20_000)
    assert play.bounding_box()["height"] >= 44, "Play is a big enough touch target"
    play.tap()
    heading = page.locator("h2", has_text="Draw:")
    heading.wait_for(timeout=20_000)
    page.locator(".pa-tools.pa-ready").wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # the fit settles after the fonts load
    return context, page, heading


def to_screen(box: dict, stroke):
    """Canvas pixels (512 px square) to the screen, through the canvas's fitted size."""
    scale = box["width"] / CANVAS
    return [(box["x"] + x * scale, box["y"] + y * scale) for x, y in stroke]


def touch_until_won(page, cdp, box: dict, strokes, won) -> None:
    """Finger strokes on the canvas until the game is won (a stroke after that would swipe the result)."""
    for stroke in strokes:
        if won.count():
            break
        touch_stroke(cdp, to_screen(box, interpolate(stroke)))
        page.wait_for_timeout(250)


@pytest.mark.parametrize("device", DEVICES)
def test_a_finger_draws_where_it_touches_and_the_game_stays_in_view(banana_server, browser, playwright, device):
    url, db = banana_server
    context, page, heading = start_on(browser, playwright, url, device)
    vp = page.viewport_size
    canvas = page.locator("canvas").last
    box = canvas.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= vp["width"], "the canvas fits the screen's width"
    assert abs(box["width"] - box["height"]) < 1, "the canvas stays square"
    assert box["width"] >= min(CANVAS, vp["width"] - 48, 240), "the canvas is as large as the screen allows"
    for what in (heading, page.get_by_text(re.compile(r"\d+ s left")), canvas,
                 page.get_by_role("button", name="Undo"), page.get_by_role("button", name="Clear")):
        assert in_view(page, what), f"{what} is on screen without scrolling"
    for name in ("Undo", "Redo", "Clear"):
        tool = page.get_by_role("button", name=name).bounding_box()
        assert tool["width"] >= 44 and tool["height"] >= 44, f"{name} is a big enough touch target"
    assert page.evaluate("document.documentElement.scrollWidth") <= vp["width"]

    game_id, word = game_row(db)
    assert word == WORD_AT.search(heading.inner_text()).group(1)
    cdp = context.new_cdp_session(page)
    page.evaluate("""window.__scrolls = []; addEventListener('scroll', e => window.__scrolls.push(
        e.target.dataset ? (e.target.dataset.testid || e.target.className || e.target.nodeName) : 'document'), true)""")
    strokes = [interpolate(s) for s in shape(word)]
    for stroke in strokes:
        touch_stroke(cdp, to_screen(box, stroke))
        page.wait_for_timeout(250)
    assert page.evaluate("window.__scrolls") == [], "the page did not scroll during the strokes"
    assert page.get_by_role("button", name="Undo").is_enabled(), "Undo follows the canvas's history"

    # The stored frame has the ink where the finger went, in the canvas's own 512 px coordinates.
    points = np.array([p for s in strokes for p in s])
    tolerance = PEN / 2 + 3

    def inked(frame: np.ndarray) -> list[tuple[float, float]]:
        return [(x, y) for x, y in points[::3]
                if not (frame[max(0, int(y) - 4):int(y) + 5, max(0, int(x) - 4):int(x) + 5] < 128).any()]

    deadline = time.monotonic() + 10
    while (missing := inked(frame := newest_frame(db, game_id))) and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    assert not missing, f"ink under every touch, none at {missing[:3]}"
    assert frame.shape == (CANVAS, CANVAS), "frames are the same 512 px picture on every device"
    ys, xs = np.nonzero(frame < 128)
    assert abs(xs.min() - points[:, 0].min()) <= tolerance and abs(xs.max() - points[:, 0].max()) <= tolerance
    assert abs(ys.min() - points[:, 1].min()) <= tolerance and abs(ys.max() - points[:, 1].max()) <= tolerance, \
        "no ink away from the touches"

    page.get_by_role("button", name="Undo").tap()
    inner = np.array(strokes[-1][3:-3]).astype(int)  # the last stroke, away from where it meets the others

    def last_stroke_ink() -> int:
        return int((newest_frame(db, game_id)[inner[:, 1], inner[:, 0]] < 128).sum())

    deadline = time.monotonic() + 10
    while last_stroke_ink() and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    assert last_stroke_ink() == 0, "Undo took the last stroke away"
    page.get_by_role("button", name="Redo").tap()
    deadline = time.monotonic() + 10
    while last_stroke_ink() < len(inner) and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    assert last_stroke_ink() == len(inner), "Redo put it back"

    lines = page.locator(".pa-guess:not(.pa-empty):not(.pa-thinking):not(.pa-note)")
    for dot in range(20):  # small marks give the guessers new frames until two guesses have come
        if lines.count() >= 2:
            break
        x, y = 30 + 8 * dot, 490
        touch_stroke(cdp, to_screen(box, [(x, y), (x + 3, y + 3)]))
        page.wait_for_timeout(1000)
    assert lines.count() >= 2
    for i in range(2):  # as the page settles: a stroke's rerun may be redrawing it
        if not comes_into_view(page, lines.nth(i), timeout_ms=3_000):
            screenshot(page, f"phone-guess-not-in-view-{device}")
            pytest.fail(f"the latest two guesses are on screen while drawing: guess {i} at "
                        f"{lines.nth(i).bounding_box()}, viewport {page.viewport_size}, {lines.count()} guesses")
    moved = canvas.bounding_box()
    assert abs(moved["y"] - box["y"]) < 1 and abs(moved["x"] - box["x"]) < 1, \
        "arriving guesses never move the canvas under the finger"
    if device == "iPhone 13":
        screenshot(page, "phone-390-playing")

    page.get_by_role("button", name="Give up").tap()
    page.get_by_text("You gave up.").wait_for(timeout=15_000)
    again = page.get_by_role("button", name="Play again")
    again.wait_for(timeout=10_000)
    assert comes_into_view(page, again) and again.bounding_box()["height"] >= 44, "Play again is at hand"
    assert page.evaluate("document.documentElement.scrollWidth") <= vp["width"]
    context.close()


@pytest.mark.parametrize("device", DEVICES)
def test_a_finger_drawn_shape_gets_the_offline_models_guess_and_a_result(sketch_server, browser, playwright, device):
    url, db = sketch_server
    context, page, heading = start_on(browser, playwright, url, device)
    game_id, word = game_row(db)
    cdp = context.new_cdp_session(page)
    box = page.locator("canvas").last.bounding_box()
    won = page.get_by_text("got it in")
    touch_until_won(page, cdp, box, shape(word), won)
    for dot in range(10):  # a fresh small mark now and then gives the offline model a new frame
        try:
            won.wait_for(timeout=2_000)
            break
        except sync_api.TimeoutError:
            if won.count():
                break
            x, y = 30 + 8 * dot, 480
            touch_stroke(cdp, to_screen(box, [(x, y), (x + 3, y + 3)]))
    if won.count() == 0:
        page.get_by_role("button", name="Give up").tap()
    page.get_by_text("The word was").wait_for(timeout=15_000)
    with sqlite3.connect(db) as conn:
        offline = conn.execute("SELECT COUNT(*) FROM guesses WHERE game_id = ? AND text IS NOT NULL",
                               [game_id]).fetchone()[0]
    assert offline >= 1, "the offline model guessed the finger drawing"
    again = page.get_by_role("button", name="Play again")
    again.wait_for(timeout=10_000)
    if not comes_into_view(page, again, timeout_ms=10_000):
        screenshot(page, "phone-result-not-in-view")
        pytest.fail(f"Play again is not at hand: {again.bounding_box()}, scrolled {page.evaluate(SCROLLED_JS)} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    if device == "iPhone 13":
        page.wait_for_timeout(1500)
        screenshot(page, "phone-390-result")
    context.close()


def test_the_result_opens_at_its_top_however_far_down_the_game_was_scrolled(sketch_server, browser, playwright):
    url, db = sketch_server
    context, page, heading = start_on(browser, playwright, url, "iPhone SE")
    _, word = game_row(db)
    page.evaluate(SCROLL_DOWN_JS)  # the player scrolled down to read the guesses under the canvas
    assert page.evaluate(SCROLLED_JS) > 20, "the game is taller than this phone's screen"
    cdp = context.new_cdp_session(page)
    box = page.locator("canvas").last.bounding_box()
    won = page.get_by_text("got it in")
    touch_until_won(page, cdp, box, shape(word), won)  # the offline model names it; the result replaces the game
    won.wait_for(timeout=15_000)
    again = page.get_by_role("button", name="Play again")
    again.wait_for(timeout=10_000)
    assert comes_into_view(page, again), f"Play again is at hand: {again.bounding_box()}"
    assert page.evaluate(SCROLLED_JS) == 0
    context.close()


def test_the_queue_screen_fits_a_phone(tmp_path, browser, playwright):
    url, proc, log = start_server(tmp_path, {"MAX_CONCURRENT_GAMES": "1", "SKETCH_ENABLED": "false"})
    first = browser.new_context(**playwright.devices["iPhone 13"]).new_page()
    first.goto(url)
    first.get_by_role("button", name="Play").tap()
    first.locator("h2", has_text="Draw:").wait_for(timeout=20_000)
    page = browser.new_context(**playwright.devices["iPhone 13"]).new_page()
    page.goto(url)
    page.get_by_role("button", name="Play").tap()
    page.get_by_text("You are in the queue").wait_for(timeout=20_000)
    leave = page.get_by_role("button", name="Leave the queue")
    assert in_view(page, leave) and leave.bounding_box()["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    stop_server(proc, log)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_on_a_390_px_phone_without_sideways_scrolling(seeded_server, browser, playwright, path):
    page = browser.new_context(**playwright.devices["iPhone 13"]).new_page()
    page.goto(seeded_server + path)
    page.locator("h1").first.wait_for(timeout=20_000)
    page.wait_for_timeout(1500)  # tables and charts lay themselves out
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    clipped = page.evaluate("""w => [...document.querySelectorAll('button, a[role=button], [data-testid=stPageLink] a')]
        .filter(b => b.offsetParent !== null && getComputedStyle(b).visibility !== 'hidden')
        .filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > w + 1); })
        .filter(b => !b.closest('[data-testid=stDataFrame], [data-testid=stElementToolbar], [data-testid=stCode], pre'))
        .map(b => b.innerText || b.getAttribute('aria-label'))""", width)
    assert not clipped, f"buttons cut off at the screen's edge: {clipped}"
