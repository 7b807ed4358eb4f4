"""Phones and tablets in Chromium's device emulation: the canvas fits, a finger draws, the game stays in view."""
from __future__ import annotations

import io
import re

import numpy as np
import pytest
from browser_kit import WORD_AT, canvas_ready, page_settled, play, screenshot
from conftest import wait_for
from harness import interpolate, shape, to_screen, touch_stroke
from PIL import Image

pytestmark = pytest.mark.browser
CANVAS = 512
PEN = 6
DEVICES = ["iPhone SE", "iPhone 13", "Pixel 7", "iPad (gen 7)", "iPhone 13 landscape"]
EXTREMES = ["iPhone SE", "iPad (gen 7)", "iPhone 13 landscape"]  # the smallest, the largest, on its side
PAGES = ["/Spectate", "/Spectate?present=1", "/Leaderboard", "/Game?game=000000000001", "/Stats", "/About",
         "/Eval", "/Admin"]


# The page's own scrolling: the main view and what is in it (the sidebar, closed on a phone, scrolls on its own).
PAGE_BOXES = ("[document.scrollingElement, "
              "...[...document.querySelectorAll('*')].filter(b => !b.closest('[data-testid=stSidebar]'))]")
SCROLLED_JS = f"""() => {{ const boxes = {PAGE_BOXES};
  return Math.max(...boxes.map(b => b.scrollTop)); }}"""
SCROLL_DOWN_JS = f"""() => {{ for (const b of {PAGE_BOXES}) {{
  if (b.scrollHeight > b.clientHeight + 1 && getComputedStyle(b).overflowY !== 'hidden') b.scrollTop = b.scrollHeight; }} }}"""


def in_view(page, locator) -> bool:
    """True if the element lies wholly inside the viewport as the page is now (no scrolling)."""
    box = locator.bounding_box()
    vp = page.viewport_size
    return bool(box) and box["x"] >= -0.5 and box["y"] >= -0.5 and \
        box["x"] + box["width"] <= vp["width"] + 0.5 and box["y"] + box["height"] <= vp["height"] + 0.5


def comes_into_view(page, locator, timeout_ms: int = 5_000) -> bool:
    """True once the element lies in the viewport without scrolling, after the page has settled (a rerun, or
    a live view's redraw, replaces elements over a few frames)."""
    return wait_for(lambda: in_view(page, locator), timeout=timeout_ms / 1000, every=0.1)


def big_enough(locator, least: float = 44) -> bool:
    """True once the element is at least `least` px tall: the stylesheet (page_style, an st.html element) can
    land a frame after the element it styles, so this waits a moment for it to apply."""
    return wait_for(lambda: (locator.bounding_box() or {"height": 0})["height"] >= least, timeout=5, every=0.1)


def newest_frame(app, game_id: str) -> np.ndarray:
    """The newest stored frame of a game as a greyscale array (all white before the first one)."""
    row = app.store.latest_frame(game_id)
    if row is None:
        return np.full((CANVAS, CANVAS), 255, dtype=np.uint8)
    return np.asarray(Image.open(io.BytesIO(row["png"])).convert("L"))


def start_on(person, url: str, device: str):
    """A player on the device taps Play; returns (page, heading, canvas box) once the canvas has been fitted."""
    page = person(url, device=device)
    play_button = page.get_by_role("button", name="Play")
    play_button.wait_for(timeout=20_000)
    assert big_enough(play_button), f"Play is a big enough touch target: {play_button.bounding_box()}"
    play_button.tap()
    heading = page.locator("h2", has_text="Draw:")
    heading.wait_for(timeout=20_000)
    box = canvas_ready(page)
    return page, heading, box


def touch_until_won(page, cdp, box: dict, strokes, won) -> None:
    """Finger strokes on the canvas until the game is won (a stroke after that would swipe the result)."""
    for stroke in strokes:
        if won.count():
            break
        touch_stroke(cdp, to_screen(box, interpolate(stroke)))
        page.wait_for_timeout(250)  # a hand's pause between strokes


