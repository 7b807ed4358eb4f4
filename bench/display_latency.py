"""How soon a guess shows on screen: recorded-to-visible and first-stroke-to-visible, in headless Chromium.

    python bench/display_latency.py                                   # this checkout, 8 games, the play page
    python bench/display_latency.py --root /work/before --viewers     # also a spectator and a presenter tab
    python bench/display_latency.py --compare /work/before /work/main --viewers   # games alternate A B, B A
    python bench/display_latency.py --compare /tmp/before /tmp/after --poll-arm   # + the last on ?transport=poll

The app runs as deployed (`streamlit run ENTRY` in the checkout, its defaults: FRAME_INTERVAL and
MIN_GUESS_INTERVAL 1 s) with one guesser, a fake OpenAI-compatible server on 127.0.0.1 that answers after
0.6 s with a reply unique to the request (guess00001, guess00002, ...), so every stored guess row can be
matched to its text on screen. Each game is a fresh player (a fresh browser context) who clicks Play and
replays a human Quick, Draw! drawing on the canvas with real mouse events at the drawing's own pace (its
timestamps), scaled with `core.images.fit_strokes` to the canvas's bounding box. Game i replays drawing i
of a seeded sample on every checkout (the word the app picks comes from the sample's words; the fake guesser
does not look at the drawing). After the last stroke the player waits for the trailing guesses, then gives up.

An init script in every page polls, every 20 ms, the page's visible text (document.body.innerText plus the
text of open shadow roots and same-origin iframes; no page-specific selector) and records Date.now() the
first time each token appears. The browser and the server share this machine's clock, so:

  recorded-to-visible      first seen on the page - guesses.created_at (the reply time the app stored)
  first-stroke-to-visible  first seen on the drawer's page of the first guess of a frame stored after the
                           first stroke began - the time of that first mouse-down (time.time() just before it)

reported as median, p90 and count per page, with the first guess's path broken down: the first stroke itself
(mouse-down to mouse-up: the canvas sends its image when a stroke ends), mouse-up to frame stored
(frames.created_at; a guess of a later stroke's frame makes this longer), frame to request
(guesses.requested_at), request to reply (the fake's 0.6 s plus the SDK), reply to visible. Targets of issue 16:
recorded-to-visible p50 <= 0.3 s, p90 <= 0.5 s; first stroke to visible <= 2.5 s median.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_common import (  # noqa: E402
    REPO,
    Pages,
    Server,
    canvas_box,
    close_person,
    labels,
    launch_browser,
    load_average,
    open_person,
    percentile,
    seen_tokens,
    start_game,
    start_server,
    wait_until,
)

sys.path.insert(0, str(REPO))
from core.images import fit_strokes  # noqa: E402
from core.strokes import RawDrawing, read_stroke_file  # noqa: E402

DEFAULT_STROKES = REPO.parent / "shared" / "data" / "quickdraw" / "strokes.ndjson.gz"
TOKEN = "guess"
TOKEN_RE = TOKEN + r"\d{5}"  # fixed width: no token is a prefix of another


def unique_reply_provider(delay: float):
    """A fake OpenAI-compatible server whose every reply is a new token: guess00001, guess00002, ..."""
    from fake_providers import FakeProvider, ok

    class UniqueReplies(FakeProvider):
        def __init__(self):
            super().__init__("openai", default=ok("unused", delay=delay))
            self.n = 0
            self.n_lock = threading.Lock()

        def next_behaviour(self):
            with self.n_lock:
                self.n += 1
                return ok(f"{TOKEN}{self.n:05d}", delay=delay)

    return UniqueReplies()


def drawing_seconds(d: RawDrawing) -> float:
    """How long the person took to draw it (its last timestamp)."""
    last = d.strokes[-1][2]
    return last[-1] / 1000.0 if last else 0.0


def sample_drawings(path: Path, count: int, max_seconds: float, seed: int) -> list[RawDrawing]:
    """A seeded sample of recognized drawings with timestamps, each drawn within `max_seconds`."""
    drawings, _ = read_stroke_file(path)
    ok = [d for d in drawings
          if d.recognized and all(s[2] for s in d.strokes) and 0.5 < drawing_seconds(d) <= max_seconds]
    return random.Random(seed).sample(ok, count)


@dataclass
class GameRun:
    """What one game produced: ids, times and what each page saw."""

    root: str
    index: int
    drawing: RawDrawing
    game_id: str | None = None
    word: str = ""
    first_down: float = 0.0  # time.time() just before the first mouse-down
    first_up: float = 0.0  # ... and just after the first mouse-up
    last_up: float = 0.0
    gave_up: float = 0.0
    seen: dict[str, dict[str, float]] = field(default_factory=dict)  # page -> token -> Unix time


def replay(page, box: dict, drawing: RawDrawing, run: GameRun) -> None:
    """The drawing's strokes as real mouse events, each point at its own timestamp."""
    side = min(box["width"], box["height"])
    fitted = fit_strokes(drawing.strokes, size=side)
    start = None
    for (xs, ys), raw in zip(fitted, drawing.strokes):
        ts = raw[2]
        for k, (x, y) in enumerate(zip(xs, ys)):
            if start is not None:
                time.sleep(max(0.0, start + ts[k] / 1000.0 - time.monotonic()))
            page.mouse.move(box["x"] + x, box["y"] + y)
            if k == 0:
                if start is None:
                    run.first_down = time.time()
                    start = time.monotonic() - ts[0] / 1000.0
                page.mouse.down()
        page.mouse.up()
        run.first_up = run.first_up or time.time()
    run.last_up = time.time()


