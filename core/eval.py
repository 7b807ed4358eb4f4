"""Eval: replay drawings against the guessers outside live games, to compare models and prompts.

    python -m core.eval --strokes FILE.ndjson.gz [--limit 20] [--max-usd 0.50] [--variants history,final-only]
    python -m core.eval --games 20            # recorded games from the database
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from core.guessers.base import Guesser
from core.judge import judge_guess
from core.pool import call_guesser
from core.store import Store
from core.strokes import RawDrawing, stroke_frames
from core.words import Word, find_word

log = logging.getLogger(__name__)

VARIANTS = ("history", "no-history", "final-only")


class EvalError(Exception):
    """The eval cannot run as asked."""


@dataclass(frozen=True)
class EvalDrawing:
    """One drawing to replay: its word, a key, and its frames with the share of strokes each shows."""

    key: str
    word: Word
    frames: tuple[bytes, ...]
    fractions: tuple[float, ...]


@dataclass
class EvalOutcome:
    """What a run did: its rows, its spend, how many drawings it finished and why it stopped."""

    rows: list[dict] = field(default_factory=list)
    spend_usd: float = 0.0
    drawings_done: int = 0
    status: str = "done"


def from_strokes(drawings: Sequence[RawDrawing], words: Sequence[Word], max_frames: int = 12) -> list[EvalDrawing]:
    """Stroke drawings whose word is in the list, rendered as the app renders a canvas."""
    out = []
    for d in drawings:
        word = find_word(words, d.word)
        if word is None:
            continue
        frames = stroke_frames(d.strokes, max_frames=max_frames)
        out.append(EvalDrawing(d.key, word, tuple(p for _, p in frames), tuple(f for f, _ in frames)))
    return out


def from_games(store: Store, words: Sequence[Word], limit: int) -> list[EvalDrawing]:
    """Recorded games' frame sequences, labelled by their word."""
    out = []
    for game in store.finished_games_with_frames(limit):
        word = find_word(words, game["word"])
        frames = [f["png"] for f in store.game_frames(game["id"])]
        if word is None or not frames:
            continue
        n = len(frames)
        out.append(EvalDrawing(game["id"], word, tuple(frames), tuple((i + 1) / n for i in range(n))))
    return out


async def _one_guesser(drawing: EvalDrawing, g: Guesser, variant: str, vocabulary: Sequence[str],
                       timeout: float, cost: Callable, now: Callable[[], float]) -> list[dict]:
    """Feed one guesser a drawing's frames in order until it is right; one row per call."""
    indices = [len(drawing.frames) - 1] if variant == "final-only" else range(len(drawing.frames))
    rows, past = [], []
    for i in indices:
        started = time.monotonic()
        outcome = await call_guesser(g, drawing.frames[i], past if variant == "history" else [], timeout)
        result = outcome.result
        text = result.text if result else None
        tin, tout = (result.input_tokens, result.output_tokens) if result else (None, None)
        model = (result.model if result else None) or g.model
        error = outcome.error_text
        verdict = judge_guess(text, drawing.word.text, drawing.word.aliases, vocabulary) if text else None
        rows.append({
            "drawing": drawing.key, "word": drawing.word.text, "guesser": g.name, "model": model,
            "variant": variant, "frame_index": i + 1, "frames_total": len(drawing.frames),
            "fraction": drawing.fractions[i], "text": text, "correct": int(bool(verdict and verdict.correct)),
            "created_at": now(), "latency_ms": round((time.monotonic() - started) * 1000, 2),
            "input_tokens": tin, "output_tokens": tout, "cost_usd": cost(model, tin, tout) if tin is not None else None,
            "error": error,
        })
        if verdict and verdict.correct:
            break
        if text:
            past.append(text)
    return rows


async def run_eval(drawings: Sequence[EvalDrawing], guessers: Sequence[Guesser], variants: Sequence[str],
                   vocabulary: Sequence[str], *, max_usd: float, timeout: float, cost: Callable,
                   on_progress: Callable[[int, int], None] = lambda done, total: None,
                   now: Callable[[], float] = time.time) -> EvalOutcome:
    """Replay each drawing to every guesser and variant (guessers in parallel), within a dollar cap."""
    bad = [v for v in variants if v not in VARIANTS]
    if bad or not variants:
        raise EvalError(f"variants must be some of {', '.join(VARIANTS)}")
    outcome = EvalOutcome()
    for n, drawing in enumerate(drawings, start=1):
        if outcome.spend_usd >= max_usd:
            outcome.status = f"stopped at the ${max_usd:g} limit"
            break
        jobs = [_one_guesser(drawing, g, v, vocabulary, timeout, cost, now) for v in variants for g in guessers]
        for rows in await asyncio.gather(*jobs):
            outcome.rows.extend(rows)
            outcome.spend_usd += sum(r["cost_usd"] or 0.0 for r in rows)
        outcome.drawings_done = n
        on_progress(n, len(drawings))
    return outcome


