"""Server CPU per connected person: headless Chromium tabs against `streamlit run`, CPU time from /proc.

    python bench/view_cpu.py                                  # this checkout, 2 repeats, 15 s windows, 4 spectators
    python bench/view_cpu.py --root /work/before              # another checkout's app
    python bench/view_cpu.py --compare /work/before /work/main   # both, sequences alternating (A B, then B A)
    python bench/view_cpu.py --root /work/before --sweep 1,2,4,8,12   # how many tabs before the machine saturates
    python bench/view_cpu.py --root /work/before --profile /tmp/prof  # py-spy: where the server's time goes
    python bench/view_cpu.py --profile /tmp/prof --spy native        # every busy thread, C frames too (the OCR)

Each repeat starts a fresh server (`streamlit run ENTRY` in the checkout, fresh data dir, one guesser: a fake
OpenAI-compatible server on 127.0.0.1 answering "banana" after 0.6 s, so guesses keep arriving and no model
inference is measured; `--sketch` plays the offline model instead) and walks through the configurations,
each measured over its own window after a warm-up:

  idle            the server, used once (engine built) but with no tab open
  leaderboard     one tab on /Leaderboard                      (reported as its delta over idle)
  drawer-still    one tab on / playing a game (GAME_SECONDS 300); it drew a few strokes before the window,
                  nothing during it, and its guesses have arrived
  spectator       N tabs on /Spectate while the drawer plays   (reported as (total - drawer-still) / N)
  presenter       one tab on /Spectate?present=1 meanwhile     (delta over drawer-still)
  drawer-drawing  the drawer draws a real mouse stroke every 1.5 s during the window

Server CPU is utime + stime of the `streamlit run` process (all its threads) from /proc/PID/stat. Next to it
the table shows what the tabs did, from counters an init script keeps in each page: BackMsgs sent per second
per tab (a Streamlit page sends one per rerun it asks for: fragment ticks and interactions), websocket kB
received, HTTP fetches (st.image's media files), and animation frames per second. If the machine saturates,
tabs tick less often and the server does less work: those columns, the machine's busy cores and the CPU of
processes that are not ours (other people's tests) tell whether a number is distorted.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_common import (  # noqa: E402
    REPO,
    CpuWindow,
    Pages,
    Server,
    canvas_box,
    close_person,
    counters,
    cpu_between,
    draw_stroke,
    labels,
    launch_browser,
    load_average,
    open_person,
    rss_mb,
    sample_cpu,
    start_game,
    start_server,
)

FAKE_NAME = "Fake Vision"


@dataclass
class Measurement:
    """One configuration's window: server CPU and what its tabs did."""

    config: str
    people: int
    cpu: CpuWindow
    tabs: list[dict]  # per tab: sent/s, recv kB/s, fetches/s, fps
    rss: float = 0.0  # the server's resident memory at the window's end, MB

    @property
    def server_ms(self) -> float:
        """Server CPU in ms per second of wall time."""
        return self.cpu.server * 1000


def tab_rates(before: dict, after: dict, seconds: float) -> dict:
    """Per-second rates between two probe readings of one tab."""
    d = {k: after[k] - before[k] for k in before}
    return {"sent": d["sent"] / seconds, "recv": d["recv"] / seconds, "recv_kB": d["recvBytes"] / seconds / 1000,
            "sent_kB": d["sentBytes"] / seconds / 1000, "fetches": d["fetches"] / seconds,
            "fetch_kB": d["fetchBytes"] / seconds / 1000, "fps": d["frames"] / seconds}


def measure(server: Server, config: str, people: int, pages: list, window: float, warmup: float,
            during=None) -> Measurement:
    """Warm up, then measure the server's CPU and the tabs' counters over `window` seconds."""
    time.sleep(warmup)
    before = [counters(p) for p in pages]
    a = sample_cpu(server.pid)
    if during is None:
        time.sleep(window)
    else:
        during(time.monotonic() + window)
    b = sample_cpu(server.pid)
    after = [counters(p) for p in pages]
    cpu = cpu_between(a, b)
    return Measurement(config, people, cpu, [tab_rates(x, y, cpu.seconds) for x, y in zip(before, after)],
                       rss_mb(server.pid))


