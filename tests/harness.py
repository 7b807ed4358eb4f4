"""What the tests and the benches share: `streamlit run` of the app on a free port, health waits, Chromium, strokes.

No pytest here: `bench/` imports this module too (it puts `tests/` on sys.path).
"""
from __future__ import annotations

import http.client
import json
import math
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # every tab behaves as a visible, focused tab of a real user: no timer throttling
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
CANVAS = 512  # the drawing canvas's own size in pixels, whatever size it is shown at
SHAPES = "square\ncircle\ntriangle\n"


def wait_for(cond: Callable[[], object], timeout: float = 5.0, every: float = 0.02) -> bool:
    """Poll `cond` until it is true (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while True:
        if cond():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(every)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str, ok: Callable[[bytes], bool] = lambda body: True) -> bool:
    """True if `url` answers 200 with a body `ok` accepts; False while nothing (or something else) answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200 and ok(r.read())
    except (OSError, ValueError):
        return False


STREAMLIT_READY = ("/_stcore/health", lambda body: body == b"ok")  # the server takes connections
ENGINE_READY = ("/api/health", lambda body: bool(json.loads(body).get("ok")))  # and the app has built its engine


def app_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """This process's environment less every provider key, with the app's data in `data_dir`, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["PICTIONARY_DATA_DIR"] = str(data_dir)
    env.update(settings)
    return env


@dataclass
class AppServer:
    """One `streamlit run ROOT/ENTRY` on a free port (cwd ROOT, so its .streamlit/config.toml applies)."""

    env: dict[str, str]
    log_path: Path
    root: Path = ROOT
    entry: str = "app.py"
    st_options: tuple[str, ...] = ()
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None
    remove_on_stop: Path | None = None  # a temp directory of its own (benches): deleted once it has stopped

    @property
    def url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self.proc.pid

    @property
    def data_dir(self) -> Path:
        """The app's data directory (PICTIONARY_DATA_DIR)."""
        return Path(self.env["PICTIONARY_DATA_DIR"])

    @property
    def db_path(self) -> Path:
        """The app's SQLite file."""
        return Path(self.env.get("PICTIONARY_DB") or self.data_dir / "pictionary.db")

    def start(self) -> "AppServer":
        """Start the process (on the same port as before, if it ran already); returns at once."""
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(self.root / self.entry), "--server.port", str(self.port),
                 "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
                 *(f"--{o}" for o in self.st_options)],
                cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def wait_ready(self, ready=STREAMLIT_READY, timeout: float = 90.0) -> "AppServer":
        """Wait until the server answers `ready` (a path and a check of its body); RuntimeError with the log's
        tail if the process dies or the time runs out first."""
        path, ok = ready
        if not wait_for(lambda: answers(self.url + path, ok) or self.proc.poll() is not None, timeout, every=0.1) \
                or self.proc.poll() is not None:
            tail = self.log_tail()
            self.stop()
            raise RuntimeError(f"{self.url} did not come up ({path}):\n{tail}")
        return self

    def stop(self, kill: bool = False) -> None:
        """Terminate the process (SIGKILL with `kill`: a crash) and wait for it."""
        if self.proc is not None and self.proc.poll() is None:
            if kill:
                os.kill(self.proc.pid, signal.SIGKILL)
            else:
                self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.remove_on_stop is not None:
            shutil.rmtree(self.remove_on_stop, ignore_errors=True)

    def restart(self, ready=STREAMLIT_READY) -> "AppServer":
        """Stop and start again on the same port and data."""
        self.stop()
        return self.start().wait_ready(ready)

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's log."""
        try:
            return self.log_path.read_text()[-chars:]
        except FileNotFoundError:
            return ""

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        """Rows from the app's SQLite file, read-only (WAL lets us read while it writes); [] before the schema."""
        if not self.db_path.exists():
            return []
        con = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5)
        con.row_factory = sqlite3.Row
        try:
            return con.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return []
        finally:
            con.close()


