"""The garbage collector tuned for a process that holds hundreds of sessions (GC_TUNING).

A full collection walks every tracked object, so with hundreds of sessions it stopped the process for 140-185 ms
about every second. GC_TUNING=on bounds it: what start-up loaded (Streamlit, the SDKs, the models) is frozen out
of every later collection; a young collection runs after 10,000 new objects instead of 700 and what survives it
is frozen too, so no collection walks more than the objects made since the last one. Cycles that became garbage
after being frozen (a closed session's) wait for the thaw: a daemon thread puts everything back, runs one full
collection and freezes the survivors again, every THAW_SECONDS or sooner when the heap grew by half, but only
once the process is quiet (at most QUIET_CORES of CPU over the last check: little being served, so few requests
waiting behind the pause; young collections are no sign of it, as a room's requests free almost all they make);
a busy process puts its thaw off until the heap has doubled and grown by four million objects (one long pause
in minutes instead of one a second, none while a room is busy unless memory would grow past about twice the live
heap).

The heap is measured as the small objects alive (`sys.getallocatedblocks()`, a counter Python keeps: no walk).
What reference counting frees (nearly all a request makes, frozen or not) leaves it; garbage cycles frozen out of
collections stay in it until a thaw. Counting what each collection froze instead overshot ever more: a room's
requests alive at a young collection are frozen, then freed by reference counting, and that count never fell, so
a busy room reached the "doubled" bound within a minute and thawed for 300 ms among its guesses (bench/sessions.py).
`startup` only freezes start-up objects (the behaviour before GC_TUNING); `off` leaves Python's collector as it is.
"""
from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)

MODES = ("on", "startup", "off")
THRESHOLDS = (10_000, 10, 10)  # a young collection after 10,000 new objects (Python: 700)
THAW_SECONDS = 600.0  # at least this often one full collection walks (and frees) what was frozen...
THAW_GROWTH = 0.5  # ...or sooner, once the heap grew by half (closed sessions' garbage among them)...
THAW_MIN_SECONDS = 30.0  # ...but not twice within this
THAW_FORCE_GROWTH = 1.0  # a busy process thaws anyway once the heap doubled (the memory bound)...
THAW_FORCE_MIN = 4_000_000  # ...and grew by at least this many small objects (about 250 MB, at ~60 bytes each): 500
#                             phones guessing hold 1.1 million live (bench/sessions.py), twice a fresh process's heap;
#                             thawing for them freed 1,593 objects in 224 ms, among the guesses
QUIET_CORES = 0.25  # quiet: the process used at most this share of a core since the last check
THAW_CHECK_SECONDS = 5.0


class BadTuning(ValueError):
    """GC_TUNING must be on, startup or off."""


@dataclass(frozen=True)
class Tuning:
    """What to do to the collector: freeze start-up objects, set thresholds, freeze what survives each collection."""

    mode: str
    freeze: bool
    thresholds: tuple[int, int, int] | None
    refreeze: bool


def parse_gc_tuning(text: str) -> Tuning:
    """The tuning a GC_TUNING value names (BadTuning else)."""
    mode = str(text).strip().lower()
    if mode == "on":
        return Tuning(mode, True, THRESHOLDS, True)
    if mode == "startup":
        return Tuning(mode, True, None, False)
    if mode == "off":
        return Tuning(mode, False, None, False)
    raise BadTuning(BadTuning.__doc__)


def heap_size() -> int:
    """The small objects alive in this process: a counter Python keeps, read without walking anything."""
    return sys.getallocatedblocks()


def thaw_due(since_s: float, heap: int, base: int, cores: float, thaw_s: float = THAW_SECONDS) -> bool:
    """Whether to thaw now: `since_s` after the last thaw, `heap` objects against `base` then, and how busy the
    process is (`cores`: its CPU over the last check): due and quiet, or the heap grown past the memory bound."""
    if since_s < THAW_MIN_SECONDS:
        return False
    if heap - base > max(base * THAW_FORCE_GROWTH, THAW_FORCE_MIN):
        return True
    due = since_s >= thaw_s or heap > base * (1 + THAW_GROWTH)
    return due and cores <= QUIET_CORES


class _Refreezer:
    """A gc callback that freezes what survives each collection, and a daemon thread that thaws it all for one
    full collection (freeing what closed sessions left), then freezes again when `thaw_due` says so."""

    def __init__(self, thaw_s: float):
        self.thaw_s = thaw_s
        self.thaws = 0
        self.collections = 0
        self.base = heap_size()  # the heap the growth rules measure from: after start-up, then after each thaw
        self.last = time.monotonic()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._thaw_loop, name="pictionary-gc-thaw", daemon=True)
        self.thread.start()

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "stop":
            self.collections += 1
            gc.freeze()  # its survivors

    def _thaw_loop(self) -> None:
        # Not gc.get_freeze_count(): it walks every frozen object holding the GIL (tens of ms at a room's heap).
        cpu, cpu_at = time.process_time(), time.monotonic()
        while not self.stop.wait(THAW_CHECK_SECONDS):
            now, spent = time.monotonic(), time.process_time()
            cores = (spent - cpu) / max(now - cpu_at, 1e-3)
            cpu, cpu_at = spent, now
            heap, base = heap_size(), self.base
            if not thaw_due(now - self.last, heap, base, cores, self.thaw_s):
                continue
            t0 = time.perf_counter()
            gc.unfreeze()
            freed = gc.collect()
            gc.freeze()
            self.base, self.last = heap_size(), time.monotonic()
            self.thaws += 1
            log.warning("garbage collector thawed (%s): %d objects freed in %.0f ms, heap now %d",
                        f"{cores:.2f} cores, heap {heap:,} against {base:,}", freed,
                        1000 * (time.perf_counter() - t0), self.base)


def started() -> None:
    """Start-up is over (the engine is built, its objects frozen): what the heap holds now is the thaw's base, so the
    SDKs and models loaded after GC_TUNING was applied do not count as growth (that once thawed a fresh process for
    250 ms just as the first room arrived)."""
    refreezer = _refreezer
    if refreezer is not None:
        refreezer.base, refreezer.last = heap_size(), time.monotonic()


_lock = threading.Lock()
_refreezer: _Refreezer | None = None


def tune_collector(tuning: Tuning, thaw_s: float = THAW_SECONDS) -> str:
    """Apply `tuning` to this process's collector (once is enough; again replaces it) and say what was done."""
    global _refreezer
    with _lock:
        if _refreezer is not None:
            _refreezer.stop.set()
            if _refreezer in gc.callbacks:
                gc.callbacks.remove(_refreezer)
            _refreezer = None
        if tuning.mode == "off":
            return "GC_TUNING=off: the garbage collector as Python sets it " + str(gc.get_threshold())
        done = []
        if tuning.freeze:
            gc.freeze()
            done.append(f"{gc.get_freeze_count():,} start-up objects frozen out of collections")
        if tuning.thresholds is not None:
            gc.set_threshold(*tuning.thresholds)
            done.append(f"thresholds {gc.get_threshold()}")
        if tuning.refreeze:
            _refreezer = _Refreezer(thaw_s)
            gc.callbacks.append(_refreezer)
            done.append(f"what survives each collection frozen too, thawed for a full collection every {thaw_s:g} s "
                        f"or when it grew by {THAW_GROWTH:.0%}, once quiet (or it doubled)")
        return f"GC_TUNING={tuning.mode}: " + "; ".join(done)
