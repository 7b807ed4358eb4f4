"""Measure each word's difficulty for the offline sketch model on Quick, Draw! drawings: models/word_difficulty.csv.

    python scripts/word_difficulty.py                   # ../shared/data/quickdraw/strokes.ndjson.gz, words.txt
    python scripts/word_difficulty.py --strokes FILE.ndjson.gz --words words.txt --out models/word_difficulty.csv

Every drawing of a word in the list is replayed stroke by stroke as the app renders a canvas (at most 12
frames, always the last), and the offline guesser answers each frame as it does in a game (its likeliest
word of the list, or a pass under SKETCH_MIN_CONFIDENCE). A drawing is recognized at the first frame
whose answer is the word, at the time the person had drawn it (Quick, Draw! timestamps). A word's ease
is its recognized share times the share of Quick, Draw!'s 20 s left at the median recognition
(core/difficulty.py); the list's thirds by ease are Easy, Medium and Hard. Takes about 10 minutes on
two cores; the app reads only the CSV.
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from core.difficulty import QUICKDRAW_SECONDS, TABLE_PATH, ease, format_table  # noqa: E402
from core.judge import normalize  # noqa: E402
from core.strokes import read_stroke_file, stroke_frames  # noqa: E402
from core.words import find_word, load_words  # noqa: E402

DEFAULT_STROKES = REPO_ROOT.parent / "shared" / "data" / "quickdraw" / "strokes.ndjson.gz"
MAX_FRAMES = 12

_guesser = None


def _init(words_path: str) -> None:
    global _guesser
    from core.sketch import SketchGuesser

    _guesser = SketchGuesser(load_words(words_path))


def _seconds_at(strokes, fraction: float) -> float:
    """When the person finished the stroke that brings the drawing to `fraction` of its strokes."""
    k = max(1, round(fraction * len(strokes)))
    times = strokes[k - 1][2] if len(strokes[k - 1]) > 2 else None
    if times:
        return float(times[-1]) / 1000.0
    return fraction * QUICKDRAW_SECONDS  # no timestamps: strokes spread evenly over the time


def _recognized_at(job: tuple[str, tuple]) -> tuple[str, float | None]:
    """(word, seconds until the offline guesser named it, or None when it never did)."""
    word, strokes = job
    for fraction, png in stroke_frames(strokes, max_frames=MAX_FRAMES):
        answer = _guesser.guess_now(png, []).text
        if answer is not None and normalize(answer) == normalize(word):
            return word, _seconds_at(strokes, fraction)
    return word, None


def main(argv: list[str] | None = None) -> int:
    """Replay the drawings, score the words, write the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--strokes", default=str(DEFAULT_STROKES))
    ap.add_argument("--words", default=str(REPO_ROOT / "words.txt"))
    ap.add_argument("--out", default=str(TABLE_PATH))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    words = load_words(args.words)
    drawings, skipped = read_stroke_file(args.strokes, keep=lambda d: find_word(words, d.word) is not None)
    jobs = [(find_word(words, d.word).text, d.strokes) for d in drawings]
    print(f"{len(jobs)} drawings of {len({j[0] for j in jobs})} words ({skipped} lines skipped)", flush=True)
    started = time.time()
    found: dict[str, list[float | None]] = {w.text: [] for w in words}
    with multiprocessing.get_context("spawn").Pool(args.workers, initializer=_init, initargs=(args.words,)) as pool:
        for i, (word, seconds) in enumerate(pool.imap_unordered(_recognized_at, jobs, chunksize=16), start=1):
            found[word].append(seconds)
            if i % 500 == 0:
                print(f"  {i}/{len(jobs)} drawings, {time.time() - started:.0f} s", flush=True)
    rows = []
    for word, results in found.items():
        if not results:
            continue  # no drawings of it: unknown, like a word the model does not know
        hits = [s for s in results if s is not None]
        median = statistics.median(hits) if hits else None
        share = None if median is None else min(median, QUICKDRAW_SECONDS) / QUICKDRAW_SECONDS
        rows.append({"word": word, "drawings": len(results), "recognized": len(hits), "median_seconds": median,
                     "ease": ease(len(hits), len(results), share)})
    Path(args.out).write_text(format_table(rows), encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} words in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
