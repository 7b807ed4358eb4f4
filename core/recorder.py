"""One writer thread that takes frame and guess rows off the callers' threads and stores them."""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from core.store import Store, StoreBusy, StoreConflict, StoreError

log = logging.getLogger(__name__)

MAX_BATCH = 200
_STOP: Any = object()
RETRY_DELAYS = (0.05, 0.2, 0.5, 1.0, 2.0)


@dataclass
class _Item:
    table: str
    row: dict[str, Any] | None
    on_recorded: Callable[[], None] | None = None
    written: bool = False
    job: Callable[[Store], None] | None = None


@dataclass
class RecorderStats:
    """Counts the UI and tests can read: rows written, batches, write failures, rows dropped."""

    written: int = 0
    batches: int = 0
    retries: int = 0
    dropped: int = 0
    last_error: str | None = None
    errors: list[str] = field(default_factory=list)


class Recorder:
    """A daemon thread writing queued rows in short batched transactions, retrying when locked."""

    def __init__(self, store: Store, retry_delays: tuple[float, ...] = RETRY_DELAYS):
        self.store = store
        self.retry_delays = tuple(retry_delays)
        self.stats = RecorderStats()
        self._queue: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self._pending = 0
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="pictionary-recorder", daemon=True)
        self._thread.start()

    def record(self, table: str, row: dict[str, Any], on_recorded: Callable[[], None] | None = None) -> None:
        """Queue one row for `frames` or `guesses`; returns at once."""
        if table not in ("frames", "guesses"):
            raise ValueError(f"the recorder does not write {table!r}")
        with self._cond:
            self._pending += 1
        self._queue.put(_Item(table, row, on_recorded))

    def run_job(self, job: Callable[[Store], None]) -> None:
        """Run `job(store)` on the writer thread after every row queued before it is written."""
        with self._cond:
            self._pending += 1
        self._queue.put(_Item("job", None, job=job))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued row is written (or dropped); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float = 10.0) -> None:
        """Write what is queued, then stop the thread."""
        self.flush(timeout)
        self._queue.put(_STOP)
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        """True while the writer thread runs."""
        return self._thread.is_alive()

    def _run(self) -> None:
        carried: _Item | None = None
        while True:
            item, carried = (carried, None) if carried is not None else (self._queue.get(), None)
            if item is _STOP:
                self.store.close()
                return
            if item.job is not None:
                self._run_job(item)
                continue
            batch = [item]
            while len(batch) < MAX_BATCH:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP or nxt.job is not None:
                    carried = nxt  # rows queued before it are written first
                    break
                batch.append(nxt)
            self._write(batch)

    def _run_job(self, item: _Item) -> None:
        try:
            item.job(self.store)
        except Exception:
            log.exception("a post-game job failed; the game's rows are kept")
            self._note_error("a post-game job failed")
        with self._cond:
            self._pending -= 1
            self._cond.notify_all()

    def _write(self, batch: list[_Item]) -> None:
        frames = [i.row for i in batch if i.table == "frames"]
        guesses = [i.row for i in batch if i.table == "guesses"]
        ok = False
        for attempt, delay in enumerate((0.0, *self.retry_delays)):
            if delay:
                time.sleep(delay)
            try:
                with self.store.transaction():
                    if frames:
                        self.store.insert_many("frames", frames)
                    if guesses:
                        self.store.insert_many("guesses", guesses)
                ok = True
                break
            except StoreConflict:
                # One bad row must not take its batch-mates down: write them one by one.
                self._write_one_by_one(batch)
                break
            except StoreBusy as exc:  # locked, busy, disk full, I/O error, a dropped connection
                self.stats.retries += 1
                self.stats.last_error = f"{type(exc).__name__}: {exc}"
                log.warning("database write failed (attempt %d, %d rows), retrying: %s",
                            attempt + 1, len(batch), exc)
            except Exception:
                log.exception("unexpected error writing %d rows", len(batch))
                self.stats.last_error = "unexpected error writing rows"
                break
        if ok:
            for item in batch:
                item.written = True
            self.stats.batches += 1
        elif len(batch) > 1 and not any(i.written for i in batch):
            # The batch as a whole would not go in (a full disk, a long lock): save what fits, row by row.
            self._note_error(f"gave up writing a batch of {len(batch)} rows: {self.stats.last_error}; "
                             "writing them one by one")
            self._write_one_by_one(batch)
        elif not any(i.written for i in batch):
            self.stats.dropped += len(batch)
            self._note_error(f"gave up writing {len(batch)} rows: {self.stats.last_error}")
        self._done(batch)

    def _write_one_by_one(self, batch: list[_Item]) -> None:
        for item in batch:
            try:
                with self.store.transaction():
                    self.store.insert(item.table, item.row)
                item.written = True
            except StoreError as exc:
                self.stats.dropped += 1
                self._note_error(f"dropped a {item.table} row: {exc}")

    def _note_error(self, message: str) -> None:
        log.error(message)
        self.stats.errors = (self.stats.errors + [message])[-20:]

    def _done(self, batch: list[_Item]) -> None:
        for item in batch:
            if not item.written:
                continue
            self.stats.written += 1
            if item.on_recorded is not None:
                try:
                    item.on_recorded()
                except Exception:
                    log.exception("on_recorded callback failed")
        with self._cond:
            self._pending -= len(batch)
            self._cond.notify_all()