def start_app(workdir: Path, settings: dict[str, str] | None = None, words: str | None = SHAPES, *,
              root: Path = ROOT, entry: str = "app.py", name: str = "streamlit", ready=STREAMLIT_READY,
              st_options: Iterable[str] = (), timeout: float = 90.0, remove_on_stop: bool = False) -> AppServer:
    """`streamlit run` of the app with its data in `workdir`/data, no provider key, and `settings`; returns once
    it answers `ready`. `words` is the word list's text (None: the checkout's own words.txt); `remove_on_stop`
    deletes `workdir` with the server (a bench's temp directory)."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = app_env(workdir / "data")
    if words is not None:
        (workdir / "words.txt").write_text(words)
        env["WORDS_FILE"] = str(workdir / "words.txt")
    env.update(settings or {})
    server = AppServer(env, workdir / f"{name}.log", root=Path(root).resolve(), entry=entry,
                       st_options=tuple(st_options), remove_on_stop=workdir if remove_on_stop else None)
    return server.start().wait_ready(ready, timeout)


@contextmanager
def serving(asgi_app) -> Iterator[str]:
    """An ASGI app (the app's routes in a Starlette) served by uvicorn on 127.0.0.1: its base URL while the block
    runs. Only for a test that must watch the socket itself: Starlette's TestClient serves the others."""
    import uvicorn
    server = uvicorn.Server(uvicorn.Config(asgi_app, host="127.0.0.1", port=free_port(), log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, name="test-uvicorn", daemon=True)
    thread.start()
    try:
        if not wait_for(lambda: server.started or not thread.is_alive(), timeout=30) or not server.started:
            raise RuntimeError("uvicorn did not start")
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


class EventStream:
    """One Server-Sent Events stream (the live views' /api/stream routes) read off a socket: its status, headers,
    and the events as they come; `opened` lists every one made, for a fixture to close."""

    opened: list["EventStream"] = []

    def __init__(self, base: str, path: str, timeout: float = 10.0):
        EventStream.opened.append(self)
        url = urlsplit(base)
        # `timeout`: longer than any event takes, shorter than the stream's 15 s heartbeat (a read fails, not hangs)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
        self.conn.request("GET", path, headers={"Accept": "text/event-stream"})
        self.response = self.conn.getresponse()
        self.status = self.response.status
        self.comments = 0

    def next(self) -> dict:
        """The next event: its fields (id, event, data as JSON); a comment line is counted and skipped (EOFError
        once the server ends the stream)."""
        fields: dict = {}
        while True:
            raw = self.response.readline()
            if not raw:
                raise EOFError("the stream ended")
            line = raw.decode().rstrip("\n")
            if line == "":
                if "data" in fields:
                    return fields
                continue
            if line.startswith(":"):
                self.comments += 1
                continue
            name, _, value = line.partition(": ")
            fields[name] = json.loads(value) if name == "data" else value

    def close(self) -> None:
        """Drop the connection, as a phone going out of range does."""
        self.conn.close()


def temp_workdir(prefix: str = "pictionary-server-") -> Path:
    """A fresh temp directory for a server that is not a test's (benches)."""
    return Path(tempfile.mkdtemp(prefix=prefix))


# -- the browser ---------------------------------------------------------------------------------------

def launch_chromium(playwright):
    """Debian's Chromium, headless, every tab treated as a visible one."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# -- strokes -------------------------------------------------------------------------------------------

def shape(word: str) -> list[list[tuple[float, float]]]:
    """The word as strokes in canvas pixels: a square, a triangle, else a circle."""
    if word == "square":
        corners = [(120, 120), (390, 120), (390, 390), (120, 390), (120, 120)]
        return [[a, b] for a, b in zip(corners, corners[1:])]
    if word == "triangle":
        corners = [(256, 100), (420, 400), (92, 400), (256, 100)]
        return [[a, b] for a, b in zip(corners, corners[1:])]
    return [[(256 + 150 * math.cos(t / 24 * 2 * math.pi), 256 + 150 * math.sin(t / 24 * 2 * math.pi))
             for t in range(25)]]


def interpolate(stroke, step: float = 8.0) -> list[tuple[float, float]]:
    """Points every `step` pixels along a polyline, as a finger or a hand would report them."""
    out = [tuple(stroke[0])]
    for (x0, y0), (x1, y1) in zip(stroke, stroke[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out


def to_screen(box: dict, points, size: float = CANVAS) -> list[tuple[float, float]]:
    """Canvas pixels to page pixels, through the size the canvas is shown at (its bounding box)."""
    k = box["width"] / size
    return [(box["x"] + x * k, box["y"] + y * k) for x, y in points]


def mouse_stroke(page, points, steps: int = 5) -> None:
    """One real mouse stroke through `points` (page pixels), `steps` interpolated moves per segment."""
    page.mouse.move(*points[0])
    page.mouse.down()
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for k in range(1, steps + 1):
            page.mouse.move(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps)
    page.mouse.up()


def touch_stroke(cdp, points) -> None:
    """One finger stroke (page pixels) through Chromium's real touch input (page.touchscreen can only tap)."""
    (x0, y0), rest = points[0], points[1:]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]})
    for x, y in rest:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