def summarize(rows: Sequence[dict]) -> list[dict]:
    """Per guesser and variant: drawings, correct drawings, accuracy, mean fraction when first right, cost."""
    groups: dict[tuple[str, str], dict] = {}
    for r in rows:
        g = groups.setdefault((r["guesser"], r["variant"]), {"drawings": set(), "first": {}, "cost": 0.0})
        g["drawings"].add(r["drawing"])
        if r["cost_usd"] is not None and g["cost"] is not None:
            g["cost"] += r["cost_usd"]
        elif r["input_tokens"] is not None:  # billed, but the model has no price: the total is unknown
            g["cost"] = None
        if r["correct"] and r["drawing"] not in g["first"]:
            g["first"][r["drawing"]] = r["fraction"]
    out = []
    for (guesser, variant), g in sorted(groups.items()):
        right = len(g["first"])
        out.append({"guesser": guesser, "variant": variant, "drawings": len(g["drawings"]), "correct": right,
                    "accuracy": right / len(g["drawings"]),
                    "mean_fraction_when_right": sum(g["first"].values()) / right if right else None,
                    "cost_usd": g["cost"],
                    "cost_per_correct": g["cost"] / right if right and g["cost"] is not None else None})
    return out


def run_and_store(engine, drawings: Sequence[EvalDrawing], variants: Sequence[str], max_usd: float,
                  source: str, guessers: Sequence[Guesser] | None = None,
                  on_progress: Callable[[int, int], None] = lambda done, total: None) -> tuple[int, EvalOutcome]:
    """Run an eval on its own event loop with fresh guessers, and save the run and its rows."""
    from functools import partial

    from core.guessers import build_guessers
    from core.pricing import cost_usd

    own = guessers is None
    guessers = list(guessers) if guessers is not None else build_guessers(engine.settings, engine.words)
    if not engine.spend.allowed():
        guessers = [g for g in guessers if not g.paid]
    run_id = engine.store.create_eval_run({
        "created_at": time.time(), "source": source, "variants": ",".join(variants),
        "guessers": ", ".join(g.name for g in guessers), "drawings_planned": len(drawings),
        "drawings_done": 0, "spend_usd": 0.0, "status": "running"})

    async def go() -> EvalOutcome:
        try:
            return await run_eval(drawings, guessers, variants, engine.lobby.vocabulary, max_usd=max_usd,
                                  timeout=engine.settings.GUESS_TIMEOUT,
                                  cost=partial(cost_usd, overrides=engine.settings.price_overrides),
                                  on_progress=on_progress)
        finally:
            for g in guessers if own else ():
                if hasattr(g, "aclose"):
                    await g.aclose()

    try:
        outcome = asyncio.run(go())
    except Exception:
        engine.store.finish_eval_run(run_id, 0, 0.0, "failed")
        raise
    engine.store.insert_eval_results([dict(r, run_id=run_id) for r in outcome.rows])
    engine.store.finish_eval_run(run_id, outcome.drawings_done, outcome.spend_usd, outcome.status)
    return run_id, outcome


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: pick a source, run, print a summary, save to the database."""
    import os

    from core.engine import build_engine
    from core.settings import Settings
    from core.strokes import StrokeFileError, read_stroke_file

    ap = argparse.ArgumentParser(prog="python -m core.eval", description="Replay drawings against the guessers.")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--strokes", help="a .ndjson(.gz) file in the Quick, Draw! stroke format")
    src.add_argument("--games", type=int, help="replay this many recorded games from the database")
    ap.add_argument("--limit", type=int, default=20, help="at most this many drawings (default 20)")
    ap.add_argument("--max-usd", type=float, default=0.50, help="stop once this much is spent (default 0.50)")
    ap.add_argument("--variants", default="history,final-only", help=f"some of {','.join(VARIANTS)}")
    ap.add_argument("--csv", help="also write the rows to this CSV file")
    args = ap.parse_args(argv)
    engine = build_engine(Settings.load(os.environ), reaper=False)
    try:
        if args.strokes:
            raw, skipped = read_stroke_file(args.strokes)
            if skipped:
                print(f"skipped {skipped} malformed line(s)", file=sys.stderr)
            drawings, source = from_strokes(raw, engine.words)[: args.limit], f"strokes:{args.strokes}"
        else:
            drawings, source = from_games(engine.store, engine.words, min(args.games, args.limit)), "games"
        if not drawings:
            raise EvalError("no drawing of a word in the word list to replay")
        variants = [v.strip() for v in args.variants.split(",") if v.strip()]
        run_id, outcome = run_and_store(engine, drawings, variants, args.max_usd, source,
                                        on_progress=lambda d, t: print(f"\r{d}/{t} drawings", end="", file=sys.stderr))
    except (EvalError, StrokeFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.close()
    print(file=sys.stderr)
    print(f"run {run_id}: {outcome.drawings_done} drawings, ${outcome.spend_usd:.4f}, {outcome.status}")
    for s in summarize(outcome.rows):
        frac = f"{s['mean_fraction_when_right']:.2f}" if s["mean_fraction_when_right"] is not None else "-"
        print(f"{s['guesser']} [{s['variant']}]: accuracy={s['accuracy']:.3f} ({s['correct']}/{s['drawings']}) "
              f"mean_fraction_when_right={frac} cost_usd="
              f"{'unknown' if s['cost_usd'] is None else format(s['cost_usd'], '.4f')}")
    if args.csv:
        from core.export import rows_to_csv
        with open(args.csv, "wb") as f:
            f.write(rows_to_csv(outcome.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
