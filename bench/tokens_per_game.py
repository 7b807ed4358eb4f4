"""Image tokens per game: our policy against the original game's, per provider.

    python bench/tokens_per_game.py                         # 24 drawings, 45 s games, L = 1.0 s
    python bench/tokens_per_game.py --drawings 48 --latency 1.5

Raw Quick, Draw! drawings are replayed in real time (their own timestamps), all games at once:
each stroke's end is a canvas rerun that offers a frame to the app's FrameThrottle, and a 1 s
heartbeat releases the trailing frame, exactly as the play page does. Frames go through the real
GuesserPool to the real Claude, GPT and Gemini adapters, pointed at fake servers (tests/) that
answer a wrong guess after L seconds, so every game runs its full length. The image tokens are
counted from the images the servers received, by each provider's published rule (core/pricing.py).

The original policy is computed for the same games: the whole 512x512 canvas PNG re-sent to every
model every 3 s from the first stroke to the end of the game, whether or not it changed.
"""
from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PIL import Image  # noqa: E402

from core.guessers.anthropic_guesser import AnthropicGuesser  # noqa: E402
from core.guessers.gemini_guesser import GeminiGuesser  # noqa: E402
from core.guessers.openai_guesser import OpenAIGuesser  # noqa: E402
from core.images import CANVAS_SIZE, encode_png, fit_strokes, render_strokes  # noqa: E402
from core.pool import GuesserPool  # noqa: E402
from core.pricing import image_tokens  # noqa: E402
from core.recorder import Recorder  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.store import Store  # noqa: E402
from core.strokes import RawDrawing, read_stroke_file  # noqa: E402
from core.throttle import FrameThrottle  # noqa: E402
from core.words import Word, load_words  # noqa: E402
from fake_providers import FAKE_KEY, FakeProvider, ok  # noqa: E402

ORIGINAL_PERIOD = 3.0
HEARTBEAT = 1.0
DEFAULT_STROKES = ROOT.parent / "shared" / "data" / "quickdraw" / "strokes.ndjson.gz"


def load_drawings(path: Path, words: set[str], count: int, rng: random.Random) -> list[RawDrawing]:
    """A seeded sample of drawings whose word is in the word list."""
    rows = [d for d in read_stroke_file(path)[0] if d.word in words]
    return rng.sample(rows, min(count, len(rows)))


def timeline(drawing: RawDrawing) -> list[tuple[float, bytes]]:
    """(seconds since the first point, canvas PNG) at the end of each stroke."""
    strokes = drawing.strokes
    fitted = fit_strokes(strokes, size=CANVAS_SIZE, fill=0.8)
    out = []
    for i, s in enumerate(strokes):
        end = (s[2][-1] if len(s) > 2 and s[2] else 0) / 1000.0
        out.append((end, encode_png(render_strokes(fitted[: i + 1]))))
    return out


def replay(games: dict[str, list[tuple[float, bytes]]], pool: GuesserPool, game_seconds: float) -> None:
    """Play every game's canvas reruns and heartbeats in real time, all games at once."""
    events = []
    for gid, frames in games.items():
        for t, png in frames:
            events.append((t, 0, gid, png))
        for k in range(1, int(game_seconds / HEARTBEAT) + 1):
            events.append((k * HEARTBEAT, 1, gid, None))
    events.sort(key=lambda e: (e[0], e[1]))
    throttles = {gid: FrameThrottle[bytes](interval=HEARTBEAT) for gid in games}
    start = time.monotonic()
    for t, kind, gid, png in events:
        if t > game_seconds:
            break
        delay = start + t - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        now = time.monotonic() - start
        throttle = throttles[gid]
        frame = throttle.offer(png, png, now) if kind == 0 else throttle.due(now)
        if frame is not None:
            pool.submit_frame(gid, frame)
    rest = start + game_seconds - time.monotonic()
    if rest > 0:
        time.sleep(rest)


def original_sends(frames: list[tuple[float, bytes]], game_seconds: float) -> int:
    """How many times the original game sent the canvas to each model in one game."""
    first = frames[0][0]
    return sum(1 for k in range(1, int(game_seconds / ORIGINAL_PERIOD) + 1) if k * ORIGINAL_PERIOD >= first)


def main() -> None:
    """Run the replay and print a Markdown table per provider."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--strokes", type=Path, default=DEFAULT_STROKES)
    ap.add_argument("--drawings", type=int, default=24)
    ap.add_argument("--latency", type=float, default=1.0)
    ap.add_argument("--game-seconds", type=float, default=45.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    settings = Settings.load({})
    words = {w.text for w in load_words(settings.words_path)}
    drawings = load_drawings(args.strokes, words, args.drawings, random.Random(args.seed))
    games = {f"{i:012x}": timeline(d) for i, d in enumerate(drawings)}
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
    recorder = Recorder(store)
    pool = GuesserPool(guessers, recorder, min_interval=settings.MIN_GUESS_INTERVAL, timeout=15)
    store.touch_player("bench-player", 0)
    for gid in games:
        store.insert_game({"id": gid, "word": "cat", "player_id": "bench-player", "status": "active",
                           "started_at": time.time(), "game_seconds": args.game_seconds})
        pool.start_game(gid, Word("cat"))
    t0 = time.monotonic()
    replay(games, pool, args.game_seconds)
    for gid in games:
        pool.end_game(gid)
    for gid in games:
        pool.wait_idle(gid, timeout=30)
    wall = time.monotonic() - t0
    pool.close()
    recorder.close()

    n = len(games)
    durations = [frames[-1][0] for frames in games.values()]
    strokes = [len(frames) for frames in games.values()]
    sends_orig = sum(original_sends(f, args.game_seconds) for f in games.values()) / n
    print(f"{n} drawings, median {statistics.median(durations):.1f} s and {statistics.median(strokes):.0f} strokes "
          f"each; games of {args.game_seconds:g} s; provider latency {args.latency:g} s; "
          f"MIN_GUESS_INTERVAL {settings.MIN_GUESS_INTERVAL:g} s; replay took {wall:.0f} s\n")
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


if __name__ == "__main__":
    main()
