"""Image tokens per game under our guess schedule against the original game's, per provider; and time to win.

    python bench/tokens_per_game.py                              # Quick, Draw! drawings at their own pace
    python bench/tokens_per_game.py --mode continuous            # a player who draws all game: 24+ strokes over 40 s
    python bench/tokens_per_game.py --mode stroke-a-second       # one stroke every second, all game
    python bench/tokens_per_game.py --mode quickdraw --win-share 0.6   # time to win: before/after the schedule

Drawings from a Quick, Draw! stroke file are replayed in real time, all games at once, as the play page
sends them: while a stroke is drawn, a preview of the canvas every 0.5 s; at its end, the canvas frame
(with its ink count). Frames go through the real GuesserPool, paced by FRAME_INTERVAL and following
the app's guess schedule (core/schedule.py, the settings' defaults), to the real Claude, GPT and Gemini
adapters pointed at fake servers (tests/) that answer a wrong guess after L seconds, so every game runs
its full length. Image tokens are counted from the images the servers received, by each provider's
published rule (core/pricing.py). The original game is computed for the same games: the whole
512 x 512 canvas re-sent to every model every 3 s from the first stroke to the end of the game.

Modes: `quickdraw` replays each drawing at its own pace (median 6-7 s, 4 strokes); `continuous` lays
several drawings side by side until there are 24 or more strokes and spreads them over 40 s of the
45 s game; `stroke-a-second` does the same with one stroke a second.

With `--win-share S`, the paid guessers are scripted instead (0.6 s to answer, as a provider would)
and name the word once the frame they see shows at least S of the drawing's strokes; the bench then
reports the median time to the winning guess under the schedule and under the previous policy (every
changed frame, MIN_GUESS_INTERVAL apart), side by side in one run.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_providers import FAKE_KEY, FakeProvider, ok  # noqa: E402
from PIL import Image  # noqa: E402

from core.guessers.anthropic_guesser import AnthropicGuesser  # noqa: E402
from core.guessers.base import GuessResult  # noqa: E402
from core.guessers.gemini_guesser import GeminiGuesser  # noqa: E402
from core.guessers.openai_guesser import OpenAIGuesser  # noqa: E402
from core.images import CANVAS_SIZE, encode_png, fit_strokes, ink_pixels, render_strokes  # noqa: E402
from core.pool import GuesserPool, PoolSettings  # noqa: E402
from core.pricing import image_tokens  # noqa: E402
from core.recorder import Recorder  # noqa: E402
from core.schedule import GuessSchedule  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.store import Store  # noqa: E402
from core.strokes import RawDrawing, read_stroke_file  # noqa: E402
from core.words import Word, load_words  # noqa: E402

ORIGINAL_PERIOD = 3.0
PREVIEW_EVERY = 0.5
CONTINUOUS_STROKES = 24
CONTINUOUS_SPAN = 40.0
DEFAULT_STROKES = ROOT.parent / "shared" / "data" / "quickdraw" / "strokes.ndjson.gz"


@dataclass(frozen=True)
class Frame:
    """One frame the page sends: when, the PNG, its ink, and the share of the drawing's strokes it shows."""

    t: float
    png: bytes
    ink: int
    share: float
    stroke_end: bool = False


def load_drawings(path: Path, words: set[str], count: int, rng: random.Random) -> list[RawDrawing]:
    """A seeded sample of drawings whose word is in the word list."""
    rows = [d for d in read_stroke_file(path)[0] if d.word in words]
    return rng.sample(rows, min(count, len(rows)))


def _frame(t: float, strokes: list, total: int, done: int, stroke_end: bool) -> Frame:
    im = render_strokes(strokes)
    return Frame(t, encode_png(im), ink_pixels(im), done / total, stroke_end)