class Arena:
    """One checkout's server, its fake guesser and (with --viewers) its spectator and presenter tabs."""

    def __init__(self, label: str, root: Path, entry: str, words: list[str], args, transport: str = ""):
        self.label = label
        self.root = root
        self.transport = transport  # "poll": every page opens with ?transport=poll (live.js's fallback)
        self.fake = unique_reply_provider(args.delay).start()
        env = {"SKETCH_ENABLED": "false", "OPENAI_COMPAT_BASE_URL": self.fake.base_url,
               "OPENAI_COMPAT_MODEL": "fake-vision", "OPENAI_COMPAT_NAME": "Fake Vision",
               "GAME_SECONDS": str(args.game_seconds), "MAX_CONCURRENT_GAMES": "2",
               "PUBLIC_URL": "https://arena.example.com"}
        self.server: Server = start_server(root, entry, env, words="\n".join(sorted(set(words))) + "\n")
        self.runs: list[GameRun] = []

    def close(self) -> None:
        """Stop the server and the fake."""
        self.server.stop()
        self.fake.close()


def with_transport(path: str, transport: str) -> str:
    """A page's path asking live.js for `transport` (unchanged when none is asked)."""
    return f"{path}{'&' if '?' in path else '?'}transport={transport}" if transport else path


def play_game(browser, arena: Arena, index: int, drawing: RawDrawing, args, log) -> GameRun:
    """One fresh player's game on `arena`, watched by the viewer tabs if asked."""
    run = GameRun(arena.label, index, drawing)
    url = arena.server.url
    viewers = {}
    if args.viewers:
        for name, path in (("spectator", Pages.SPECTATE), ("presenter", Pages.PRESENT)):
            viewers[name] = open_person(browser, url + with_transport(path, arena.transport), pattern=TOKEN_RE)
        for p in viewers.values():
            p.wait_for_function("() => window.__bench && __bench.recv > 3", timeout=30_000)
    drawer = open_person(browser, url + with_transport(Pages.PLAY, arena.transport), pattern=TOKEN_RE)
    try:
        run.word = start_game(drawer)
        box = canvas_box(drawer)
        rows = arena.server.query("SELECT id FROM games WHERE status = 'active' ORDER BY started_at DESC LIMIT 1")
        run.game_id = rows[0]["id"] if rows else None
        for p in viewers.values():
            p.get_by_text(Pages.SPECTATOR_READY).first.wait_for(timeout=20_000)
        time.sleep(args.pause)  # the player reads the word; the canvas mounts and sends its blank frame
        replay(drawer, box, drawing, run)
        pages = {"drawer": drawer, **viewers}

        def caught_up() -> bool:
            if time.time() - run.last_up < args.tail_min:
                return False
            stored = arena.server.query("SELECT COUNT(*) AS n FROM guesses")
            done = arena.fake.count == (stored[0]["n"] if stored else 0)  # no call in flight, all written
            texts = {r["text"] for r in arena.server.query("SELECT text FROM guesses WHERE game_id = ?",
                                                            (run.game_id,))}
            return done and all(texts <= set(seen_tokens(p)) for p in pages.values())

        wait_until(caught_up, timeout=args.tail_max, every=0.25)
        run.seen = {name: seen_tokens(p) for name, p in pages.items()}
        run.gave_up = time.time()
        drawer.get_by_role("button", name=Pages.GIVE_UP_BUTTON).first.click()
        drawer.wait_for_timeout(300)
    finally:
        close_person(drawer)
        for p in viewers.values():
            close_person(p)
    log(f"  [{arena.label}] game {index + 1}: '{run.word}' drawing '{drawing.word}' "
        f"{drawing_seconds(drawing):.1f} s, {len(drawing.strokes)} strokes, seen "
        + ", ".join(f"{k} {len(v)}" for k, v in run.seen.items()))
    return run