@pytest.mark.parametrize("device", DEVICES)
def test_a_finger_draws_where_it_touches_and_the_game_stays_in_view(vision_app, person, device):
    page, heading, box = start_on(person, vision_app.url, device)  # the model only says banana: nobody wins
    vp = page.viewport_size
    canvas = page.locator("canvas").last
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

    game = vision_app.game_of(page)
    game_id = game["id"]
    assert game["word"] == WORD_AT.search(heading.inner_text()).group(1)
    cdp = page.context.new_cdp_session(page)
    page.evaluate("""window.__scrolls = []; addEventListener('scroll', e => window.__scrolls.push(
        e.target.dataset ? (e.target.dataset.testid || e.target.className || e.target.nodeName) : 'document'), true)""")
    strokes = [interpolate(s) for s in shape(game["word"])]
    for stroke in strokes:
        touch_stroke(cdp, to_screen(box, stroke))
        page.wait_for_timeout(250)  # a hand's pause between strokes
    assert page.evaluate("window.__scrolls") == [], "the page did not scroll during the strokes"
    assert page.get_by_role("button", name="Undo").is_enabled(), "Undo follows the canvas's history"

    # The stored frame has the ink where the finger went, in the canvas's own 512 px coordinates.
    points = np.array([p for s in strokes for p in s])
    tolerance = PEN / 2 + 3

    def uninked(frame: np.ndarray) -> list[tuple[float, float]]:
        return [(x, y) for x, y in points[::3]
                if not (frame[max(0, int(y) - 4):int(y) + 5, max(0, int(x) - 4):int(x) + 5] < 128).any()]

    frames = [newest_frame(vision_app, game_id)]
    assert wait_for(lambda: not uninked(frames[-1]) or frames.append(newest_frame(vision_app, game_id)), timeout=10,
                    every=0.3), f"ink under every touch, none at {uninked(frames[-1])[:3]}"
    frame = frames[-1]
    assert frame.shape == (CANVAS, CANVAS), "frames are the same 512 px picture on every device"
    ys, xs = np.nonzero(frame < 128)
    assert abs(xs.min() - points[:, 0].min()) <= tolerance and abs(xs.max() - points[:, 0].max()) <= tolerance
    assert abs(ys.min() - points[:, 1].min()) <= tolerance and abs(ys.max() - points[:, 1].max()) <= tolerance, \
        "no ink away from the touches"

    page.get_by_role("button", name="Undo").tap()
    inner = np.array(strokes[-1][3:-3]).astype(int)  # the last stroke, away from where it meets the others

    def last_stroke_ink() -> int:
        return int((newest_frame(vision_app, game_id)[inner[:, 1], inner[:, 0]] < 128).sum())

    assert wait_for(lambda: last_stroke_ink() == 0, timeout=10, every=0.3), "Undo took the last stroke away"
    page.get_by_role("button", name="Redo").tap()
    assert wait_for(lambda: last_stroke_ink() == len(inner), timeout=10, every=0.3), "Redo put it back"

    lines = page.locator(".pa-guess:not(.pa-empty):not(.pa-thinking):not(.pa-note)")
    for dot in range(20):  # small marks give the guessers new frames until two guesses have come
        if wait_for(lambda: lines.count() >= 2, timeout=1.0, every=0.1):
            break
        x, y = 30 + 8 * dot, 490
        touch_stroke(cdp, to_screen(box, [(x, y), (x + 3, y + 3)]))
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
    assert comes_into_view(page, again) and big_enough(again), "Play again is at hand"
    assert page.evaluate("document.documentElement.scrollWidth") <= vp["width"]


