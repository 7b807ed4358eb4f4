"""How well core.writing catches a secret word written in letters, how often it flags honest drawings, and its cost.

    taskset -c 1 python bench/written_words.py                 # every word, every Quick, Draw! drawing, one core
    python bench/written_words.py --limit 40 --drawings 500 --seed 3
    python bench/written_words.py --strokes other.ndjson.gz --frames all --drawings 300

RECALL: each word of words.txt (or one of its aliases, picked at random) is written as pen strokes
in single-stroke Hershey fonts (print lower case, print capitals, cursive), at a random size, slant,
tilt and place, with the points resampled and wobbled like a hand, and rendered exactly as a canvas
frame is (core.images.render_strokes, CANVAS_SIZE, PEN_WIDTH). Each style is drawn twice: the word
alone, and the word beside a Quick, Draw! drawing of another word (a simple house when no stroke
file is given). A frame counts when spells_word(read_text(frame), word, aliases) names it.

FALSE ALARMS: the Quick, Draw! human drawings of the words in words.txt, rendered as the app renders
them (the finished drawing, or with --frames all every frame core.strokes.stroke_frames makes), each
checked against its own word.

TIME: every check above (read_text + spells_word on a 512 px PNG) is timed; pin the process to one
core with taskset to measure "one check on one core" (onnxruntime runs one intra-op thread).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import math
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pool_overhead import percentile  # noqa: E402  (bench/ is on the path when a bench runs)

from core.images import CANVAS_SIZE, encode_png, render_strokes  # noqa: E402
from core.strokes import RawDrawing, read_stroke_file, stroke_frames  # noqa: E402
from core.words import Word, load_words  # noqa: E402
from core.writing import load_reader, read_text, spells_word  # noqa: E402

DEFAULT_STROKES = ROOT.parent / "shared" / "data" / "quickdraw" / "strokes.ndjson.gz"

# style -> (Hershey fonts, letter case). All are single-stroke fonts: one pen line per stroke.
STYLES = {
    "print": (("futural", "rowmans"), "lower"),
    "capitals": (("futural", "rowmans"), "upper"),
    "cursive": (("scripts", "cursive"), "lower"),
}
# The height of a lower-case x and of a capital, as a share of the font's full height (cap line to descender line).
X_HEIGHT = {"futural": 14 / 28, "rowmans": 14 / 28, "scripts": 9 / 33, "cursive": 9 / 33}
CAP_HEIGHT = {"futural": 21 / 28, "rowmans": 21 / 28, "scripts": 21 / 33, "cursive": 21 / 33}
LAYOUTS = ("alone", "beside a drawing")
MARGIN = 16  # keep the writing this far from the canvas edge
# A drawing of a house, for "beside a drawing" when no stroke file is given.
HOUSE = [[[0, 100, 100, 0, 0], [40, 40, 100, 100, 40]], [[0, 50, 100], [40, 0, 40]],
         [[40, 40, 60, 60], [100, 70, 70, 100]]]


@dataclass(frozen=True)
class Case:
    """One frame to check: what it shows, the word it is checked against, and the PNG."""

    kind: str  # "written" or "drawing"
    group: str  # the row of the table it counts in
    word: Word
    shows: str  # the text written, or the Quick, Draw! key
    png: bytes


@lru_cache(maxsize=None)
def hershey(font: str):
    """A Hershey font loaded and scaled to 1 unit from its cap line to its descender line."""
    from HersheyFonts import HersheyFonts  # a bench-only dependency (requirements-dev.txt)

    h = HersheyFonts()
    h.load_default_font(font)
    h.normalize_rendering(1.0)
    return h


def glyph_strokes(text: str, font: str) -> list[list[tuple[float, float]]]:
    """The Hershey strokes of `text` on one line, y downwards, 1 unit from the cap line to the descender line."""
    return [[(x, -y) for x, y in s] for s in hershey(font).strokes_for_text(text)]


def wobble(points: Sequence[tuple[float, float]], amount: float, rng: random.Random) -> list[tuple[float, float]]:
    """Resample a polyline every ~3 px and add smooth random drift (a hand is not a plotter)."""
    dense: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / 3))
        dense.extend((x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(n))
    dense.append(points[-1])
    dx = dy = 0.0
    out = []
    for x, y in dense:
        # A mean-reverting random walk: drift that stays within about `amount` pixels.
        dx = 0.8 * dx + rng.gauss(0, amount * 0.6)
        dy = 0.8 * dy + rng.gauss(0, amount * 0.6)
        out.append((x + dx, y + dy))
    return out


def lines_of(text: str, max_chars: int) -> list[str]:
    """Split a phrase at spaces into lines of at most about max_chars characters (as a player wraps)."""
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > max_chars:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return lines + [cur]


def written_strokes(text: str, style: str, box: tuple[float, float, float, float],
                    rng: random.Random) -> list[list[list[float]]]:
    """`text` written in `style` somewhere inside box (x0, y0, x1, y1), as canvas strokes."""
    fonts, case = STYLES[style]
    font = rng.choice(fonts)
    text = text.upper() if case == "upper" else text.lower()
    # Letter size: the height of a lower-case x (or of a capital), in canvas pixels.
    letter = rng.uniform(22, 64) if case == "lower" else rng.uniform(30, 80)
    unit = letter / (X_HEIGHT[font] if case == "lower" else CAP_HEIGHT[font])
    slant = rng.uniform(-0.1, 0.35)
    tilt = math.radians(rng.uniform(-8, 8))
    rows = lines_of(text, rng.choice((10, 14, 40))) if " " in text else [text]
    strokes: list[list[tuple[float, float]]] = []
    for i, row in enumerate(rows):
        line = glyph_strokes(row, font)
        xs = [x for s in line for x, _ in s]
        width = max(xs) - min(xs)
        shift = -min(xs) - width / 2  # centre each line
        strokes += [[(x + shift, y + i * 1.15) for x, y in s] for s in line]
    # Shear for slant, rotate for tilt (around the origin), then scale to fit the box if too big.
    cos, sin = math.cos(tilt), math.sin(tilt)
    placed = [[((x - slant * y) * cos - y * sin, (x - slant * y) * sin + y * cos) for x, y in s] for s in strokes]
    xs = [x for s in placed for x, _ in s]
    ys = [y for s in placed for _, y in s]
    w, h = (max(xs) - min(xs)) * unit, (max(ys) - min(ys)) * unit
    bw, bh = box[2] - box[0], box[3] - box[1]
    unit *= min(1.0, bw / max(w, 1e-6), bh / max(h, 1e-6))
    w, h = (max(xs) - min(xs)) * unit, (max(ys) - min(ys)) * unit
    left = box[0] + rng.uniform(0, max(0.0, bw - w)) - min(xs) * unit
    top = box[1] + rng.uniform(0, max(0.0, bh - h)) - min(ys) * unit
    amount = rng.uniform(0.5, 2.0)
    out = []
    for s in placed:
        pts = wobble([(left + x * unit, top + y * unit) for x, y in s], amount, rng)
        out.append([[p[0] for p in pts], [p[1] for p in pts]])
    return out


def strokes_in_box(strokes: Sequence, box: tuple[float, float, float, float]) -> list[list[list[float]]]:
    """Scale and centre raw strokes to fit inside box (x0, y0, x1, y1), keeping their shape."""
    xs = [x for s in strokes for x in s[0]]
    ys = [y for s in strokes for y in s[1]]
    sx0, sx1, sy0, sy1 = min(xs), max(xs), min(ys), max(ys)
    scale = min((box[2] - box[0]) / max(sx1 - sx0, 1e-6), (box[3] - box[1]) / max(sy1 - sy0, 1e-6))
    ox = (box[0] + box[2]) / 2 - (sx0 + sx1) / 2 * scale
    oy = (box[1] + box[3]) / 2 - (sy0 + sy1) / 2 * scale
    return [[[x * scale + ox for x in s[0]], [y * scale + oy for y in s[1]]] for s in strokes]


def written_frame(text: str, style: str, layout: str, other: Sequence | None, rng: random.Random) -> bytes:
    """A canvas PNG with `text` written in `style`, alone or beside the drawing `other`."""
    lo, hi = MARGIN, CANVAS_SIZE - MARGIN
    if layout == "alone":
        return encode_png(render_strokes(written_strokes(text, style, (lo, lo, hi, hi), rng)))
    split = rng.uniform(0.5, 0.65) * CANVAS_SIZE
    if rng.random() < 0.5:  # drawing on top, writing below
        drawing_box, text_box = (lo, lo, hi, split - 8), (lo, split + 8, hi, hi)
    else:
        drawing_box, text_box = (lo, CANVAS_SIZE - split + 8, hi, hi), (lo, lo, hi, CANVAS_SIZE - split - 8)
    strokes = strokes_in_box(other or HOUSE, drawing_box) + written_strokes(text, style, text_box, rng)
    return encode_png(render_strokes(strokes))


def written_cases(words: Sequence[Word], drawings: Sequence[RawDrawing], rng: random.Random) -> list[Case]:
    """Every word in every style and layout, each with its own random size, slant, place and wobble."""
    by_word: dict[str, list[RawDrawing]] = defaultdict(list)
    for d in drawings:
        by_word[d.word].append(d)
    others = sorted(by_word)
    cases = []
    for word in words:
        for style in STYLES:
            for layout in LAYOUTS:
                text = rng.choice(word.names)
                other = None
                if layout != "alone" and others:
                    pick = rng.choice([o for o in others if o != word.text] or others)
                    other = rng.choice(by_word[pick]).strokes
                png = written_frame(text, style, layout, other, rng)
                cases.append(Case("written", f"{style}, {layout}", word, text, png))
    return cases


def drawing_cases(drawings: Sequence[RawDrawing], words: dict[str, Word], frames: str) -> list[Case]:
    """Honest drawings as the app renders them: the finished drawing, or every frame of it."""
    cases = []
    for d in drawings:
        word = words[d.word]
        if frames == "all":
            for share, png in stroke_frames(d.strokes):
                cases.append(Case("drawing", "Quick, Draw! frames", word, f"{d.key}@{share:.2f}", png))
        else:
            (_, png), = stroke_frames(d.strokes, max_frames=1)  # the finished drawing, as the app renders it
            cases.append(Case("drawing", "Quick, Draw! drawings", word, d.key, png))
    return cases


def check(case: Case) -> tuple[str | None, list[str], float, float]:
    """One written-word check of a frame: what spelled the word (or None), what was read, wall and CPU milliseconds."""
    t0, c0 = time.perf_counter(), time.process_time()
    texts = read_text(case.png)
    hit = spells_word(texts, case.word.text, case.word.aliases)
    return hit, texts, (time.perf_counter() - t0) * 1000.0, (time.process_time() - c0) * 1000.0


def main(argv: Sequence[str] | None = None) -> int:
    """Make the frames, check each one, and print recall, false alarms and timing."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--strokes", default=str(DEFAULT_STROKES), help="Quick, Draw! drawings (strokes.ndjson.gz format)")
    p.add_argument("--words", default=str(ROOT / "words.txt"))
    p.add_argument("--limit", type=int, default=0, help="only the first N words (0: all) for the recall part")
    p.add_argument("--drawings", type=int, default=0, help="a seeded sample of N drawings (0: all) for false alarms")
    p.add_argument("--frames", choices=("last", "all"), default="last", help="check finished drawings or every frame")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--examples", type=int, default=10, help="how many misses and false alarms to list")
    p.add_argument("--save-reads", metavar="FILE", help="write what the OCR read in each frame, one JSON line each")
    p.add_argument("--save-flagged", metavar="DIR", help="save the PNG of every flagged drawing there, to look at")
    args = p.parse_args(argv)
    words = load_words(args.words)
    by_text = {w.text: w for w in words}
    drawings: list[RawDrawing] = []
    if Path(args.strokes).is_file():
        drawings = [d for d in read_stroke_file(args.strokes)[0] if d.word in by_text]
    else:
        print(f"{args.strokes} not found: no false-alarm part, a house drawn beside the writing", file=sys.stderr)
    rng = random.Random(args.seed)
    recall_words = list(words[: args.limit] if args.limit else words)
    sample = list(drawings)
    if args.drawings and args.drawings < len(sample):
        sample = random.Random(args.seed).sample(sample, args.drawings)
    cases = written_cases(recall_words, drawings, rng) + drawing_cases(sample, by_text, args.frames)

    reader = load_reader()  # raises WritingCheckUnavailable, with the reason, if the OCR cannot load
    read_text(cases[0].png)  # warm up: the sessions are made on first use
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    ms: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    misses, alarms = [], []
    with contextlib.ExitStack() as files:
        saved = files.enter_context(open(args.save_reads, "w", encoding="utf-8")) if args.save_reads else None
        for case in cases:
            hit, texts, elapsed, used = check(case)
            if saved:
                saved.write(json.dumps({"kind": case.kind, "group": case.group, "word": case.word.text,
                                        "aliases": case.word.aliases, "shows": case.shows, "texts": texts,
                                        "hit": hit, "ms": round(elapsed, 2), "cpu_ms": round(used, 2)}) + "\n")
            row = hits[case.group]
            row[0] += hit is not None
            row[1] += 1
            ms[case.kind].append(elapsed)
            cpu[case.kind].append(used)
            if case.kind == "written" and hit is None:
                misses.append((case, texts))
            if case.kind == "drawing" and hit is not None:
                alarms.append((case, texts, hit))
                if args.save_flagged:
                    Path(args.save_flagged).mkdir(parents=True, exist_ok=True)
                    (Path(args.save_flagged) / f"{case.word.text}-{case.shows}.png").write_bytes(case.png)

    print(f"OCR: {reader.name}; {len(recall_words)} words x {len(STYLES)} styles x {len(LAYOUTS)} layouts, "
          f"seed {args.seed}; {len(sample)} of {len(drawings)} Quick, Draw! drawings ({args.frames} frames)\n")
    print("| frames | checked | flagged | rate | target |")
    print("|---|---|---|---|---|")
    written = [g for g in hits if g.split(",")[0] in STYLES]
    for group in written:
        n_hit, n = hits[group]
        print(f"| written: {group} | {n} | {n_hit} | {n_hit / n:.3f} | |")
    for style in STYLES:
        n_hit = sum(hits[g][0] for g in written if g.startswith(style + ","))
        n = sum(hits[g][1] for g in written if g.startswith(style + ","))
        if n:
            print(f"| written: {style}, all | {n} | {n_hit} | {n_hit / n:.3f} | |")
    n_hit, n = sum(hits[g][0] for g in written), sum(hits[g][1] for g in written)
    if n:
        print(f"| **written: all (recall)** | {n} | {n_hit} | **{n_hit / n:.3f}** | >= 0.90 |")
    for group in hits:
        if group not in written:
            n_hit, n = hits[group]
            print(f"| **{group} (false alarms)** | {n} | {n_hit} | **{n_hit / n:.4f}** | <= 0.01 |")
    print("\n| one check (read_text + spells_word), ms | frames | median | p95 | max | CPU median | CPU p95 |")
    print("|---|---|---|---|---|---|---|")
    rows = [(label, ms[kind], cpu[kind]) for kind, label in
            (("written", "written words"), ("drawing", f"Quick, Draw! ({args.frames} frames)")) if ms[kind]]
    rows.append(("**all** (target: median < 150)", ms["written"] + ms["drawing"], cpu["written"] + cpu["drawing"]))
    for label, v, c in rows:
        print(f"| {label} | {len(v)} | {statistics.median(v):.1f} | {percentile(v, 95):.1f} | {max(v):.1f} "
              f"| {statistics.median(c):.1f} | {percentile(c, 95):.1f} |")
    print("(wall time; CPU = this process's CPU time, which other load on the machine does not inflate)")
    if alarms:
        print(f"\nFalse alarms (first {min(args.examples, len(alarms))} of {len(alarms)}):")
        for case, texts, hit in alarms[: args.examples]:
            print(f"  {case.word.text!r} drawing {case.shows}: read {texts} -> {hit!r}")
    if misses:
        print(f"\nMissed written words (first {min(args.examples, len(misses))} of {len(misses)}):")
        for case, texts in misses[: args.examples]:
            print(f"  {case.group}: wrote {case.shows!r} ({case.word.text!r}): read {texts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
