"""The offline sketch guesser: a small CNN (ONNX, run by onnxruntime) that names a drawing."""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np
from PIL import Image

from core.guessers.base import GuessResult
from core.images import (
    CANVAS_SIZE,
    PEN_WIDTH,
    EmptyDrawing,
    Stroke,
    crop_to_ink,
    decode_png,
    fit_strokes,
    flatten,
    render_strokes,
)
from core.judge import normalize
from core.strokes import RawDrawing, StrokeFileError, read_stroke_file
from core.words import Word, load_words

REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = REPO_ROOT / "models" / "sketch_cnn.onnx"
WORDS_PATH = REPO_ROOT / "words.txt"
TRAIN_SCRIPT = REPO_ROOT / "scripts" / "train_sketch.py"

INPUT_SIZE = 48  # at 32 px small parts (candles, rings, ridges) blurred away; 48 px lifted held-out top-3 by about a point
PREPROCESS_VERSION = 2
CROP_MARGIN = 0.08
SUPERSAMPLE = 4  # thin and redraw the lines at 4x the net's input size, then box-downscale
LINE_LEVEL = 0.35  # a supersampled pixel is line when its ink is at least this share of the darkest
THICKEN = 5  # every line is redrawn this wide at the supersampled size: about 1.25 input pixels
DEFAULT_MIN_CONFIDENCE = 0.2
MODEL_ID = "sketch-cnn-v3"


class ModelMissing(Exception):
    """The sketch model files are missing or unreadable."""


class ModelMismatch(Exception):
    """The sketch model was trained with a different preprocessing than this code runs."""


def preprocess(frame: bytes | Image.Image, size: int = INPUT_SIZE) -> np.ndarray:
    """A canvas frame (PNG bytes or image) as the net's input: ink-cropped, size x size, ink=1 on 0.

    The lines are thinned to their centre and redrawn at one width, so a drawing looks the same to
    the net whatever its pen width or size on the canvas. Raises core.images.BadImage for a broken
    PNG and EmptyDrawing when nothing is drawn.
    """
    im = flatten(frame) if isinstance(frame, Image.Image) else decode_png(frame)
    im = crop_to_ink(im, margin=CROP_MARGIN, square=True)
    big = SUPERSAMPLE * size
    ink = 1.0 - np.asarray(im.resize((big, big), Image.BOX), dtype=np.float32) / 255.0
    darkest = float(ink.max())
    if darkest <= 0.0:
        raise EmptyDrawing("nothing drawn yet")
    mask = ink >= LINE_LEVEL * darkest
    line = skeleton(mask)
    if not line.any():  # thinning can erase a lone 2x2 dot: keep it as drawn
        line = mask
    x = thicken(line.astype(np.float32), THICKEN).reshape(size, SUPERSAMPLE, size, SUPERSAMPLE).mean(axis=(1, 3))
    # Scale so the fullest pixel is 1 (a lone dot fills less of one than a line does).
    return x / float(x.max())