@pytest.mark.parametrize("device", EXTREMES)
def test_a_finger_drawn_shape_gets_the_offline_models_guess_and_a_result(sketch_app, person, device):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    page, heading, box = start_on(person, sketch_app.url, device)
    game = sketch_app.game_of(page)
    cdp = page.context.new_cdp_session(page)
    won = page.get_by_text("got it in")
    touch_until_won(page, cdp, box, shape(game["word"]), won)
    for dot in range(10):  # a fresh small mark now and then gives the offline model a new frame
        try:
            won.wait_for(timeout=2_000)
            break
        except PlaywrightTimeout:
            if won.count():
                break
            x, y = 30 + 8 * dot, 480
            touch_stroke(cdp, to_screen(box, [(x, y), (x + 3, y + 3)]))
    if won.count() == 0:
        page.get_by_role("button", name="Give up").tap()
    page.get_by_text("The word was").wait_for(timeout=15_000)
    def offline() -> list:
        return [g for g in sketch_app.store.game_guesses(game["id"]) if g["text"] is not None]
    # a winning guess is stored with the writer's next batch, after the game is marked won
    assert wait_for(lambda: len(offline()) >= 1, timeout=10), "the offline model guessed the finger drawing"
    again = page.get_by_role("button", name="Play again")
    again.wait_for(timeout=10_000)
    if not comes_into_view(page, again, timeout_ms=10_000):
        screenshot(page, "phone-result-not-in-view")
        pytest.fail(f"Play again is not at hand: {again.bounding_box()}, scrolled {page.evaluate(SCROLLED_JS)} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    if device == "iPhone 13":
        screenshot(page, "phone-390-result")


def test_the_result_opens_at_its_top_however_far_down_the_game_was_scrolled(sketch_app, person):
    page, heading, box = start_on(person, sketch_app.url, "iPhone SE")
    word = sketch_app.game_of(page)["word"]
    page.evaluate(SCROLL_DOWN_JS)  # the player scrolled down to read the guesses under the canvas
    assert page.evaluate(SCROLLED_JS) > 20, "the game is taller than this phone's screen"
    cdp = page.context.new_cdp_session(page)
    box = page.locator("canvas").last.bounding_box()
    won = page.get_by_text("got it in")
    touch_until_won(page, cdp, box, shape(word), won)  # the offline model names it; the result replaces the game
    won.wait_for(timeout=15_000)
    again = page.get_by_role("button", name="Play again")
    again.wait_for(timeout=10_000)
    assert comes_into_view(page, again), f"Play again is at hand: {again.bounding_box()}"
    assert page.evaluate(SCROLLED_JS) == 0


def test_the_queue_screen_fits_a_phone(quiet_app, person):
    for _ in range(2):  # the app's two games at once are taken
        play(person(quiet_app.url))
    page = person(quiet_app.url, device="iPhone 13")
    page.get_by_role("button", name="Play").tap()
    page.get_by_text("You are in the queue").wait_for(timeout=20_000)
    leave = page.get_by_role("button", name="Leave the queue")
    assert in_view(page, leave) and big_enough(leave)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_on_a_390_px_phone_without_sideways_scrolling(quiet_app, person, path):
    page = person(quiet_app.url + path, device="iPhone 13")  # the app holds finished games to show
    page.locator("h1").first.wait_for(timeout=20_000)
    page_settled(page)  # tables and charts lay themselves out
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    clipped = page.evaluate("""w => [...document.querySelectorAll('button, a[role=button], [data-testid=stPageLink] a')]
        .filter(b => b.offsetParent !== null && getComputedStyle(b).visibility !== 'hidden')
        .filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > w + 1); })
        .filter(b => !b.closest('[data-testid=stDataFrame], [data-testid=stElementToolbar], [data-testid=stCode], pre'))
        .filter(b => { const side = b.closest('[data-testid=stSidebar]');  // the closed sidebar (the language)
                       return !(side && side.getBoundingClientRect().right <= 1); })
        .map(b => b.innerText || b.getAttribute('aria-label'))""", width)
    assert not clipped, f"buttons cut off at the screen's edge: {clipped}"
