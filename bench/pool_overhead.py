"""How much time the pool adds around a guesser call, for N games x M guessers of fixed latency L.

    python bench/pool_overhead.py                      # 1x3, 10x3, 50x3, 10 s each, L = 0.2 s
    python bench/pool_overhead.py --configs 50x3 --seconds 20 --latency 0.5
    python bench/pool_overhead.py --writing both       # each configuration without and with the
                                                       # written-word checks (real OCR), side by side

For every call whose frame found its guesser free, it reports
  added    = reply recorded in SQLite - frame submitted - L
  dispatch = request started - frame became eligible
as median and p95 in milliseconds. Frames arrive once a second per game, at random phases, from
one submitting thread (as Streamlit sessions would), each frame a new PNG.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.guessers.base import GuessResult  # noqa: E402
from core.images import encode_png, render_strokes  # noqa: E402
from core.pool import GuesserPool, GuessTiming, PoolSettings  # noqa: E402
from core.recorder import Recorder  # noqa: E402
from core.store import Store  # noqa: E402
from core.words import Word  # noqa: E402
from core.writing import WrittenWordWatch, load_reader  # noqa: E402


@dataclass
class FixedLatencyGuesser:
    """Answers a wrong guess after exactly `latency` seconds."""

    name: str
    latency: float
    model: str = "fixed"
    paid: bool = False

    async def guess(self, png, past_guesses, lang="en"):
        """Sleep, then guess 'banana'."""
        await asyncio.sleep(self.latency)
        return GuessResult("banana", 100, 2)


def percentile(values, q):
    """The q-th percentile (0-100) by nearest rank."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))]


def make_frames(count: int) -> list[bytes]:
    """Distinct 512x512 canvas-like PNGs."""
    rng = random.Random(0)
    out, strokes = [], []
    for _ in range(count):
        strokes.append([[rng.uniform(20, 490) for _ in range(6)], [rng.uniform(20, 490) for _ in range(6)]])
        out.append(encode_png(render_strokes(strokes)))
    return out


def run(games: int, guessers: int, latency: float, seconds: float, frames: list[bytes], writing: bool = False) -> dict:
    """Run one configuration (with the written-word checks reading every game's frames, or not) and
    return its timing summary."""
    tmp = tempfile.mkdtemp()
    store = Store(Path(tmp) / "bench.db")
    recorder = Recorder(store)
    watch = WrittenWordWatch(store) if writing else None
    if watch is not None:
        watch.start()
        load_reader()  # loaded before the clock starts
    timings: list[GuessTiming] = []
    lock = threading.Lock()

    def on_timing(t: GuessTiming) -> None:
        with lock:
            timings.append(t)

    pool = GuesserPool([FixedLatencyGuesser(f"g{i}", latency) for i in range(guessers)], recorder,
                       PoolSettings(timeout=10), watch=watch, on_timing=on_timing)
    store.touch_player("bench-player", 0)
    ids = [f"{n:012x}" for n in range(games)]
    for gid in ids:
        store.insert_game({"id": gid, "word": "cat", "player_id": "bench-player", "status": "active",
                           "started_at": time.time(), "game_seconds": seconds})
        pool.start_game(gid, Word("cat"))
    rng = random.Random(1)
    phase = {gid: rng.random() for gid in ids}
    start = time.monotonic()
    sent = {gid: 0 for gid in ids}
    while time.monotonic() - start < seconds:
        now = time.monotonic() - start
        for gid in ids:
            due = int(now - phase[gid]) + 1 if now >= phase[gid] else 0
            while sent[gid] < due:
                sent[gid] += 1
                pool.submit_frame(gid, frames[(sent[gid] + hash(gid)) % len(frames)])
        time.sleep(0.002)
    for gid in ids:
        pool.end_game(gid)
    for gid in ids:
        pool.wait_idle(gid)
    recorder.flush()
    pool.close()
    checks = 0
    if watch is not None:
        checks = watch.checks
        watch.close()
    recorder.close()
    fresh = [t for t in timings if t.eligible == t.frame_submitted]
    added = [(t.recorded - t.frame_submitted - latency) * 1000 for t in fresh]
    dispatch = [(t.started - t.eligible) * 1000 for t in timings]
    return {
        "config": f"{games}x{guessers}", "calls": len(timings), "fresh": len(fresh), "checks": checks,
        "added_median": statistics.median(added), "added_p95": percentile(added, 95),
        "dispatch_median": statistics.median(dispatch), "dispatch_p95": percentile(dispatch, 95),
    }


def main() -> None:
    """Parse arguments, run each configuration, print a Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--configs", default="1x3,10x3,50x3")
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--writing", choices=("off", "on", "both"), default="off",
                    help="the written-word checks (real OCR on every game's frames): off, on, or both side by side")
    args = ap.parse_args()
    frames = make_frames(40)
    modes = {"off": [False], "on": [True], "both": [False, True]}[args.writing]
    print(f"L = {args.latency * 1000:.0f} ms, {args.seconds:g} s per configuration, frames 1/s/game\n")
    print("| games x guessers | written-word checks | calls | checks | added median ms | added p95 ms "
          "| dispatch median ms | dispatch p95 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for cfg in args.configs.split(","):
        n, m = (int(x) for x in cfg.lower().split("x"))
        for writing in modes:
            r = run(n, m, args.latency, args.seconds, frames, writing)
            print(f"| {r['config']} | {'on' if writing else 'off'} | {r['calls']} | {r['checks']} "
                  f"| {r['added_median']:.2f} | {r['added_p95']:.2f} "
                  f"| {r['dispatch_median']:.2f} | {r['dispatch_p95']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
