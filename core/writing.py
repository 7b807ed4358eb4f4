"""Spot the secret word written in letters on the canvas: OCR of a frame, and whether what it read spells the word."""
from __future__ import annotations

import logging
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

import numpy as np
from PIL import Image

from core.images import EmptyDrawing, crop_to_ink, decode_png
from core.judge import canonical, normalize
from core.profanity import blocked_terms, mask

log = logging.getLogger(__name__)

OCR_PACKAGE = "rapidocr"
DET_MODEL = "PP-OCRv6_det_small.onnx"  # both ship inside the rapidocr wheel (Apache-2.0, from PaddleOCR)
REC_MODEL = "PP-OCRv6_rec_small.onnx"
OCR_SIDE = 320  # the long side of the image the text detector sees
MAX_UPSCALE = 1.5  # small writing is enlarged at most this much (more only thickens the 6 px pen)
CROP_MARGIN = 0.06  # white kept around the ink, a share of its long side: the detector misses text touching an edge
MIN_TEXT_SCORE = 0.5  # the recognizer's own confidence below which a read is dropped

MIN_LETTERS = 3  # a read shorter than this never counts, not even as an exact match
MIN_FUZZY = 4  # a name needs this many letters before near-misses count, and so does the read
NEAR_SHARE = 0.6  # "most of it": letters in order shared with the name, over the longer of the two
MAX_JOINED = 3  # consecutive reads (lines, boxes) glued together when a name was written in parts


class WritingCheckUnavailable(Exception):
    """Written-word checks are off: the OCR engine could not load."""


@dataclass
class TextReader:
    """The process-wide OCR engine: what it is, and a lock so one frame is read at a time."""

    name: str
    engine: Any
    lock: threading.Lock

    def read(self, image: np.ndarray) -> list[str]:
        """The texts the engine reads in an RGB uint8 image, most confident boxes only."""
        with self.lock:
            out = self.engine(image, use_cls=False)
        txts, scores = getattr(out, "txts", None) or (), getattr(out, "scores", None) or ()
        return [t for t, s in zip(txts, scores) if s >= MIN_TEXT_SCORE and t.strip()]


_reader_lock = threading.Lock()
_reader: TextReader | None = None
_failure: str | None = None


def load_reader() -> TextReader:
    """The OCR engine, made once per process; raise WritingCheckUnavailable (with the reason) if it cannot load."""
    global _reader, _failure
    with _reader_lock:
        if _reader is not None:
            return _reader
        if _failure is not None:
            raise WritingCheckUnavailable(_failure)
        try:
            _reader = _make_reader()
        except Exception as exc:  # an import error, a missing shared library, a broken model file: all mean "off"
            _failure = f"{OCR_PACKAGE} could not load: {type(exc).__name__}: {exc}"
            raise WritingCheckUnavailable(_failure) from exc
        return _reader


def _make_reader() -> TextReader:
    from importlib.metadata import version
    from pathlib import Path

    import rapidocr
    from rapidocr import RapidOCR

    # Name the bundled model files: given no path, rapidocr fetches whatever its config names from a model hub.
    models = Path(rapidocr.__file__).parent / "models"
    det, rec = models / DET_MODEL, models / REC_MODEL
    for path in (det, rec):
        if not path.is_file():
            raise FileNotFoundError(f"{path.name} is not in the {OCR_PACKAGE} package")
    engine = RapidOCR(params={
        "Global.log_level": "error",  # it warns on every frame with no text in it
        "Global.text_score": MIN_TEXT_SCORE,
        "Global.use_cls": False,  # nobody writes upside down on a canvas: skip the rotation model
        "Global.max_side_len": 2 * OCR_SIDE,
        "Det.model_path": str(det),
        "Det.limit_type": "max",
        "Det.limit_side_len": OCR_SIDE,
        "Rec.model_path": str(rec),
        # One intra-op thread: the check runs on a worker thread beside the game, not on all cores.
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })
    blank = np.full((32, 96, 3), 255, np.uint8)
    engine(blank, use_cls=False)  # make the detector's session now, not on the first frame
    return TextReader(f"{OCR_PACKAGE} {version(OCR_PACKAGE)} ({DET_MODEL}, {REC_MODEL})", engine, threading.Lock())


def prepare_for_ocr(png: bytes) -> np.ndarray | None:
    """The frame as the OCR sees it: ink-cropped, long side OCR_SIDE, RGB; None for an empty canvas.

    Raises core.images.BadImage for bytes that are not a usable PNG.
    """
    im = decode_png(png)
    try:
        im = crop_to_ink(im, margin=CROP_MARGIN)
    except EmptyDrawing:
        return None
    w, h = im.size
    scale = min(OCR_SIDE / max(w, h), MAX_UPSCALE)
    if scale != 1.0:
        im = im.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.LANCZOS)
    return np.repeat(np.asarray(im, dtype=np.uint8)[:, :, None], 3, axis=2)