def skeleton(mask: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of a boolean image: every line becomes one pixel wide, keeping its shape."""
    img = mask.copy()
    changed = True
    while changed:
        changed = False
        for step in (0, 1):
            p = np.pad(img, 1)
            # The 8 neighbours, clockwise from north: p2 p3 p4 p5 p6 p7 p8 p9.
            nb = (p[:-2, 1:-1], p[:-2, 2:], p[1:-1, 2:], p[2:, 2:], p[2:, 1:-1], p[2:, :-2], p[1:-1, :-2], p[:-2, :-2])
            count = sum(n.astype(np.uint8) for n in nb)
            crossings = sum((~nb[i] & nb[(i + 1) % 8]).astype(np.uint8) for i in range(8))
            n2, n4, n6, n8 = nb[0], nb[2], nb[4], nb[6]
            if step == 0:
                keep = (n2 & n4 & n6) | (n4 & n6 & n8)
            else:
                keep = (n2 & n4 & n8) | (n2 & n6 & n8)
            drop = img & (count >= 2) & (count <= 6) & (crossings == 1) & ~keep
            if drop.any():
                img &= ~drop
                changed = True
    return img


def thicken(ink: np.ndarray, k: int) -> np.ndarray:
    """Grey-scale dilation of ink (1 = ink) by a k x k square: each pixel takes the darkest in its window."""
    r = k // 2
    p = np.pad(ink, r)
    h, w = ink.shape
    rows = p[:, :w].copy()
    for i in range(1, k):
        np.maximum(rows, p[:, i : i + w], out=rows)
    out = rows[:h].copy()
    for i in range(1, k):
        np.maximum(out, rows[i : i + h], out=out)
    return out


def render_drawing(
    strokes: Sequence[Stroke],
    n_strokes: int | None = None,
    fill: float = 0.8,
    offset: tuple[float, float] = (0.0, 0.0),
    pen_width: float = PEN_WIDTH,
    size: int = CANVAS_SIZE,
) -> Image.Image:
    """The canvas after the first `n_strokes` strokes of a raw drawing, placed as a player fills it."""
    placed = fit_strokes(strokes, size=size, fill=fill, offset=offset)
    if n_strokes is not None:
        placed = placed[:n_strokes]
    return render_strokes(placed, size=size, pen_width=pen_width)


def half_strokes(strokes: Sequence[Stroke]) -> int:
    """How many strokes make 'the first half' of a drawing (at least one)."""
    return max(1, len(strokes) // 2)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class SketchModel:
    """The committed ONNX model and its metadata; the onnxruntime session is made once, on first use."""

    def __init__(self, model_path: str | Path = MODEL_PATH):
        self.path = Path(model_path)
        meta_path = self.path.with_suffix(".json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelMissing(f"{meta_path}: cannot read the sketch model metadata ({exc.__class__.__name__})") from exc
        if not self.path.is_file():
            raise ModelMissing(f"{self.path}: the sketch model file is missing")
        if meta.get("preprocess_version") != PREPROCESS_VERSION or meta.get("input_size") != INPUT_SIZE:
            raise ModelMismatch(
                f"{self.path}: trained for preprocessing v{meta.get('preprocess_version')} at "
                f"{meta.get('input_size')} px, this code runs v{PREPROCESS_VERSION} at {INPUT_SIZE} px"
            )
        self.meta = meta
        self.classes: tuple[str, ...] = tuple(meta["classes"])
        self._session = None
        self._lock = threading.Lock()

    @property
    def session(self):
        """The onnxruntime session (one intra-op thread: many games share one pool loop)."""
        if self._session is None:
            with self._lock:
                if self._session is None:
                    import onnxruntime as ort

                    opts = ort.SessionOptions()
                    opts.intra_op_num_threads = 1
                    opts.inter_op_num_threads = 1
                    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
                    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                    self._session = ort.InferenceSession(
                        str(self.path), sess_options=opts, providers=["CPUExecutionProvider"]
                    )
        return self._session

    def logits(self, batch: np.ndarray) -> np.ndarray:
        """Raw class scores for a batch of preprocessed inputs (N, size, size)."""
        x = np.asarray(batch, dtype=np.float32).reshape(-1, 1, INPUT_SIZE, INPUT_SIZE)
        sess = self.session
        return sess.run(None, {sess.get_inputs()[0].name: x})[0]

    def predict(self, frame: bytes | Image.Image) -> dict[str, float]:
        """Probability of each class for one frame (PNG bytes or image)."""
        probs = softmax(self.logits(preprocess(frame)[None]))[0]
        return dict(zip(self.classes, probs.tolist()))


@lru_cache(maxsize=4)
def known_words(model_path: str | Path = MODEL_PATH) -> frozenset[str]:
    """The words the sketch model was trained on (normalized), read from its metadata alone."""
    try:
        meta = json.loads(Path(model_path).with_suffix(".json").read_text(encoding="utf-8"))
        return frozenset(normalize(c) for c in meta["classes"])
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()


@lru_cache(maxsize=4)
def load_model(model_path: str | Path = MODEL_PATH) -> SketchModel:
    """The shared SketchModel for a model file (one session per process)."""
    return SketchModel(model_path)


class SketchGuesser:
    """The offline guesser: answers the likeliest word not yet guessed, or passes when unsure."""

    name = "Sketch CNN (offline)"
    model = MODEL_ID
    paid = False

    def __init__(
        self,
        words: Sequence[Word],
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        sketch_model: SketchModel | None = None,
    ):
        self.sketch = sketch_model or load_model()
        self.min_confidence = min_confidence
        self._lists: dict[tuple[str, ...], SketchGuesser] = {}
        by_name = {normalize(n): w for w in words for n in w.names}
        # Model classes that name a word of this game's list; the others can never be the answer.
        self._index: list[int] = []
        self._words: list[Word] = []
        for i, c in enumerate(self.sketch.classes):
            w = by_name.get(normalize(c))
            if w is not None and w not in self._words:
                self._index.append(i)
                self._words.append(w)

    @property
    def words(self) -> tuple[str, ...]:
        """The words this guesser can answer."""
        return tuple(w.text for w in self._words)

    def for_list(self, words: Sequence[Word], secret: Word) -> "SketchGuesser | None":
        """This guesser for a game of another word list (answers among its words), or None when the model
        does not know the secret word: it sits that game out."""
        known = {normalize(c) for c in self.sketch.classes}
        if not any(normalize(n) in known for n in secret.names):
            return None
        key = tuple(sorted(w.text for w in words if any(normalize(n) in known for n in w.names)))
        if key == tuple(sorted(w.text for w in self._words)) or not words:
            return self
        cached = self._lists.get(key)
        if cached is None:
            cached = SketchGuesser([w for w in words if w.text in set(key)], self.min_confidence, self.sketch)
            self._lists = {**dict(list(self._lists.items())[-7:]), key: cached}  # a few lists at most
        return cached

    def rank(self, frame: bytes | Image.Image, past_guesses: Sequence[str] = ()) -> list[tuple[str, float]]:
        """Answerable words not yet guessed, likeliest first, with probabilities renormalized over them."""
        x = preprocess(frame)
        logits = self.sketch.logits(x[None])[0]
        used = {normalize(g) for g in past_guesses}
        keep = [(i, w) for i, w in zip(self._index, self._words) if not any(normalize(n) in used for n in w.names)]
        if not keep:
            return []
        # The secret word is in the list and was not guessed yet, so only these words share the mass.
        probs = softmax(logits[[i for i, _ in keep]])
        order = np.argsort(-probs, kind="stable")
        return [(keep[j][1].text, float(probs[j])) for j in order]

    def guess_now(self, png: bytes, past_guesses: Sequence[str]) -> GuessResult:
        """The guess for one frame, computed on the calling thread."""
        try:
            ranked = self.rank(png, past_guesses)
        except EmptyDrawing:
            return GuessResult(text=None, input_tokens=0, output_tokens=0, model=self.model)
        if not ranked or ranked[0][1] < self.min_confidence:
            return GuessResult(text=None, input_tokens=0, output_tokens=0, model=self.model)
        return GuessResult(text=ranked[0][0], input_tokens=0, output_tokens=0, model=self.model)

    async def guess(self, png: bytes, past_guesses: Sequence[str], lang: str = "en") -> GuessResult:
        """Guess the word drawn in `png`, avoiding `past_guesses`; inference runs off the event loop. It answers
        the word as its list writes it: `in_language` makes one that answers in a game's language."""
        return await asyncio.to_thread(self.guess_now, png, list(past_guesses))

    def in_language(self, translations: Mapping[str, Word]) -> "TranslatedSketchGuesser":
        """This guesser for a game in another language: `translations` gives each concept of the game's list
        (its text as the model knows it) in that language."""
        return TranslatedSketchGuesser(self, translations)


class TranslatedSketchGuesser:
    """The offline guesser in a game played in another language: it ranks the concepts as ever, and answers
    the likeliest one as the game's language names it ("Hund" for "dog"); past guesses in that language count."""

    paid = False

    def __init__(self, inner: SketchGuesser, translations: Mapping[str, Word]):
        self.inner = inner
        self.name, self.model = inner.name, inner.model
        self.translations = dict(translations)
        self._concept_of = {normalize(n): concept for concept, w in self.translations.items() for n in w.names}

    def concepts(self, past_guesses: Sequence[str]) -> list[str]:
        """Past guesses as the model's concepts: a translated name counts as its concept, anything else as said."""
        return [self._concept_of.get(normalize(g), g) for g in past_guesses]

    def guess_now(self, png: bytes, past_guesses: Sequence[str]) -> GuessResult:
        """The guess for one frame in the game's language, computed on the calling thread."""
        result = self.inner.guess_now(png, self.concepts(past_guesses))
        if result.text is None:
            return result
        word = self.translations.get(result.text)
        return replace(result, text=word.text if word is not None else result.text)

    async def guess(self, png: bytes, past_guesses: Sequence[str], lang: str = "en") -> GuessResult:
        """Guess the word drawn in `png` in the game's language; inference runs off the event loop."""
        return await asyncio.to_thread(self.guess_now, png, list(past_guesses))


# --- evaluation -------------------------------------------------------------------------------


def read_drawings(path: str | Path, keys: set[str] | None = None) -> Iterator[RawDrawing]:
    """Drawings from a Quick, Draw! .ndjson(.gz) file, optionally only those whose key_id is in `keys`.

    Reads through core.strokes, so malformed lines are skipped and an unreadable file raises
    StrokeFileError.
    """
    drawings, _skipped = read_stroke_file(path)
    for d in drawings:
        if keys is None or d.key in keys:
            yield d


def topk_hits(logits: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Whether each row's label is among its k highest scores."""
    top = np.argsort(-logits, axis=1, kind="stable")[:, :k]
    return (top == labels[:, None]).any(axis=1)


def evaluate(model: SketchModel, drawings: Iterable[RawDrawing], words: Sequence[Word]) -> dict[str, float]:
    """Top-1/top-3 accuracy over `words` for complete drawings and their first half, rendered as the app does."""
    allowed = {normalize(w.text) for w in words}
    cols = [i for i, c in enumerate(model.classes) if normalize(c) in allowed]
    col_of = {normalize(model.classes[i]): j for j, i in enumerate(cols)}
    full, half, labels = [], [], []
    for d in drawings:
        j = col_of.get(normalize(d.word))
        if j is None:
            continue
        full.append(preprocess(render_drawing(d.strokes)))
        half.append(preprocess(render_drawing(d.strokes, n_strokes=half_strokes(d.strokes))))
        labels.append(j)
    if not labels:
        return {"drawings": 0}
    y = np.asarray(labels)
    out: dict[str, float] = {"drawings": len(labels)}
    for tag, xs in (("full", full), ("half", half)):
        logits = np.concatenate([model.logits(np.stack(xs[i : i + 256]))[:, cols] for i in range(0, len(xs), 256)])
        out[f"top1_{tag}"] = float(topk_hits(logits, y, 1).mean())
        out[f"top3_{tag}"] = float(topk_hits(logits, y, 3).mean())
    return out


def _read_keys(path: str | None) -> set[str] | None:
    if not path:
        return None
    return {line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()}


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m core.sketch evaluate|train ...`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["train"]:
        import runpy

        # Everything after "train" belongs to the training script (torch is needed from here on).
        sys.argv = [str(TRAIN_SCRIPT), *argv[1:]]
        runpy.run_path(str(TRAIN_SCRIPT), run_name="__main__")
        return 0
    parser = argparse.ArgumentParser(prog="python -m core.sketch", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="top-1/top-3 accuracy on raw drawings, complete and half drawn")
    ev.add_argument("--strokes", required=True, help="drawings in the strokes.ndjson.gz format")
    ev.add_argument("--words", default=str(WORDS_PATH), help="words file (default: the repo's words.txt)")
    ev.add_argument("--keys", default=None, help="optional file of key_ids (one a line) to evaluate only those")
    ev.add_argument("--model", default=str(MODEL_PATH))
    sub.add_parser("train", help="retrain the model (needs requirements-train.txt): scripts/train_sketch.py's options")
    ns = parser.parse_args(argv)
    try:
        result = evaluate(SketchModel(ns.model), read_drawings(ns.strokes, _read_keys(ns.keys)), load_words(ns.words))
    except StrokeFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for key, value in result.items():
        print(f"{key}={value}" if key == "drawings" else f"{key}={value:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
