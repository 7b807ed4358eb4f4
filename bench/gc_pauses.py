"""How long the garbage collector stops the process while it holds many sessions' objects, per GC_TUNING mode.

    python bench/gc_pauses.py                       # 400 sessions, every mode, 20 s each, one process per mode
    python bench/gc_pauses.py --sessions 400 --seconds 20 --modes off,startup,on
    python bench/gc_pauses.py --modes on --code /tmp/before --code .   # two checkouts' core/collector.py, in turn

Each mode runs in its own fresh process: it imports what the app imports (Streamlit, the SDKs, the engine's
modules), applies the mode as the app does at start-up (core.collector), then grows `--sessions` sessions of
`--objects` objects each (dicts, lists and small objects in reference cycles, as a session's state, script runner
and connection are), and for `--seconds` plays a room on them: every 10 ms a burst of short-lived request objects
(the routes' JSON), every 20 ms a rerun that replaces a fifth of one session's state (the old part becomes cyclic
garbage), every 0.5 s a session that leaves and a new one that arrives. `gc.callbacks` times every collection,
GC_TUNING=on's thaws included; the last column is one full collection of everything at the end (what a thaw costs).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("PYTHONPATH"):  # a child measuring another checkout (--code) has it first on its path
    sys.path.insert(0, str(ROOT))


class Node:
    """One object of a session's state, pointing back at its parent (a reference cycle, as most of Streamlit's)."""

    __slots__ = ("parent", "kids", "data", "__weakref__")

    def __init__(self, parent, data):
        self.parent = parent
        self.kids = []
        self.data = data


def session(n_objects: int, rng: random.Random) -> Node:
    """One session's objects: a tree of nodes, each with a small dict and list, every node linked to its parent."""
    root = Node(None, {"id": rng.random()})
    nodes = [root]
    while len(nodes) * 3 < n_objects:
        parent = nodes[rng.randrange(len(nodes))]
        kid = Node(parent, {"k": len(nodes), "v": [1, 2, 3]})
        parent.kids.append(kid)
        nodes.append(kid)
    return root


def rerun(s: Node, n_objects: int, rng: random.Random) -> None:
    """A script run: a fifth of the session's state replaced; the old branch is now cyclic garbage."""
    if s.kids:
        s.kids[rng.randrange(len(s.kids))] = session(n_objects // 5, rng)


def run_mode(mode: str, sessions: int, objects: int, seconds: float, seed: int) -> dict:
    """Apply `mode` after the app's imports, build the sessions, play the room, return the pause numbers."""
    import streamlit  # noqa: F401  (the start-up heap the app freezes)

    import core.engine  # noqa: F401
    import core.web  # noqa: F401
    from core.collector import parse_gc_tuning, tune_collector

    rng = random.Random(seed)
    print(tune_collector(parse_gc_tuning(mode)), file=sys.stderr)
    pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
    t0 = [0.0]

    def probe(phase: str, info: dict) -> None:
        if phase == "start":
            t0[0] = time.perf_counter()
        else:
            pauses[info["generation"]].append(time.perf_counter() - t0[0])

    gc.callbacks.append(probe)
    room = [session(objects, rng) for _ in range(sessions)]
    for g in pauses.values():
        g.clear()
    tracked = len(gc.get_objects())
    start = time.perf_counter()
    ticks = 0
    while time.perf_counter() - start < seconds:
        ticks += 1
        [{"guess": i, "who": [i, str(i)]} for i in range(300)]  # a burst of requests' JSON, freed at once
        if ticks % 2 == 0:  # a script run somewhere every 20 ms
            rerun(room[rng.randrange(sessions)], objects, rng)
        if ticks % 50 == 0:  # one session in ~0.5 s leaves, another comes
            room[rng.randrange(sessions)] = session(objects, rng)
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    gc.callbacks.remove(probe)
    full = sorted(pauses[2])
    t = time.perf_counter()  # what GC_TUNING=on's thaw costs (once every THAW_SECONDS): everything walked once
    gc.unfreeze()
    freed = gc.collect()
    thaw_ms = round(1000 * (time.perf_counter() - t), 1)

    def q(p: float) -> float:
        return round(1000 * full[min(len(full) - 1, int(p * len(full)))], 1) if full else 0.0

    return {"mode": mode, "sessions": sessions, "objects": objects, "tracked": tracked, "seconds": round(elapsed, 1),
            "full": len(full), "full_p50_ms": q(0.5), "full_p99_ms": q(0.99),
            "full_max_ms": round(1000 * max(full), 1) if full else 0.0,
            "young_max_ms": round(1000 * max(pauses[0] + pauses[1] or [0]), 1),
            "gc_ms_per_s": round(1000 * sum(sum(v) for v in pauses.values()) / elapsed, 1),
            "thaw_ms": thaw_ms, "freed": freed, "thresholds": gc.get_threshold()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=400)
    ap.add_argument("--objects", type=int, default=3000, help="objects per session")
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--modes", default="off,startup,on", help="GC_TUNING values to compare")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--code", action="append", type=Path,
                    help="checkout(s) whose core/ to measure (default: this one); repeat to compare, interleaved")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_mode(args.one, args.sessions, args.objects, args.seconds, args.seed)))
        return
    rows = []
    codes = args.code or [ROOT]
    for mode in args.modes.split(","):
        for code in codes:
            out = subprocess.run([sys.executable, __file__, "--one", mode, "--sessions", str(args.sessions),
                                  "--objects", str(args.objects), "--seconds", str(args.seconds), "--seed",
                                  str(args.seed)], check=True, capture_output=True, text=True,
                                 env={**os.environ, "PYTHONPATH": str(code.resolve())})
            rows.append({**json.loads(out.stdout), "code": str(code)})
    print(f"{args.sessions} sessions x {args.objects} objects, {args.seconds:g} s each; Python {sys.version.split()[0]}")
    print("| checkout | GC_TUNING | objects tracked | full collections | full pause p50 / p99 / max ms | other "
          "collections max ms | GC ms per s | one collection of everything: ms, objects freed |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['code']} | `{r['mode']}` | {r['tracked']:,} | {r['full']} in {r['seconds']:g} s | "
              f"{r['full_p50_ms']} / {r['full_p99_ms']} / {r['full_max_ms']} | {r['young_max_ms']} | "
              f"{r['gc_ms_per_s']} | {r['thaw_ms']}, {r['freed']:,} |")


if __name__ == "__main__":
    main()
