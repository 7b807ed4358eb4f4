"""py-spy on the servers for one extra window, and where its samples fall by layer and by function."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harness import AppServer

LAYERS = [  # (name, regex on one frame "function (file:line)"): a sample goes to its leaf-most matching frame
    ("SQLite (sqlite3, sqlite_utils, core/store, core/dialect)",
     re.compile(r"\((sqlite3|sqlite_utils)/|\(core/(store|dialect)\.py")),
    ("JSON", re.compile(r"\(json/")),
    ("the app's routes and documents (core/)", re.compile(r"\(core/")),
    ("websocket frames", re.compile(r"\(websockets/|uvicorn/protocols/websockets")),
    ("Streamlit's HTTP middleware (gzip, path security, CORS)", re.compile(r"streamlit/web/server/starlette/")),
    ("Streamlit runtime (sessions, script runs, protobuf)", re.compile(r"\(streamlit/|protobuf|_pb2")),
    ("Starlette (routing, middleware, responses)", re.compile(r"\(starlette/")),
    ("HTTP/1.1 parsing (h11, uvicorn)", re.compile(r"\((h11|uvicorn)/")),
    ("threads (anyio workers, queues)", re.compile(r"\((anyio|concurrent)/|threading\.py")),
    ("asyncio event loop", re.compile(r"\(asyncio/|selectors\.py")),
]


def layers(path: Path, seconds: float, top: int = 12) -> str:
    """Where a py-spy raw profile's samples fall, by layer (leaf-most match) and by function (own time)."""
    by_layer: Counter = Counter()
    own: Counter = Counter()
    threads: Counter = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack_s, _, count_s = line.rpartition(" ")
        if not stack_s:
            continue
        count = int(count_s)
        frames = [f for f in stack_s.split(";") if not f.startswith("process ")]
        thread = frames[0] if frames and frames[0].startswith("thread (") else ""
        frames = frames[1:] if thread else frames
        total += count
        threads[re.sub(r"[\d_ -]+$", "", thread.split(": ", 1)[-1].rstrip(")")) or "?"] += count
        if frames:
            own[frames[-1]] += count
        layer = next((name for f in reversed(frames) for name, pat in LAYERS if pat.search(f)), "other")
        by_layer[layer] += count
    if not total:
        return "no samples"
    out = [f"{total} samples of the thread holding the GIL over {seconds:g} s ({total / seconds:.0f}/s; 100/s = the "
           f"GIL always held)", "", "| layer (leaf-most frame) | share |", "|---|---|"]
    out += [f"| {k} | {v / total:.0%} |" for k, v in by_layer.most_common()]
    out += ["", "| thread | share |", "|---|---|"] + [f"| {k} | {v / total:.0%} |" for k, v in threads.most_common(5)]
    out += ["", "| own time | function |", "|---|---|"] + [f"| {v / total:.1%} | `{k}` |" for k, v in own.most_common(top)]
    return "\n".join(out)


def profile(servers: list[AppServer], args, n: int, p: int) -> None:
    """py-spy on every server for one more window at this step (not the measured one): where the time goes."""
    from view_cpu import py_spy  # the same sampling as bench/view_cpu.py: the GIL holder, 100 Hz, non-blocking
    args.profile.mkdir(parents=True, exist_ok=True)
    outs = [args.profile / f"{p}p-N{n}-server{i}.txt" for i in range(len(servers))]
    spies = [py_spy(s.pid, args.seconds, o) for s, o in zip(servers, outs)]
    for spy, out in zip(spies, outs):
        spy.wait()
        if spy.returncode:
            print(f"py-spy failed: {spy.stderr.read().decode()[-500:]}")
            continue
        print(f"\n#### py-spy, {p} process(es), N={n}: {out}\n")
        print(layers(out, args.seconds), flush=True)
