"""Server-side cost of a canvas rerun on the play page.

    python bench/rerun_cost.py

Two measurements, median and p95 in milliseconds:
  frame     CanvasFeed.offer on a realistic browser frame (a 512x512 RGBA PNG of a growing
            drawing): hash, decode, flatten to greyscale, encode, submit to the pool. This is the
            work the canvas fragment adds to a rerun.
  page      a whole rerun of Home.py during a game under Streamlit's AppTest (canvas component,
            live guesses, countdown), which is more than the canvas fragment alone reruns: an
            upper bound for the fragment's render.
Target: p95 of a canvas rerun under 30 ms.
"""
from __future__ import annotations

import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from pool_overhead import percentile  # noqa: E402  (bench/ is on the path when a bench runs)

from core.guessers.base import GuessResult  # noqa: E402
from core.images import CANVAS_SIZE, PEN_WIDTH, render_strokes  # noqa: E402
from core.play import CanvasFeed  # noqa: E402
from core.pool import GuesserPool  # noqa: E402
from core.recorder import Recorder  # noqa: E402
from core.store import Store  # noqa: E402
from core.words import Word  # noqa: E402


def browser_frames(count: int) -> list[bytes]:
    """RGBA PNGs like the browser's canvas sends: a drawing that grows by one stroke a frame."""
    rng = random.Random(0)
    strokes, out = [], []
    for _ in range(count):
        strokes.append([[rng.uniform(40, 470) for _ in range(12)], [rng.uniform(40, 470) for _ in range(12)]])
        im = render_strokes(strokes, size=CANVAS_SIZE, pen_width=PEN_WIDTH).convert("RGBA")
        buf = io.BytesIO()
        im.save(buf, "PNG")
        out.append(buf.getvalue())
    return out


class Quiet:
    """A guesser that answers nothing, so only the page's side is measured."""

    name, model, paid = "quiet", "quiet", False

    async def guess(self, png, past, lang="en"):
        """Pass."""
        return GuessResult(None)


def frame_cost(n: int = 300) -> list[float]:
    """Milliseconds of CanvasFeed.offer for n distinct frames."""
    store = Store(Path(tempfile.mkdtemp()) / "bench.db")
    recorder = Recorder(store)
    pool = GuesserPool([Quiet()], recorder)
    store.touch_player("bench-player", 0)
    store.insert_game({"id": "000000000001", "word": "cat", "player_id": "bench-player", "status": "active",
                       "started_at": time.time(), "game_seconds": 45})
    pool.start_game("000000000001", Word("cat"))
    feed = CanvasFeed(pool, "000000000001")
    frames = browser_frames(60)
    times = []
    for i in range(n):
        raw = frames[i % len(frames)] if i % 2 == 0 else frames[(i * 7) % len(frames)]
        t0 = time.perf_counter()
        feed.offer(raw)
        times.append((time.perf_counter() - t0) * 1000)
    pool.close()
    recorder.close()
    return times


def page_cost(n: int = 40) -> list[float]:
    """Milliseconds of whole Home.py reruns during a game, under AppTest."""
    from streamlit.testing.v1 import AppTest

    from core.identity import new_player_token, player_from_token
    from core.resources import get_engine

    tmp = Path(tempfile.mkdtemp())
    (tmp / "words.txt").write_text("square\ncircle\ntriangle\n")
    os.environ.update(PICTIONARY_DATA_DIR=str(tmp / "data"), WORDS_FILE=str(tmp / "words.txt"), GAME_SECONDS="600")
    engine = get_engine()
    token = new_player_token(engine.player_secret, random.Random(1))
    engine.lobby.join(player_from_token(token, engine.player_secret), now=time.time())
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=30)
    at.query_params["player"] = token
    at.run()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t0) * 1000)
    engine.close()
    return times


def main() -> None:
    """Print both measurements as a Markdown table."""
    rows = [("frame (CanvasFeed.offer)", frame_cost()), ("page (whole Home.py rerun, AppTest)", page_cost())]
    print("| measurement | runs | median ms | p95 ms |")
    print("|---|---|---|---|")
    for name, times in rows:
        print(f"| {name} | {len(times)} | {statistics.median(times):.2f} | {percentile(times, 95):.2f} |")


if __name__ == "__main__":
    main()