def read_text(png: bytes) -> list[str]:
    """The texts the OCR reads in a canvas PNG, one per line or box it found ([] for an empty canvas).

    Raises core.images.BadImage for broken bytes and WritingCheckUnavailable when the OCR cannot load;
    an error of the engine itself while reading (onnxruntime's) propagates as it is.
    """
    image = prepare_for_ocr(png)
    if image is None:
        return []
    return load_reader().read(image)


def _words(text: str) -> list[str]:
    """The runs of ASCII letters and digits in a text, lower case, accents dropped (no word is dropped)."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return "".join(c if c.isascii() and c.isalnum() else " " for c in text).split()


@lru_cache(maxsize=4096)
def _forms(phrase: str) -> frozenset[str]:
    """A phrase's letters without spaces: as written, as the judge reads it, and singular ("cats" as "cat")."""
    forms = ("".join(_words(phrase)), "".join(_words(normalize(phrase))), "".join(_words(canonical(phrase))))
    return frozenset(f for f in forms if len(f) >= MIN_LETTERS)


def _candidates(texts: Sequence[str]) -> list[tuple[str, str]]:
    """(letters, the text they came from) for every run of words within a read, and runs of whole reads."""
    out: list[tuple[str, str]] = []
    for text in texts:
        words = _words(text)
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                out.append((" ".join(words[i:j]), text))
    wordy = [t for t in texts if len("".join(_words(t))) >= MIN_LETTERS]
    for i in range(len(wordy)):
        for j in range(i + 2, min(len(wordy), i + MAX_JOINED) + 1):
            joined = " ".join(wordy[i:j])
            out.append((" ".join(_words(joined)), joined))
    return [(letters, src) for phrase, src in out for letters in _forms(phrase)]


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(a)):
        if a[i] != b[i]:
            return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]
    return True