def timeline(strokes: list, times: list[tuple[float, float]]) -> list[Frame]:
    """The frames the page sends for placed strokes drawn over (start, end) seconds each: previews, then the end."""
    frames, total = [], len(strokes)
    for i, (s, (t0, t1)) in enumerate(zip(strokes, times)):
        t = t0 + PREVIEW_EVERY
        while t < t1:  # the stroke so far, while the finger is still down
            k = max(1, int(len(s[0]) * (t - t0) / max(t1 - t0, 1e-6)))
            frames.append(_frame(t, strokes[:i] + [[s[0][:k], s[1][:k]]], total, i, False))
            t += PREVIEW_EVERY
        frames.append(_frame(t1, strokes[: i + 1], total, i + 1, True))
    return frames


def own_pace(d: RawDrawing) -> list[Frame]:
    """A drawing at its own pace (its timestamps), centred on the canvas."""
    times = [((s[2][0] if len(s) > 2 and s[2] else 0) / 1000.0, (s[2][-1] if len(s) > 2 and s[2] else 0) / 1000.0)
             for s in d.strokes]
    start = times[0][0]
    return timeline(fit_strokes(d.strokes, size=CANVAS_SIZE, fill=0.8), [(a - start, b - start) for a, b in times])


def side_by_side(drawings: list[RawDrawing], per_second: bool) -> list[Frame]:
    """Drawings laid side by side (a grid of cells) until there are 24 or more strokes, drawn over 40 s
    (or, `per_second`, 40 or more strokes, one a second)."""
    wanted = int(CONTINUOUS_SPAN) if per_second else CONTINUOUS_STROKES
    placed, cells = [], 0
    for d in drawings:
        if sum(len(p) for p in placed) >= wanted:
            break
        placed.append(d.strokes)
        cells += 1
    side = 2 if cells <= 4 else 3 if cells <= 9 else 4
    cell = CANVAS_SIZE / side
    strokes = []
    for c, raw in enumerate(placed):
        fitted = fit_strokes(raw, size=int(cell), fill=0.85)
        ox, oy = (c % side) * cell, (c // side) * cell
        strokes += [[[x + ox for x in s[0]], [y + oy for y in s[1]]] for s in fitted]
    n = len(strokes)
    gap = 1.0 if per_second else CONTINUOUS_SPAN / n
    times = [(k * gap, k * gap + min(0.8, gap * 0.6)) for k in range(n)]
    return timeline(strokes, times)


def original_sends(frames: list[Frame], game_seconds: float) -> int:
    """How many times the original game sent the canvas to each model in one game."""
    first = frames[0].t
    return sum(1 for k in range(1, int(game_seconds / ORIGINAL_PERIOD) + 1) if k * ORIGINAL_PERIOD >= first)


def replay(games: dict[str, list[Frame]], pools: list[GuesserPool], game_seconds: float) -> None:
    """Send every game's frames in real time, all games at once, to each pool."""
    events = sorted((f.t, gid, f) for gid, frames in games.items() for f in frames if f.t <= game_seconds)
    start = time.monotonic()
    for t, gid, f in events:
        delay = start + t - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        for pool in pools:
            pool.submit_frame(gid, f.png, ink=f.ink)
    rest = start + game_seconds - time.monotonic()
    if rest > 0:
        time.sleep(rest)


class WinsAtShare:
    """A paid guesser that answers in `latency` s and names the word once a frame shows `share` of the strokes."""

    def __init__(self, name: str, shares: dict[bytes, float], share: float, latency: float):
        self.name, self.model, self.paid = name, name, True
        self.shares, self.share, self.latency = shares, share, latency

    async def guess(self, png: bytes, past_guesses, lang: str = "en") -> GuessResult:
        await asyncio.sleep(self.latency)
        seen = self.shares.get(hashlib.blake2b(png, digest_size=16).digest(), 0.0)
        return GuessResult(text="cat" if seen >= self.share else "banana", model=self.model,
                           input_tokens=100, output_tokens=2)


def make_pool(guessers, store: Store, games: dict[str, list[Frame]], schedule: GuessSchedule,
              settings: Settings, prefix: str, **collaborators) -> tuple[GuesserPool, Recorder, dict[str, str]]:
    """A pool over its own games (ids prefixed), every game started now."""
    recorder = Recorder(store)
    knobs = PoolSettings(schedule=schedule, frame_interval=settings.FRAME_INTERVAL, timeout=15)
    pool = GuesserPool(guessers, recorder, knobs, **collaborators)
    ids = {}
    for gid in games:
        own = prefix + gid[len(prefix):]
        ids[gid] = own
        store.insert_game({"id": own, "word": "cat", "player_id": "bench-player", "status": "active",
                           "started_at": time.time(), "game_seconds": 45})
        pool.start_game(own, Word("cat"))
    return pool, recorder, ids


def tokens_table(args, settings: Settings, games: dict[str, list[Frame]]) -> None:
    """Image tokens per game and provider: ours (real adapters, fake servers) against the original's."""
    models = {"anthropic": settings.ANTHROPIC_MODELS[0], "openai": settings.OPENAI_MODELS[0],
              "gemini": settings.GEMINI_MODELS[0]}
    fakes = {p: FakeProvider(p, default=ok("banana", delay=args.latency)).start() for p in models}
    common = dict(timeout=10.0, max_retries=0, max_side=settings.IMAGE_MAX_SIDE)
    guessers = [
        AnthropicGuesser(models["anthropic"], FAKE_KEY, base_url=fakes["anthropic"].base_url, **common),
        OpenAIGuesser(models["openai"], FAKE_KEY, base_url=fakes["openai"].base_url, **common),
        GeminiGuesser(models["gemini"], FAKE_KEY, base_url=fakes["gemini"].base_url,
                      media_resolution=settings.GEMINI_MEDIA_RESOLUTION, **common),
    ]
    store = Store(Path(tempfile.mkdtemp()) / "bench.db")
    store.touch_player("bench-player", 0)
    pool, recorder, ids = make_pool(guessers, store, games, settings.guess_schedule, settings, "a")
    t0 = time.monotonic()
    replay({ids[g]: f for g, f in games.items()}, [pool], args.game_seconds)
    for gid in ids.values():
        pool.end_game(gid)
        pool.wait_idle(gid, timeout=30)
    wall = time.monotonic() - t0
    pool.close()
    recorder.close()
    n = len(games)
    sends_orig = sum(original_sends(f, args.game_seconds) for f in games.values()) / n
    print(f"{describe(games, args.game_seconds)}; provider latency {args.latency:g} s; replay took {wall:.0f} s\n")
    print("| provider (model) | requests/game ours | requests/game original | image tokens/game ours "
          "| image tokens/game original | ratio |")
    print("|---|---|---|---|---|---|")
    for provider, fake in fakes.items():
        model = models[provider]
        sizes = []
        for rec in fake.requests:
            for raw in rec.images():
                with Image.open(io.BytesIO(raw)) as im:
                    sizes.append(im.size)
        res = settings.GEMINI_MEDIA_RESOLUTION if provider == "gemini" else "default"
        ours = sum(image_tokens(provider, w, h, model, media_resolution=res) for w, h in sizes) / n
        orig = sends_orig * image_tokens(provider, CANVAS_SIZE, CANVAS_SIZE, model)
        print(f"| {provider} ({model}) | {len(sizes) / n:.1f} | {sends_orig:.1f} | {ours:.0f} | {orig:.0f} "
              f"| {ours / orig:.3f} |")
        fake.close()


def win_times(args, settings: Settings, games: dict[str, list[Frame]]) -> None:
    """Median time to the winning guess, under the schedule and under the previous policy, side by side."""
    shares = {hashlib.blake2b(f.png, digest_size=16).digest(): f.share for frames in games.values() for f in frames}
    previous = GuessSchedule.every_frame(settings.MIN_GUESS_INTERVAL)
    store = Store(Path(tempfile.mkdtemp()) / "bench.db")
    store.touch_player("bench-player", 0)
    results = {}
    pools = []
    for label, schedule, prefix in (("schedule", settings.guess_schedule, "a"), ("previous policy", previous, "b")):
        won: dict[str, float] = {}
        started: dict[str, float] = {}

        def referee(game_id, guesser, now, won=won, started=started):
            won.setdefault(game_id, now - started[game_id])
            return True
        guessers = [WinsAtShare(f"paid-{k}", shares, args.win_share, args.latency) for k in range(3)]
        pool, recorder, ids = make_pool(guessers, store, games, schedule, settings, prefix, referee=referee)
        for own in ids.values():
            started[own] = time.time()
        pools.append((pool, recorder, ids))
        results[label] = won
    t0 = time.monotonic()
    # The same frames, at the same moments, to both pools.
    events = sorted((f.t, gid, f) for gid, frames in games.items() for f in frames if f.t <= args.game_seconds)
    start = time.monotonic()
    for t, gid, f in events:
        delay = start + t - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        for pool, _, ids in pools:
            if pool.is_running(ids[gid]):
                pool.submit_frame(ids[gid], f.png, ink=f.ink)
    time.sleep(max(0.0, start + args.game_seconds - time.monotonic()))
    for pool, recorder, ids in pools:
        for own in ids.values():
            pool.end_game(own)
            pool.wait_idle(own, timeout=30)
        pool.close()
        recorder.close()
    print(f"{describe(games, args.game_seconds)}; scripted paid guessers answer in {args.latency:g} s and name the word from "
          f"{args.win_share:.0%} of the strokes; took {time.monotonic() - t0:.0f} s\n")
    print("| policy | games won | median s to the win | p90 s |")
    print("|---|---|---|---|")
    for label, won in results.items():
        times = sorted(won.values())
        med = statistics.median(times) if times else float("nan")
        p90 = times[min(len(times) - 1, int(0.9 * len(times)))] if times else float("nan")
        print(f"| {label} | {len(times)} of {len(games)} | {med:.2f} | {p90:.2f} |")


def describe(games: dict[str, list[Frame]], game_seconds: float) -> str:
    """One line about the replayed games."""
    ends = [f[-1].t for f in games.values()]
    strokes = [sum(fr.stroke_end for fr in f) for f in games.values()]
    frames = [len(f) for f in games.values()]
    return (f"{len(games)} games of {game_seconds:g} s: {statistics.median(strokes):.0f} strokes, the last at "
            f"{statistics.median(ends):.1f} s, {statistics.median(frames):.0f} frames sent (previews and stroke "
            f"ends), medians")


def main() -> None:
    """Run the replay and print a Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--strokes", type=Path, default=DEFAULT_STROKES)
    ap.add_argument("--mode", choices=("quickdraw", "continuous", "stroke-a-second"), default="quickdraw")
    ap.add_argument("--drawings", type=int, default=24, help="games to replay")
    ap.add_argument("--latency", type=float, default=1.0, help="seconds a fake provider takes to answer")
    ap.add_argument("--game-seconds", type=float, default=45.0)
    ap.add_argument("--win-share", type=float, default=None,
                    help="measure time to win instead: paid guessers name the word from this share of the strokes")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    settings = Settings.load(os.environ)  # the app's defaults, or a schedule to try from the environment
    words = {w.text for w in load_words(settings.words_path)}
    rng = random.Random(args.seed)
    pool_of = load_drawings(args.strokes, words, args.drawings * (8 if args.mode != "quickdraw" else 1), rng)
    if args.mode == "quickdraw":
        games = {f"{i:012x}": own_pace(d) for i, d in enumerate(pool_of)}
    else:
        per = len(pool_of) // args.drawings
        games = {f"{i:012x}": side_by_side(pool_of[i * per:(i + 1) * per], args.mode == "stroke-a-second")
                 for i in range(args.drawings)}
    if args.win_share is None:
        tokens_table(args, settings, games)
    else:
        win_times(args, settings, games)


if __name__ == "__main__":
    main()