def analyse(arena: Arena) -> dict:
    """Latencies of one arena's games, from its database and what the pages saw."""
    rec: dict[str, list[float]] = {}
    missed: dict[str, int] = {}
    first, parts = [], {"first stroke drawn (down to up)": [], "mouse-up to frame stored": [],
                        "frame to request": [], "request to reply": [], "reply to visible": []}
    for run in arena.runs:
        guesses = arena.server.query(
            "SELECT text, created_at, requested_at, frame_seq FROM guesses WHERE game_id = ? AND text IS NOT NULL "
            "AND created_at <= ? ORDER BY created_at", (run.game_id, run.gave_up))
        frames = {r["seq"]: r["created_at"] for r in arena.server.query(
            "SELECT seq, created_at FROM frames WHERE game_id = ?", (run.game_id,))}
        for page, seen in run.seen.items():
            for g in guesses:
                if g["text"] in seen:
                    rec.setdefault(page, []).append(seen[g["text"]] - g["created_at"])
                else:
                    missed[page] = missed.get(page, 0) + 1
        after = [g for g in guesses
                 if frames.get(g["frame_seq"], 0) >= run.first_down and g["text"] in run.seen["drawer"]]
        if after:
            g = min(after, key=lambda g: run.seen["drawer"][g["text"]])
            first.append(run.seen["drawer"][g["text"]] - run.first_down)
            parts["first stroke drawn (down to up)"].append(run.first_up - run.first_down)
            parts["mouse-up to frame stored"].append(frames[g["frame_seq"]] - run.first_up)
            parts["frame to request"].append(g["requested_at"] - frames[g["frame_seq"]])
            parts["request to reply"].append(g["created_at"] - g["requested_at"])
            parts["reply to visible"].append(run.seen["drawer"][g["text"]] - g["created_at"])
    return {"recorded": rec, "missed": missed, "first": first, "parts": parts, "games": len(arena.runs)}


def stats_cells(values: list[float]) -> str:
    if not values:
        return "- | - | 0 | -"
    return (f"{statistics.median(values):.2f} | {percentile(values, 90):.2f} | {len(values)} "
            f"| {min(values):.2f} / {max(values):.2f}")