def app_env(fake_url: str | None, extra: dict[str, str]) -> dict[str, str]:
    """The server's settings: a long game, and the fake guesser (or the offline model with --sketch)."""
    env = {"GAME_SECONDS": "300", "MAX_CONCURRENT_GAMES": "2", "PUBLIC_URL": "https://arena.example.com"}
    if fake_url:
        env.update(SKETCH_ENABLED="false", OPENAI_COMPAT_BASE_URL=fake_url, OPENAI_COMPAT_MODEL="fake-vision",
                   OPENAI_COMPAT_NAME=FAKE_NAME)
    else:
        env.update(SKETCH_ENABLED="true")
    env.update(extra)
    return env


def server_words(fake_url: str | None) -> str | None:
    """Three shapes for the fake (it never names them); the app's own 321 words for the sketch model, which
    answers only words of the list and would soon name the word of a three-word list and end the game."""
    return "square\ncircle\ntriangle\n" if fake_url else None


def guesses_settled(server: Server, quiet: float = 3.0, timeout: float = 30.0) -> int:
    """Wait until at least one guess is stored and none arrived for `quiet` seconds; the count."""
    last, since = -1, time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = server.query("SELECT COUNT(*) AS n FROM guesses")
        n = n[0]["n"] if n else 0
        if n != last:
            last, since = n, time.monotonic()
        elif n > 0 and time.monotonic() - since >= quiet:
            break
        time.sleep(0.25)
    return last


class Drawer:
    """The player's tab: joins, plays, and draws real mouse strokes."""

    def __init__(self, browser, server: Server, rng: random.Random):
        self.page = open_person(browser, server.url + Pages.PLAY)
        self.word = start_game(self.page)
        self.box = canvas_box(self.page)
        self.page.wait_for_timeout(1000)  # the canvas mounts and sends its first (blank) frame
        self.rng = rng

    def stroke(self) -> None:
        """One short random stroke."""
        r = self.rng
        x, y = r.uniform(60, 450), r.uniform(60, 450)
        pts = [(x, y)] + [(min(500, max(12, x + r.uniform(-120, 120))), min(500, max(12, y + r.uniform(-120, 120))))
                          for _ in range(3)]
        draw_stroke(self.page, self.box, pts)

    def draw_until(self, end: float, every: float = 1.5) -> None:
        """A stroke every `every` seconds until monotonic time `end`."""
        nxt = time.monotonic()
        while nxt < end:
            self.stroke()
            nxt += every
            time.sleep(max(0.0, min(nxt, end) - time.monotonic()))


def run_sequence(browser, root: Path, entry: str, args, fake_url: str | None, rng: random.Random,
                 log=print) -> list[Measurement]:
    """One fresh server of `root`, every configuration in turn."""
    server = start_server(root, entry, app_env(fake_url, {}), st_options=args.st,
                          words=server_words(fake_url))
    out: list[Measurement] = []
    try:
        warm = open_person(browser, server.url + Pages.PLAY)  # builds the engine (pool, reaper, writer)
        warm.get_by_role("button", name=Pages.PLAY_BUTTON).first.wait_for(timeout=60_000)
        close_person(warm)
        time.sleep(2)
        out.append(measure(server, "idle", 0, [], args.window, args.warmup))
        board = open_person(browser, server.url + Pages.LEADERBOARD, wait_text=Pages.LEADERBOARD_READY)
        out.append(measure(server, "leaderboard", 1, [board], args.window, args.warmup))
        close_person(board)
        drawer = Drawer(browser, server, rng)
        for _ in range(3):
            drawer.stroke()
            drawer.page.wait_for_timeout(400)
        n = guesses_settled(server)
        log(f"  [{root}] drawer plays '{drawer.word}', {n} guesses so far")
        out.append(measure(server, "drawer-still", 1, [drawer.page], args.window, args.warmup))
        spectators = [open_person(browser, server.url + Pages.SPECTATE, wait_text=Pages.SPECTATOR_READY)
                      for _ in range(args.spectators)]
        out.append(measure(server, "spectator", args.spectators, [drawer.page, *spectators], args.window,
                           args.warmup))
        for s in spectators:
            close_person(s)
        presenter = open_person(browser, server.url + Pages.PRESENT, wait_text=Pages.PRESENTER_READY)
        out.append(measure(server, "presenter", 1, [drawer.page, presenter], args.window, args.warmup))
        close_person(presenter)
        out.append(measure(server, "drawer-drawing", 1, [drawer.page], args.window, args.warmup,
                           during=drawer.draw_until))
        n2 = server.query("SELECT COUNT(*) AS n FROM guesses")[0]["n"]
        log(f"  [{root}] {n2} guesses at the end")
        close_person(drawer.page)
    finally:
        server.stop()
    return out


