"""What the browser tests do with a page: play, draw, wait for the canvas, read its ink, find their own game.

The servers, Chromium and the strokes themselves are `harness.py`'s (shared with bench/); the fixtures that
hold them (`browser`, `person`, the shared apps) are in conftest.py.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from harness import CANVAS, ROOT, AppServer, mouse_stroke, to_screen, wait_for

from core.identity import player_from_token
from core.store import Store

ADMIN_PASSWORD = "correct horse"  # the admin app's
PLAYER_SECRET = "browser-tests-player-secret"  # the shared apps sign player ids with it: a test finds its own game
WORD_AT = re.compile(r"Draw:\s*(\w+)")
ARTIFACTS = ROOT / "tests" / "artifacts"
DESKTOP = {"width": 1300, "height": 900}


def play(page, timeout_ms: int = 30_000) -> str:
    """Click Play and return the word to draw, once the game view shows it."""
    page.get_by_role("button", name="Play").click()
    return drawing_word(page, timeout_ms)


def drawing_word(page, timeout_ms: int = 30_000) -> str:
    """The word of the game the page shows, once its heading is there."""
    heading = page.locator("h2", has_text="Draw:")
    heading.wait_for(timeout=timeout_ms)
    return WORD_AT.search(heading.inner_text()).group(1)


def canvas_ready(page, timeout_ms: int = 20_000) -> dict:
    """Wait until the drawing canvas is mounted, fitted to the screen and holding still; its bounding box."""
    page.locator(".pa-tools.pa-ready").wait_for(timeout=timeout_ms)
    canvas = page.locator("canvas").last
    canvas.wait_for(state="visible", timeout=timeout_ms)
    boxes = [canvas.bounding_box()]

    def settled() -> bool:  # the fit settles after the fonts load: two reads in a row agree
        boxes.append(canvas.bounding_box())
        return boxes[-1] is not None and boxes[-1] == boxes[-2]

    assert wait_for(settled, timeout=timeout_ms / 1000, every=0.1), f"the canvas keeps moving: {boxes[-3:]}"
    return boxes[-1]


def draw_mouse(page, strokes, pause_ms: int = 150) -> None:
    """Real mouse strokes on the canvas (points in its own 512 px coordinates, mapped through the size it is
    shown at), each a few interpolated moves, with a hand's pause between strokes."""
    box = page.locator("canvas").last.bounding_box()
    for stroke in strokes:
        mouse_stroke(page, to_screen(box, stroke, CANVAS))
        page.wait_for_timeout(pause_ms)


INK_JS = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 128 && d[i] < 100) n++; } return n; }"""


def ink_pixels(page) -> int:
    """Dark pixels on the drawing canvases (Playwright locators reach into the component's shadow DOM)."""
    return max((c.evaluate(INK_JS) for c in page.locator("canvas").all()), default=0)


def stored_ink(store, game_id: str) -> int:
    """Dark pixels of a game's newest stored frame (0 before the first): what the guessers see."""
    import io

    import numpy as np
    from PIL import Image
    row = store.latest_frame(game_id)
    if row is None:
        return 0
    return int((np.asarray(Image.open(io.BytesIO(row["png"])).convert("L")) < 128).sum())


def caught_up(store, page, game_id: str) -> bool:
    """True once the newest stored frame holds what the canvas shows (its ink, within antialiasing)."""
    shown = ink_pixels(page)
    return shown > 0 and stored_ink(store, game_id) >= 0.98 * shown


def token_of(page) -> str:
    """The player token in the page's address."""
    return re.search(r"player=([^&]+)", page.url).group(1)


def player_of(page) -> str:
    """The player id behind the page (the shared apps sign with PLAYER_SECRET)."""
    player = player_from_token(token_of(page), PLAYER_SECRET.encode())
    assert player, f"not a token of the shared apps: {page.url}"
    return player


def screenshot(page, name: str) -> Path:
    """Keep a screenshot for a person to look at (tests/artifacts/ is git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


@dataclass
class SharedApp:
    """An app server several tests use in turn, and the tests' own read-write handle on its database."""

    server: AppServer
    store: Store

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self.server.url

    def fresh(self) -> "SharedApp":
        """End every running game and empty the queue (the app's own store, as an admin would): a test starts
        on an empty arena whatever the one before left running."""
        for game in self.store.active_games():
            self.store.end_game(game["id"], "quit", time.time())
        for queued in self.store.queue_front(1000):
            self.store.dequeue(queued["player_id"])
        return self

    def game_of(self, page) -> dict:
        """The latest game of the player behind the page."""
        game = self.store.latest_game_for_player(player_of(page))
        assert game, f"no game for the player of {page.url}"
        return game


SCRIPT_IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
LAYOUT_JS = "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"


def page_settled(page, timeout_ms: int = 20_000) -> None:
    """Wait until the page's script run is over and its layout holds still for three reads in a row (tables
    and charts size themselves over a few frames after the run)."""
    page.locator(SCRIPT_IDLE).wait_for(state="attached", timeout=timeout_ms)
    sizes = [page.evaluate(LAYOUT_JS)]

    def still() -> bool:
        sizes.append(page.evaluate(LAYOUT_JS))
        return len(sizes) >= 3 and sizes[-1] == sizes[-2] == sizes[-3] and page.locator(SCRIPT_IDLE).count() == 1

    assert wait_for(still, timeout=timeout_ms / 1000, every=0.25), f"the page keeps changing size: {sizes[-3:]}"
