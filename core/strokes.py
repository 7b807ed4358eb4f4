"""Raw drawings in the Quick, Draw! stroke format: reading them safely, and rendering them as the app does."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from core.images import CANVAS_SIZE, PEN_WIDTH, encode_png, fit_strokes, render_strokes
from core.uploads import Limits, UploadRefused, bounded_lines

MAX_STROKES = 200
MAX_POINTS = 5000
MAX_LINE = 1024 * 1024
# A stroke file unpacks to at most 32 MB and 20,000 lines: Quick, Draw!'s own sample here is 22 MB
# and 6,374 lines; an upload past that is refused while it is read, never decompressed whole.
STROKE_LIMITS = Limits(max_bytes=32 * 1024 * 1024, max_lines=20_000, max_line=MAX_LINE)


class StrokeFileError(Exception):
    """That file is not a stroke file we can read."""


@dataclass(frozen=True)
class RawDrawing:
    """One drawing: its word, a key, its strokes ([[xs], [ys], ([ts])] each), and whether Quick, Draw! recognized it."""

    word: str
    key: str
    strokes: tuple
    recognized: bool = True


def _valid_strokes(drawing: object) -> tuple | None:
    if not isinstance(drawing, list) or not 0 < len(drawing) <= MAX_STROKES:
        return None
    out, points = [], 0
    for s in drawing:
        if not isinstance(s, list) or len(s) < 2:
            return None
        xs, ys = s[0], s[1]
        if not (isinstance(xs, list) and isinstance(ys, list) and len(xs) == len(ys) and xs):
            return None
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (*xs, *ys)):
            return None
        points += len(xs)
        ts = s[2] if len(s) > 2 and isinstance(s[2], list) and len(s[2]) == len(xs) else []
        out.append((tuple(xs), tuple(ys), tuple(ts)))
    return tuple(out) if points <= MAX_POINTS * 10 else None


def _drawing(line: str, number: int) -> RawDrawing:
    o = json.loads(line)
    word = o.get("word") if isinstance(o, dict) else None
    strokes = _valid_strokes(o.get("drawing")) if isinstance(o, dict) else None
    if not isinstance(word, str) or not word.strip() or strokes is None:
        raise ValueError("not a drawing")
    recognized = o.get("recognized") is not False  # absent (our own files) counts as recognized
    return RawDrawing(word.strip(), str(o.get("key_id") or f"line{number}"), strokes, recognized)


def parse_strokes(lines: Iterable[str]) -> tuple[list[RawDrawing], int]:
    """The valid drawings among ndjson lines, and how many lines were skipped as malformed."""
    drawings, skipped = [], 0
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            if len(line) > MAX_LINE:
                raise ValueError("line too long")
            drawings.append(_drawing(line, n))
        except (ValueError, AttributeError, RecursionError):
            skipped += 1
    return drawings, skipped


def read_stroke_file(source: str | Path | bytes, limits: Limits = STROKE_LIMITS,
                     keep: Callable[[RawDrawing], bool] | None = None,
                     max_drawings: int | None = None) -> tuple[list[RawDrawing], int]:
    """Drawings from a .ndjson or .ndjson.gz file (a path, or its bytes as uploaded), read as a capped stream.

    `keep` picks the drawings wanted (others are passed over, not skipped as malformed), and reading stops
    once `max_drawings` are kept, so an upload costs what the caller uses, not what the file holds.
    """
    drawings, skipped = [], 0
    try:
        for line in bounded_lines(source, limits):
            if line.text is None:
                skipped += 1
                continue
            if not line.text.strip():
                continue
            try:
                d = _drawing(line.text, line.number)
            except (ValueError, AttributeError, RecursionError):
                skipped += 1
                continue
            if keep is None or keep(d):
                drawings.append(d)
                if max_drawings is not None and len(drawings) >= max_drawings:
                    break
    except UploadRefused as exc:
        raise StrokeFileError(str(exc)) from exc
    if not drawings:
        raise StrokeFileError("no drawing in the file has the Quick, Draw! format"
                              + (" and a word of the word list" if keep is not None else ""))
    return drawings, skipped


def stroke_frames(strokes: Sequence, max_frames: int = 12, size: int = CANVAS_SIZE,
                  pen_width: float = PEN_WIDTH) -> list[tuple[float, bytes]]:
    """(fraction of strokes shown, canvas PNG) after each stroke, at most `max_frames`, always the last."""
    placed = fit_strokes(strokes, size=size, fill=0.8)
    n = len(placed)
    picks = sorted({round(i * n / max_frames) for i in range(1, max_frames + 1)} | {n}) if n > max_frames \
        else list(range(1, n + 1))
    return [(k / n, encode_png(render_strokes(placed[:k], size=size, pen_width=pen_width))) for k in picks if k]