def per_person(ms: dict[str, float], config: str, people: int) -> float:
    """ms/s per person: the configuration's delta over its baseline, divided by the people it adds."""
    if config == "idle":
        return ms["idle"]
    if config in ("leaderboard",):
        return ms[config] - ms["idle"]
    if config in ("drawer-still", "drawer-drawing"):
        return ms[config] - ms["idle"]
    return (ms[config] - ms["drawer-still"]) / max(1, people)


def summarize(runs: list[list[Measurement]]) -> list[dict]:
    """Medians over repeats of each configuration's numbers."""
    rows = []
    for i, first in enumerate(runs[0]):
        ms_by_run = [{m.config: m.server_ms for m in run} for run in runs]
        ms = [run[i].server_ms for run in runs]
        pp = [per_person(d, first.config, first.people) for d in ms_by_run]
        tabs = [t for run in runs for t in run[i].tabs]
        viewer_tabs = [t for run in runs for t in (run[i].tabs[1:] if first.config in ("spectator", "presenter")
                                                    else run[i].tabs)]

        def med(key, pool=viewer_tabs):
            return statistics.median(t[key] for t in pool) if pool else float("nan")

        rows.append({
            "config": first.config, "people": first.people, "total": statistics.median(ms), "per_person": pp,
            "sent": med("sent"), "recv": med("recv"), "recv_kB": med("recv_kB"), "sent_kB": med("sent_kB"),
            "fetches": med("fetches"),
            "fetch_kB": med("fetch_kB"), "fps_min": min((t["fps"] for t in tabs), default=float("nan")),
            "machine": statistics.median(run[i].cpu.machine for run in runs),
            "browser": statistics.median(run[i].cpu.browser for run in runs),
            "other": max(run[i].cpu.other for run in runs),
            "rss": statistics.median(run[i].rss for run in runs),
        })
    return rows


def fmt(v: float, nd: int = 1) -> str:
    return "-" if v != v else f"{v:.{nd}f}"


