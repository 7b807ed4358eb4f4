"""What the browser tests share: Debian's Chromium through Playwright, and `streamlit run` on a free port."""
from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ENTRY = "app.py"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp_path: Path, extra_env: dict[str, str], words: str = "square\ncircle\ntriangle\n"):
    """`streamlit run` of the app on a free port: no API key, two games at a time; returns (url, process, log)."""
    (tmp_path / "words.txt").write_text(words)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(PICTIONARY_DATA_DIR=str(tmp_path / "data"), WORDS_FILE=str(tmp_path / "words.txt"),
               MAX_CONCURRENT_GAMES="2", GAME_SECONDS="60", FRAME_INTERVAL="0.5", MIN_GUESS_INTERVAL="0.5")
    env.update(extra_env)
    log = open(tmp_path / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / ENTRY), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return url, proc, log
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError((tmp_path / "streamlit.log").read_text())
        time.sleep(0.2)


def stop_server(proc, log) -> None:
    """Stop a server started by start_server."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def playwright():
    """Playwright itself (for device descriptors)."""
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture
def browser(playwright):
    """Debian's Chromium, headless."""
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


def touch_stroke(cdp, points) -> None:
    """One finger stroke through Chromium's real touch input (page.touchscreen can only tap)."""
    (x0, y0), rest = points[0], points[1:]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]})
    for x, y in rest:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


ARTIFACTS = ROOT / "tests" / "artifacts"


def screenshot(page, name: str) -> Path:
    """Keep a screenshot for a person to look at (tests/artifacts/ is git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def shape(word: str) -> list[list[tuple[float, float]]]:
    """The word as strokes in canvas pixels (the canvas is 512 px square)."""
    if word == "square":
        corners = [(120, 120), (390, 120), (390, 390), (120, 390), (120, 120)]
        return [[a, b] for a, b in zip(corners, corners[1:])]
    if word == "triangle":
        corners = [(256, 100), (420, 400), (92, 400), (256, 100)]
        return [[a, b] for a, b in zip(corners, corners[1:])]
    return [[(256 + 150 * math.cos(t / 24 * 2 * math.pi), 256 + 150 * math.sin(t / 24 * 2 * math.pi))
             for t in range(25)]]


def draw_mouse(page, strokes) -> None:
    """Real mouse strokes on the canvas (points in its own 512 px coordinates, mapped through the size it
    is shown at), each a few interpolated moves, as a hand would."""
    box = page.locator("canvas").last.bounding_box()
    k = box["width"] / 512

    def to(x, y):
        return box["x"] + x * k, box["y"] + y * k

    for stroke in strokes:
        page.mouse.move(*to(*stroke[0]))
        page.mouse.down()
        for (x0, y0), (x1, y1) in zip(stroke, stroke[1:]):
            for step in range(1, 6):
                page.mouse.move(*to(x0 + (x1 - x0) * step / 5, y0 + (y1 - y0) * step / 5))
        page.mouse.up()
        page.wait_for_timeout(150)


INK_JS = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 128 && d[i] < 100) n++; } return n; }"""


def ink_pixels(page) -> int:
    """Dark pixels on the drawing canvases (Playwright locators reach into the component's shadow DOM)."""
    return max((c.evaluate(INK_JS) for c in page.locator("canvas").all()), default=0)
