"""How many rows a second the single SQLite writer takes, and how long a page's read waits meanwhile.

    python bench/store_writes.py            # 20,000 guess rows and 2,000 frames of 8 kB
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.recorder import Recorder  # noqa: E402
from core.store import Store  # noqa: E402


def main(guesses: int = 20_000, frames: int = 2_000) -> None:
    """Queue the rows as fast as possible, time the writer, and time reads made while it writes."""
    store = Store(Path(tempfile.mkdtemp()) / "bench.db")
    store.touch_player("bench-player", 0)
    store.insert_game({"id": "000000000001", "word": "cat", "player_id": "bench-player", "status": "active",
                       "started_at": 0, "game_seconds": 45})
    recorder = Recorder(store)
    reads: list[float] = []
    stop = threading.Event()

    def reader() -> None:
        r = Store(store.path)
        while not stop.is_set():
            t0 = time.perf_counter()
            r.get_game("000000000001")
            r.latest_frame("000000000001")
            reads.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.01)

    t = threading.Thread(target=reader)
    t.start()
    png = bytes(8000)
    t0 = time.perf_counter()
    for i in range(guesses):
        recorder.record("guesses", {"game_id": "000000000001", "frame_seq": i, "guesser": "g", "created_at": float(i),
                                    "text": "banana", "input_tokens": 300, "output_tokens": 3, "cost_usd": 1e-5})
    for i in range(frames):
        recorder.record("frames", {"game_id": "000000000001", "seq": i + 1, "created_at": float(i), "width": 512,
                                   "height": 512, "png": png})
    recorder.flush(120)
    wall = time.perf_counter() - t0
    stop.set()
    t.join()
    print(f"{guesses} guess rows + {frames} frames of {len(png)} B in {wall:.2f} s: "
          f"{(guesses + frames) / wall:,.0f} rows/s, {recorder.stats.batches} batches")
    print(f"reads while writing: {len(reads)}, median {statistics.median(reads):.2f} ms, "
          f"max {max(reads):.2f} ms (a game row and its latest frame, as the pages read them)")
    recorder.close()


if __name__ == "__main__":
    main()