def print_table(root: str, rows: list[dict], repeats: int) -> None:
    """The per-root Markdown table."""
    print(f"\n### {root}\n")
    print("| configuration | people | server ms/s (median total) | ms/s per person (median; each repeat) "
          "| BackMsgs/s per tab | ForwardMsgs/s per tab | ws kB/s in per tab | ws kB/s out per tab "
          "| fetches/s per tab (kB/s) "
          "| fps min | machine busy cores | browser cores | not ours cores (max) | server RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        each = ", ".join(fmt(v) for v in r["per_person"])
        print(f"| {r['config']} | {r['people']} | {fmt(r['total'])} | **{fmt(statistics.median(r['per_person']))}** "
              f"({each}) | {fmt(r['sent'], 2)} | {fmt(r['recv'], 1)} | {fmt(r['recv_kB'])} | {fmt(r['sent_kB'])} "
              f"| {fmt(r['fetches'], 2)} ({fmt(r['fetch_kB'])}) | {fmt(r['fps_min'], 0)} | {fmt(r['machine'], 2)} "
              f"| {fmt(r['browser'], 2)} | {fmt(r['other'], 2)} | {fmt(r['rss'], 0)} |")
    print(f"\n{repeats} repeats. per person: idle = the server alone; leaderboard, drawer-* = minus idle; "
          "spectator, presenter = minus drawer-still, divided by the tabs added. Tab columns: spectator and "
          "presenter rows show the viewer tabs only.")


def print_comparison(roots: list[str], summaries: dict[str, list[dict]]) -> None:
    """One row per configuration, one column per root: ms/s per person."""
    print("\n### side by side: server ms of CPU per second per person (median over repeats)\n")
    print("| configuration | " + " | ".join(roots) + " |")
    print("|---|" + "---|" * len(roots))
    for i, r in enumerate(summaries[roots[0]]):
        cells = [fmt(statistics.median(summaries[root][i]["per_person"])) for root in roots]
        print(f"| {r['config']} | " + " | ".join(cells) + " |")


# -- how many tabs the machine sustains ----------------------------------------------------------------

def run_sweep(browser, root: Path, entry: str, args, fake_url: str | None, rng: random.Random) -> None:
    """Add spectators step by step while the drawer plays; show when the tabs stop keeping up."""
    steps = sorted(int(n) for n in args.sweep.split(","))
    server = start_server(root, entry, app_env(fake_url, {}), st_options=args.st,
                          words=server_words(fake_url))
    try:
        drawer = Drawer(browser, server, rng)
        for _ in range(3):
            drawer.stroke()
            drawer.page.wait_for_timeout(400)
        guesses_settled(server)
        base = measure(server, "drawer-still", 1, [drawer.page], args.window, args.warmup)
        print(f"\n### sweep on {root}: spectators added while the drawer plays (drawer still)\n")
        print("| spectators | server ms/s total | ms/s per spectator | BackMsgs/s per spectator tab (median; min) "
              "| ForwardMsgs/s per spectator tab (median; min) | drawer BackMsgs/s | fps min | machine busy cores "
              "| browser cores | not ours cores | load avg |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        d = base.tabs[0]
        print(f"| 0 | {fmt(base.server_ms)} | - | - | - | {fmt(d['sent'], 2)} | {fmt(d['fps'], 0)} "
              f"| {fmt(base.cpu.machine, 2)} | {fmt(base.cpu.browser, 2)} | {fmt(base.cpu.other, 2)} "
              f"| {load_average()} |", flush=True)
        spectators = []
        for n in steps:
            try:
                while len(spectators) < n:
                    t0 = time.monotonic()
                    spectators.append(open_person(browser, server.url + Pages.SPECTATE,
                                                  wait_text=Pages.SPECTATOR_READY, timeout_ms=60_000))
                    if time.monotonic() - t0 > 15:
                        print(f"| ({len(spectators)}) | spectator tab {len(spectators)} took "
                              f"{time.monotonic() - t0:.0f} s to show the game |", flush=True)
            except Exception as exc:  # a tab that cannot load in a minute: saturated beyond measuring
                print(f"| {n} | spectator tab {len(spectators) + 1} did not show the game within 60 s "
                      f"({type(exc).__name__}): stopped | | | | | | | | {load_average()} |", flush=True)
                break
            m = measure(server, "spectator", n, [drawer.page, *spectators], args.window, args.warmup)
            sent = [t["sent"] for t in m.tabs[1:]]
            recv = [t["recv"] for t in m.tabs[1:]]
            print(f"| {n} | {fmt(m.server_ms)} | {fmt((m.server_ms - base.server_ms) / n)} "
                  f"| {fmt(statistics.median(sent), 2)}; {fmt(min(sent), 2)} "
                  f"| {fmt(statistics.median(recv), 1)}; {fmt(min(recv), 1)} | {fmt(m.tabs[0]['sent'], 2)} "
                  f"| {fmt(min(t['fps'] for t in m.tabs), 0)} | {fmt(m.cpu.machine, 2)} | {fmt(m.cpu.browser, 2)} "
                  f"| {fmt(m.cpu.other, 2)} | {load_average()} |", flush=True)
        for s in spectators:
            close_person(s)
        close_person(drawer.page)
    finally:
        server.stop()
    print("\nA spectator tab asks for about 1.1 reruns a second (its 1 s fragment plus the 10 s gallery). When the "
          "machine (or the server's one GIL) saturates, the tabs may still ask as often, but the server completes "
          "fewer runs: ForwardMsgs/s per tab and the per-spectator CPU fall.")


# -- where the time goes ----------------------------------------------------------------------------------

GC = "post-run gc.collect(2) (runner.postScriptGC)"
OURS = "our code (core/, pages)"
CATEGORIES = [  # (name, regex on one frame "function (file:line)"), tried in order, each from the leaf up
    (GC, re.compile(r"^ScriptRunner\._on_script_finished ")),  # only as the leaf: its gc.collect line
    ("protobuf serialization", re.compile(r"google/protobuf|\(protobuf/|SerializeToString|ParseFromString|MergeFrom"
                                          r"|CopyFrom|ByteSize|serialize_forward_msg|populate_hash|_pb2\b")),
    ("image (st.image) encoding / media file manager",
     re.compile(r"\(PIL/|image_utils|media_file|qrcode|\(core/share")),
    ("database queries", re.compile(r"sqlite_utils/|sqlite3/|\(core/store\.py")),
    ("websocket (send / receive)", re.compile(r"websocket|\(websockets/|\(uvicorn/protocols")),
    (OURS, re.compile(r"\((core/|pages/|Home\.py|app\.py|\d_\w+\.py)")),
    ("Streamlit script rerun machinery", re.compile(r"\(streamlit/")),
    ("asyncio / server loop", re.compile(r"\((asyncio|uvicorn|starlette|anyio)/")),
]
LIBRARY = re.compile(r"\((streamlit|PIL|sqlite_utils|sqlite3|google/protobuf|protobuf)/")


def category(stack: list[str]) -> str:
    """A sample's category: the first category matching one of its frames, from the leaf up."""
    for name, pat in CATEGORIES:
        frames = stack[-1:] if name == GC else stack
        for depth in range(len(frames) - 1, -1, -1):
            if pat.search(frames[depth]):
                # our page calling st.* (or PIL, SQL) below it is that library's time, not ours
                if name == OURS and any(LIBRARY.search(f) for f in frames[depth + 1:]):
                    break
                return name
    return "other (threading, builtins)"


def summarize_profile(path: Path, top: int = 25, seconds: float = 0.0) -> str:
    """Own and cumulative time per function, and per category, from a py-spy raw (collapsed) file."""
    own: dict[str, int] = defaultdict(int)
    cum: dict[str, int] = defaultdict(int)
    cats: dict[str, int] = defaultdict(int)
    threads: dict[str, int] = defaultdict(int)
    total = 0
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        stack_s, _, count_s = line.rpartition(" ")
        count = int(count_s)
        stack = stack_s.split(";")
        if stack and stack[0].startswith("process "):
            stack = stack[1:]
        thread = stack[0] if stack and stack[0].startswith("thread (") else ""
        frames = stack[1:] if thread else stack
        total += count
        threads[thread.split(": ", 1)[-1].rstrip("0123456789-_ ") or "?"] += count
        if frames:
            own[frames[-1]] += count
            for f in set(frames):
                cum[f] += count
        cats[category(frames)] += count
    lines = [f"{total} samples ({path.name}; {total / seconds:.0f} per second: at 100 Hz, 100 = one thread always busy)"
             if seconds else f"{total} samples ({path.name})", "",
             "| category (leaf-most match) | share |", "|---|---|"]
    lines += [f"| {k} | {v / total:.0%} |" for k, v in sorted(cats.items(), key=lambda kv: -kv[1])]
    rest = total - cats.get(GC, 0)
    if cats.get(GC) and rest:
        lines += ["", "| category, without the post-run gc | share |", "|---|---|"]
        lines += [f"| {k} | {v / rest:.0%} |" for k, v in sorted(cats.items(), key=lambda kv: -kv[1]) if k != GC]
    lines += ["", "| thread | share |", "|---|---|"]
    lines += [f"| {k} | {v / total:.0%} |" for k, v in sorted(threads.items(), key=lambda kv: -kv[1])[:8]]
    lines += ["", "| own time | function |", "|---|---|"]
    lines += [f"| {v / total:.1%} | `{k}` |" for k, v in sorted(own.items(), key=lambda kv: -kv[1])[:top]]
    lines += ["", "| cumulative | function |", "|---|---|"]
    lines += [f"| {v / total:.1%} | `{k}` |" for k, v in sorted(cum.items(), key=lambda kv: -kv[1])[:top]]
    return "\n".join(lines)


SPY_MODES = {
    "gil": ["--gil"],  # only the thread holding the GIL: py-spy's idle detection counts sleeping threads here
    "threads": [],  # every thread py-spy thinks busy (not waiting on a lock or a socket)
    "native": ["--native"],  # every thread py-spy thinks busy, with C frames: CPU outside the GIL (onnxruntime);
}                            # py-spy pauses the process for each such sample, so the server's own CPU reads high


def py_spy(pid: int, seconds: float, out: Path, mode: str = "gil") -> subprocess.Popen:
    """Start py-spy sampling the server's threads (without pausing them) into a raw collapsed-stack file."""
    blocking = [] if mode == "native" else ["--nonblocking"]
    return subprocess.Popen(["py-spy", "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "100",
                             *blocking, "--threads", *SPY_MODES[mode], "--format", "raw", "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def run_profile(browser, root: Path, entry: str, args, fake_url: str | None, rng: random.Random,
                outdir: Path) -> None:
    """Profile the server during drawer-still, drawer-drawing and spectators (drawer tab closed)."""
    print(f"\n### profiles of {root}")
    outdir.mkdir(parents=True, exist_ok=True)
    # the game must outlive its drawer's tab for the spectator-only profile
    server = start_server(root, entry, app_env(fake_url, {"IDLE_SECONDS": "900"}), st_options=args.st,
                          words=server_words(fake_url))
    try:
        drawer = Drawer(browser, server, rng)
        for _ in range(3):
            drawer.stroke()
            drawer.page.wait_for_timeout(400)
        guesses_settled(server)

        def record(name: str, during=None, pages=()) -> None:
            time.sleep(args.warmup)
            out = outdir / f"{name}.txt"
            a = sample_cpu(server.pid)
            spy = py_spy(server.pid, args.window, out, args.spy)
            if during:
                during(time.monotonic() + args.window)
            else:
                time.sleep(args.window)
            spy.wait()
            cpu = cpu_between(a, sample_cpu(server.pid))
            if spy.returncode:
                print(f"py-spy failed: {spy.stderr.read().decode()[-500:]}")
                return
            print(f"\n#### profile: {name} (server {cpu.server * 1000:.0f} ms/s while sampled; {out})\n")
            print(summarize_profile(out, args.top, args.window), flush=True)

        record("drawer-still")
        record("drawer-drawing", during=drawer.draw_until)
        close_person(drawer.page)
        spectators = [open_person(browser, server.url + Pages.SPECTATE, wait_text=Pages.SPECTATOR_READY)
                      for _ in range(args.spectators)]
        record(f"spectators-{args.spectators}")
        for s in spectators:
            close_person(s)
    finally:
        server.stop()


def main(argv=None) -> int:
    """Parse arguments; run the sequences (alternating roots), a sweep or a profile; print Markdown."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", default=str(REPO), help="the checkout whose app to run (default: this bench's repo)")
    p.add_argument("--entry", default="auto",
                   help="the file given to `streamlit run` (default: app.py if the checkout has one, else Home.py)")
    p.add_argument("--compare", nargs="+", metavar="ROOT", help="measure several checkouts, alternating")
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--window", type=float, default=15.0, help="seconds measured per configuration")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds before each window")
    p.add_argument("--spectators", type=int, default=4)
    p.add_argument("--sketch", action="store_true", help="the offline sketch model guesses instead of the fake")
    p.add_argument("--sweep", help="comma-separated spectator counts: find where the machine saturates")
    p.add_argument("--profile", metavar="DIR", help="py-spy the server (drawer, spectators) into DIR")
    p.add_argument("--spy", choices=sorted(SPY_MODES), default="gil",
                   help="--profile's sampling: the GIL holder only, every busy thread, or those with native frames")
    p.add_argument("--top", type=int, default=20, help="functions listed per profile table")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--st", action="append", default=[], metavar="OPTION=VALUE",
                   help="a Streamlit config option for the server, e.g. runner.postScriptGC=false (repeatable)")
    args = p.parse_args(argv)
    roots = [Path(r).resolve() for r in (args.compare or [args.root])]
    for r in roots:
        if args.entry != "auto" and not (r / args.entry).is_file():
            p.error(f"{r / args.entry} not found")
    from fake_providers import FakeProvider, ok
    from playwright.sync_api import sync_playwright

    rng = random.Random(args.seed)
    print(f"load average before: {load_average()}; {os.cpu_count()} cores; window {args.window:g} s, "
          f"warm-up {args.warmup:g} s; guesser: {'offline sketch model' if args.sketch else 'fake, 0.6 s'}"
          + (f"; streamlit options {args.st}" if args.st else ""),
          flush=True)
    with FakeProvider("openai", default=ok("banana", delay=0.6)) as fake, sync_playwright() as pw:
        fake_url = None if args.sketch else fake.base_url
        browser = launch_browser(pw)
        try:
            if args.sweep:
                for r in roots:
                    run_sweep(browser, r, args.entry, args, fake_url, rng)
            elif args.profile:
                for r in roots:  # each checkout's profiles in DIR/<checkout name>/ when comparing
                    run_profile(browser, r, args.entry, args, fake_url, rng,
                                Path(args.profile) / r.name if len(roots) > 1 else Path(args.profile))
            else:
                named = list(zip(labels(roots), roots))
                runs: dict[str, list[list[Measurement]]] = {k: [] for k, _ in named}
                for rep in range(args.repeats):
                    order = named if rep % 2 == 0 else named[::-1]  # A B, B A, ...: drift cancels out
                    for k, r in order:
                        t0 = time.monotonic()
                        runs[k].append(run_sequence(browser, r, args.entry, args, fake_url, rng,
                                                         log=lambda s: print(s, file=sys.stderr, flush=True)))
                        print(f"  repeat {rep + 1} of {r}: {time.monotonic() - t0:.0f} s (load {load_average()})",
                              file=sys.stderr, flush=True)
                summaries = {k: summarize(v) for k, v in runs.items()}
                for k, rows in summaries.items():
                    print_table(k, rows, args.repeats)
                if len(roots) > 1:
                    print_comparison(list(summaries), summaries)
        finally:
            browser.close()
    print(f"\nload average after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