def print_report(root: str, res: dict) -> None:
    """The per-checkout Markdown table."""
    print(f"\n### {root} ({res['games']} games)\n")
    print("| measurement | page | median s | p90 s | count | min / max s | rows never seen |")
    print("|---|---|---|---|---|---|---|")
    for page in ("drawer", "spectator", "presenter"):
        if page in res["recorded"] or page in res["missed"]:
            print(f"| recorded-to-visible | {page} | {stats_cells(res['recorded'].get(page, []))} "
                  f"| {res['missed'].get(page, 0)} |")
    print(f"| first-stroke-to-visible | drawer | {stats_cells(res['first'])} | - |")
    for name, vals in res["parts"].items():
        print(f"| first guess: {name} | drawer | {stats_cells(vals)} | - |")


def main(argv=None) -> int:
    """Parse arguments, play the games (alternating checkouts), print Markdown tables."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", default=str(REPO), help="the checkout whose app to run (default: this bench's repo)")
    p.add_argument("--entry", default="auto",
                   help="the file given to `streamlit run` (default: app.py if the checkout has one, else Home.py)")
    p.add_argument("--compare", nargs="+", metavar="ROOT", help="measure several checkouts, games alternating")
    p.add_argument("--games", type=int, default=8)
    p.add_argument("--poll-arm", action="store_true",
                   help="also the last checkout with every page on ?transport=poll (live.js's fallback), games alternating")
    p.add_argument("--viewers", action="store_true", help="also a spectator and a presenter tab per game")
    p.add_argument("--strokes", default=str(DEFAULT_STROKES), help="drawings in the strokes.ndjson.gz format")
    p.add_argument("--max-drawing-seconds", type=float, default=20.0, help="only drawings drawn within this")
    p.add_argument("--delay", type=float, default=0.6, help="the fake guesser's reply time, seconds")
    p.add_argument("--pause", type=float, default=2.0, help="seconds between the canvas showing and the first stroke")
    p.add_argument("--tail-min", type=float, default=3.0, help="seconds to wait after the last stroke, at least")
    p.add_argument("--tail-max", type=float, default=10.0, help="... and at most, for every guess to show")
    p.add_argument("--game-seconds", type=int, default=60)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    roots = [Path(r).resolve() for r in (args.compare or [args.root])]
    for r in roots:
        if args.entry != "auto" and not (r / args.entry).is_file():
            p.error(f"{r / args.entry} not found")
    if not Path(args.strokes).is_file():
        p.error(f"{args.strokes} not found: pass --strokes FILE.ndjson.gz")
    drawings = sample_drawings(Path(args.strokes), args.games, args.max_drawing_seconds, args.seed)
    from playwright.sync_api import sync_playwright

    print(f"load average before: {load_average()}; {args.games} games, drawings median "
          f"{statistics.median(drawing_seconds(d) for d in drawings):.1f} s; fake guesser {args.delay:g} s; "
          f"viewers: {'spectator + presenter' if args.viewers else 'none'}", flush=True)
    arenas = {}
    try:
        for k, r in zip(labels(roots), roots):
            arenas[k] = Arena(k, r, args.entry, [d.word for d in drawings], args)
        if args.poll_arm:
            k = f"{labels(roots)[-1]} (poll)"
            arenas[k] = Arena(k, roots[-1], args.entry, [d.word for d in drawings], args, transport="poll")
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            try:
                for i, d in enumerate(drawings):
                    order = list(arenas.values()) if i % 2 == 0 else list(arenas.values())[::-1]
                    for arena in order:
                        arena.runs.append(play_game(browser, arena, i, d, args,
                                                    log=lambda s: print(s, file=sys.stderr, flush=True)))
            finally:
                browser.close()
        time.sleep(1.5)  # the writer thread's last batch
        for k, arena in arenas.items():
            print_report(k, analyse(arena))
    finally:
        for arena in arenas.values():
            arena.close()
    print(f"\nload average after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