def _common_subsequence(a: str, b: str) -> int:
    """The length of the longest common subsequence of a and b."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def near_match(read: str, name: str) -> bool:
    """Whether the letters `read` spell `name`'s letters: exactly, with one letter wrong, or most of them in order.

    Reads of fewer than MIN_LETTERS letters never count; names (and reads) of fewer than MIN_FUZZY
    letters count only exactly ("cot" is not "cat": short OCR noise is common). "Most of them" is
    measured against the longer of the two, so a long read cannot collect a name's letters here and there.
    """
    if len(read) < MIN_LETTERS:
        return False
    if read == name:
        return True
    if len(name) < MIN_FUZZY or len(read) < MIN_FUZZY:
        return False
    if _edit_distance_at_most_one(read, name):
        return True
    shared = _common_subsequence(read, name)
    return shared >= MIN_FUZZY and shared >= NEAR_SHARE * max(len(read), len(name))


def spells_word(texts: Sequence[str], word: str, aliases: Sequence[str] = ()) -> str | None:
    """The text read that spells `word` or one of its aliases (case, spaces, punctuation and plurals aside), else None.

    Every run of words within one read is tried, and runs of up to MAX_JOINED whole reads of at least
    MIN_LETTERS letters (a name written on two lines); for those, the reads joined by a space are returned.
    """
    names = [f for name in (word, *aliases) for f in _forms(name)]
    for letters, source in _candidates(texts):
        if any(near_match(letters, name) for name in names):
            return source
    return None


NOTE = "Draw, don't write: we can read the word in your drawing. Erase it (Undo or Clear) and draw it instead."
CHECK_INTERVAL = 1.0


@dataclass
class _Watched:
    word: Any  # core.words.Word
    pending: tuple[int, bytes] | None = None
    last_check: float = -1e18
    final: bool = False
    rude: bool = False  # a frame spelled a blocked word: the game is hidden for review already


class WrittenWordWatch:
    """One daemon thread that reads the newest frame of each running game for its word written in letters:
    at most one check per game per `interval`, off the pool's loop and off every page, and always the last
    frame when the game ends. A match flags the game in the database; a frame the OCR fails on leaves it
    unflagged, and the game goes on either way. What it reads is also put to the profanity filter at
    `level`: a drawing that spells a blocked word is hidden from every public view for an admin to review."""

    def __init__(self, store: Any, interval: float = CHECK_INTERVAL, read: Any = read_text,
                 clock: Any = time.monotonic, enabled: bool = True, level: str = "moderate"):
        self.store = store
        self.level = level
        self.hidden = 0
        self.interval = interval
        self.read = read
        self.clock = clock
        self.enabled = enabled
        self.status = "on" if enabled else "off: WRITTEN_WORD_CHECK is false"
        self.checks = 0
        self._busy = 0  # checks taken from `_games` and not yet recorded (wait_idle waits for them too)
        self.flags = 0
        self.failures = 0
        self._games: dict[str, _Watched] = {}
        self._cond = threading.Condition()
        self._stop = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread (and load the OCR) before the first frame comes."""
        if self.enabled:
            self._ensure_thread()

    def _watched(self, game_id: str, word: Any) -> "_Watched":
        """The game's watch state, made on its first frame (call with the condition held)."""
        w = self._games.get(game_id)
        if w is None:
            w = self._games[game_id] = _Watched(word)
        return w

    def offer(self, game_id: str, seq: int, png: bytes, word: Any) -> None:
        """A new frame of a running game (the pool calls this on its loop: O(1), never waits)."""
        if not self.enabled:
            return
        with self._cond:
            w = self._watched(game_id, word)
            w.pending = (seq, png)
            self._cond.notify()
        self._ensure_thread()

    def finish(self, game_id: str, seq: int, png: bytes | None, word: Any) -> None:
        """The game ended: check its last frame now, whatever the interval, then forget it."""
        if not self.enabled:
            return
        with self._cond:
            w = self._watched(game_id, word)
            if png is not None and (w.pending is None or w.pending[0] <= seq):
                w.pending = (seq, png)
            w.final = True
            self._cond.notify()
        self._ensure_thread()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the thread (the checks in hand are finished first)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until every offered frame has been checked and its verdict recorded (tests and benchmarks)."""
        deadline = self.clock() + timeout
        with self._cond:
            while self._busy or any(w.pending is not None or w.final for w in self._games.values()):
                left = deadline - self.clock()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def _ensure_thread(self) -> None:
        if self._thread is None:
            with self._cond:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="pictionary-writing", daemon=True)
                    self._thread.start()

    def _next(self) -> tuple[str, _Watched, int, bytes, bool] | None:
        """The next frame due for a check (called with the lock held), or None; waits a little otherwise."""
        now = self.clock()
        soonest = None
        for game_id, w in self._games.items():
            if w.pending is None:
                if w.final:
                    del self._games[game_id]
                    return self._next()
                continue
            due = now if w.final else w.last_check + self.interval
            if due <= now:
                seq, png = w.pending
                w.pending = None
                w.last_check = now
                self._busy += 1
                return game_id, w, seq, png, w.final
            soonest = due if soonest is None else min(soonest, due)
        self._cond.wait(None if soonest is None else max(0.01, soonest - now))
        return None

    def _run(self) -> None:
        if self.read is read_text:  # load the OCR now, not when the first game's last frame needs it
            try:
                load_reader()
            except WritingCheckUnavailable as exc:
                self.enabled = False
                self.status = f"off: {exc}"
                log.warning("written-word checks are off: %s", exc)
        while True:
            with self._cond:
                if self._stop:
                    return
                job = self._next()
            if job is None:
                continue
            game_id, w, seq, png, final = job
            try:
                self._check(game_id, w, seq, png, final)
            finally:
                with self._cond:
                    self._busy -= 1
            with self._cond:
                if final and self._games.get(game_id) is w and w.pending is None:
                    del self._games[game_id]
                self._cond.notify_all()

    def _check(self, game_id: str, w: _Watched, seq: int, png: bytes, final: bool) -> None:
        word = w.word
        try:
            texts = self.read(png)
        except WritingCheckUnavailable as exc:
            self.enabled = False
            self.status = f"off: {exc}"
            log.warning("written-word checks are off: %s", exc)
            return
        except Exception:
            self.failures += 1
            log.exception("could not read frame %d of game %s; the game is left unflagged", seq, game_id)
            return
        self.checks += 1
        if self.status == "on":
            self.status = f"on: {load_reader().name}" if self.read is read_text else "on"
        found = spells_word(texts, word.text, word.aliases)
        rude = sorted({t for text in texts for t in blocked_terms(text, self.level)}) if not w.rude else []
        try:
            if rude and self.store.hide_for_review(
                    game_id, f"the drawing spells a blocked word (frame {seq}): " + mask(" ".join(texts), self.level)):
                w.rude = True
                self.hidden += 1
                log.info("game %s: frame %d spells a blocked word; hidden for review", game_id, seq)
            if found and self.store.flag_written(game_id, found, seq):
                self.flags += 1
                log.info("game %s: the word %r is written in frame %d (read %r)", game_id, word.text, seq, found)
            if final:
                self.store.mark_written_win(game_id)
        except Exception:
            log.exception("could not record the written-word check of game %s", game_id)
