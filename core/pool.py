"""The guesser pool: one asyncio loop on one daemon thread keeps every guesser guessing every game."""
from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Mapping, Protocol, Sequence

from core.guess_rows import ANSWER, REFUSED, guess_row, too_late
from core.guessers.base import Guesser, GuesserError, GuessResult, RateLimited
from core.images import BadImage, PngInfo, png_info
from core.judge import judge_guess, mentions, normalize
from core.recorder import Recorder
from core.schedule import GuessSchedule, Seen, after_guess, next_guess_at
from core.spend import SpendGuard
from core.throttle import FrameThrottle
from core.words import Word

if TYPE_CHECKING:
    from core.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_RATE_LIMIT_PAUSE = 5.0
KEEP_ENDED_SECONDS = 120.0
HOUSEKEEPING_INTERVAL = 5.0
BUDGET_RECHECK_SECONDS = 2.0
MAX_PAST_GUESSES = 30
RESUME_GRACE_S = 10.0  # a game this pool ended is not resumed from the store for this long (its rows may be queued)
MAX_GUESS_TEXT = 300


class GameNotRunning(Exception):
    """That game is not running in the pool."""


@dataclass(frozen=True)
class GuessView:
    """One guess as the UI shows it."""

    guesser: str
    text: str | None
    normalized: str
    correct: bool
    won: bool
    reason: str
    frame_seq: int
    created_at: float
    latency_ms: float
    error: str | None = None
    refused: bool = False
    stale: bool = False
    human: bool = False

    @classmethod
    def from_row(cls, row: dict) -> "GuessView":
        """A stored guess row as the UI shows it."""
        return cls(guesser=row["guesser"], text=row["text"], normalized=row["normalized"] or "",
                   correct=bool(row["correct"]), won=bool(row["won"]), reason=row["reason"] or "",
                   frame_seq=row["frame_seq"] or 0, created_at=row["created_at"], latency_ms=row["latency_ms"] or 0.0,
                   error=row["error"], refused=bool(row["refused"]), stale=bool(row["stale"]),
                   human=bool(row.get("human")))


@dataclass(frozen=True)
class GameSnapshot:
    """A copy of one game's live state, safe to read from any thread."""

    game_id: str
    word: str
    active: bool
    frames: int
    guesses: tuple[GuessView, ...]
    thinking: tuple[str, ...]
    winner: str | None
    notes: tuple[str, ...] = ()


@dataclass
class GuesserHealth:
    """Per-guesser state shared by all games: pauses, cool-downs and the last error."""

    paused_until: float = 0.0
    cooldown_until: float = 0.0
    consecutive_failures: int = 0
    calls: int = 0
    failures: int = 0
    last_error: str | None = None

    def blocked_until(self) -> float:
        """The monotonic time before which this guesser must not be called."""
        return max(self.paused_until, self.cooldown_until)


@dataclass(frozen=True)
class GuessTiming:
    """Monotonic timestamps of one call, for benchmarks."""

    game_id: str
    guesser: str
    frame_seq: int
    frame_submitted: float
    eligible: float
    started: float
    replied: float
    recorded: float


@dataclass
class PoolStats:
    """Counters over the pool's life."""

    frames_accepted: int = 0
    frames_unchanged: int = 0
    frames_dropped: int = 0
    calls: int = 0
    passes: int = 0
    errors: int = 0
    skipped_for_budget: int = 0


@dataclass(frozen=True)
class Resume:
    """Where a game taken over from another process stands: its newest frame, the guesses made so far,
    and each guesser's (calls made, newest frame it saw)."""

    seq: int = 0
    png: bytes | None = None
    past: tuple[str, ...] = ()
    history: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class _Frame:
    seq: int
    png: bytes
    digest: bytes
    submitted: float  # monotonic
    ink: int | None = None  # dark pixels, for the schedule's "changed enough" rule


@dataclass
class _Game:
    id: str
    word: Word
    vocabulary: tuple[str, ...]
    words: tuple[Word, ...] | None = None  # the game's word list, when it is not the guessers' own
    lang: str = "en"  # the game's language: the models answer in it, the judge reads their answers in it
    concept: Word | None = None  # the word in English when the game is in another language (never judged right)
    translations: Mapping[str, Word] | None = None  # each concept of the game's list in its language
    cap: int | None = None  # a paid guesser's cap for this game (a longer game's is higher), None: the schedule's
    active: bool = True
    newest: _Frame | None = None
    last_digest: bytes | None = None
    seq: int = 0
    guesses: list[GuessView] = field(default_factory=list)
    past: dict[str, str] = field(default_factory=dict)  # the newest MAX_PAST_GUESSES wrong guesses, by normalized text
    thinking: set[str] = field(default_factory=set)
    wakers: dict[str, asyncio.Event] = field(default_factory=dict)
    tasks: dict[str, asyncio.Task] = field(default_factory=dict)
    winner: str | None = None
    ended_at: float | None = None  # monotonic
    notes: list[str] = field(default_factory=list)
    idle_reported: bool = False
    throttle: FrameThrottle | None = None
    flush: asyncio.TimerHandle | None = None
    history: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class CallOutcome:
    """One guess call's result, or why there is none."""

    result: GuessResult | None
    error: str | None
    kind: str  # ok | timeout | rate_limited | error | bad_image | cancelled
    retry_after: float | None = None

    @property
    def error_text(self) -> str | None:
        """What the guess row records as its error: the failure, or the refusal."""
        if self.result is not None and self.result.refused:
            return f"refused: {self.result.refusal_reason or 'refusal'}"
        return self.error


async def call_guesser(gs: Guesser, png: bytes, past: Sequence[str], timeout: float, lang: str = "en") -> CallOutcome:
    """Call a guesser once within `timeout`, asking for an answer in `lang`; every failure becomes a CallOutcome,
    never an exception."""
    try:
        result = await asyncio.wait_for(gs.guess(png, past, lang=lang), timeout=timeout)
        return CallOutcome(result, None, "ok")
    except asyncio.TimeoutError:
        return CallOutcome(None, f"timeout after {timeout:g}s", "timeout")
    except RateLimited as exc:
        return CallOutcome(None, f"rate limited: {exc}", "rate_limited", exc.retry_after)
    except GuesserError as exc:
        return CallOutcome(None, f"{type(exc).__name__}: {exc}", "error")
    except BadImage as exc:
        return CallOutcome(None, f"bad image: {exc}", "bad_image")
    except Exception as exc:  # a guesser bug must not stop the others
        log.exception("guesser %s raised", gs.name)
        return CallOutcome(None, f"unexpected {type(exc).__name__}", "error")


@dataclass(frozen=True)
class PoolSettings:
    """The pool's knobs; the defaults guess every changed frame at once, as small tests want."""

    schedule: GuessSchedule = GuessSchedule.every_frame()  # when a guesser may guess (MIN_GUESS_INTERVAL is in it)
    timeout: float = 12.0  # one guess call
    frame_interval: float = 0.0  # at most one frame taken per this many seconds, the last one always
    retry_after_cap: float = 30.0  # the longest pause a provider's Retry-After can ask for
    failures_before_cooldown: int = 3
    cooldown_seconds: float = 60.0
    keep_ended_s: float = KEEP_ENDED_SECONDS  # an ended game's snapshot is kept this long
    housekeeping_s: float = HOUSEKEEPING_INTERVAL

    @classmethod
    def from_settings(cls, settings: Settings) -> "PoolSettings":
        """The pool's knobs as the app's settings give them."""
        return cls(schedule=settings.guess_schedule, timeout=settings.GUESS_TIMEOUT,
                   frame_interval=settings.FRAME_INTERVAL, retry_after_cap=settings.RETRY_AFTER_CAP,
                   failures_before_cooldown=settings.FAILURES_BEFORE_COOLDOWN,
                   cooldown_seconds=settings.COOLDOWN_SECONDS)


class FrameWatch(Protocol):
    """Reads each running game's frames beside the guessers (the written-word watch); both calls return at once."""

    def offer(self, game_id: str, seq: int, png: bytes, word: Word) -> None:
        """A game's new frame."""

    def finish(self, game_id: str, seq: int, png: bytes | None, word: Word) -> None:
        """A game's end, with its last frame."""


def _names_word(game: _Game, text: str) -> bool:
    """Whether a guess names the game's word in its language (a "cat or dog" must not tell the models to avoid
    "cat"), or its English concept in a game in another language."""
    if mentions(text, game.word.text, game.word.aliases, lang=game.lang):
        return True
    return game.concept is not None and mentions(text, game.concept.text, game.concept.aliases)


def _remember_past(game: _Game, text: str) -> None:
    """Add a wrong guess to the game's "already guessed" list (kept to the newest MAX_PAST_GUESSES, each once)."""
    key = normalize(text) if text else ""
    if not key or key in game.past or _names_word(game, text):
        return
    game.past[key] = text
    while len(game.past) > MAX_PAST_GUESSES:
        del game.past[next(iter(game.past))]


def _watched(game: _Game) -> Word:
    """What the written-word watch looks for: the word as the game's language writes it, and its English
    concept too (a German drawer writing DOG gives the word away as surely as HUND)."""
    if game.concept is None:
        return game.word
    extra = tuple(n for n in game.concept.names if n not in game.word.names)
    return Word(game.word.text, (*game.word.aliases, *extra), game.word.packs)


def _always(*_args) -> bool:
    return True


def _no_cost(*_args) -> float | None:
    return None


class GuesserPool:
    """Keeps every guesser guessing the newest frame of every running game, on one event loop.

    `referee(game_id, guesser, now)` says whether a right answer wins (the lobby's Referee); `spend` rests the
    paid guessers once the day's budget is spent; `watch` sees every frame; `on_game_idle` hears when an ended
    game's calls have all finished."""

    def __init__(
        self,
        guessers: Sequence[Guesser],
        recorder: Recorder,
        settings: PoolSettings = PoolSettings(),
        *,
        referee: Callable[[str, str, float], bool] = _always,
        cost: Callable[[str, int | None, int | None], float | None] = _no_cost,
        spend: SpendGuard | None = None,
        watch: FrameWatch | None = None,
        on_game_idle: Callable[[str], None] | None = None,
        on_timing: Callable[[GuessTiming], None] | None = None,
        wall_clock: Callable[[], float] = time.time,
    ):
        names = [g.name for g in guessers]
        if len(set(names)) != len(names):
            raise ValueError(f"guesser names must be unique: {names}")
        self.guessers = tuple(guessers)
        self.recorder = recorder
        self.settings = settings
        self.referee = referee
        self.cost = cost
        self.spend = spend
        self.watch = watch
        self.on_game_idle = on_game_idle
        self.on_timing = on_timing
        self.wall_clock = wall_clock
        self.stats = PoolStats()
        self.health = {g.name: GuesserHealth() for g in guessers}
        self._games: dict[str, _Game] = {}
        self.revision = 0  # raised whenever what `snapshot` shows of thinking and notes may have changed (core.push)
        self._running_ids: set[str] = set()
        self._ended_at: dict[str, float] = {}  # games this pool ended lately (monotonic): not resumed from the store
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run_loop, name="pictionary-pool", daemon=True)
        self._thread.start()
        self._ready.wait()

    # -- the thread boundary: everything here is safe to call from any thread ---------------

    def start_game(self, game_id: str, word: Word, vocabulary: Sequence[str] = (), resume: Resume | None = None,
                   words: Sequence[Word] | None = None, *, lang: str = "en", concept: Word | None = None,
                   translations: Mapping[str, Word] | None = None, length: float = 1.0) -> None:
        """Begin guessing for a game (or carry on with one another process ran: `resume`); returns at once.

        `words` is the game's word list when it is not the default one: a guesser that answers from a list
        (the offline model) answers from it, or sits the game out when it does not know the word. A game in
        another language than English gives its `lang`, its `word` in that language, the English `concept` (the
        written-word watch looks for both) and `translations` (each concept of its list in `lang`), so the
        offline model answers in the game's language too. `length`: the game's length in standard games (a longer
        game raises a paid guesser's cap in proportion)."""
        game = _Game(id=game_id, word=word, vocabulary=tuple(vocabulary), words=None if words is None else tuple(words),
                     lang=lang, concept=concept, translations=translations, cap=self.settings.schedule.cap_for(length),
                     throttle=FrameThrottle(interval=self.settings.frame_interval))
        if resume is not None:
            game.seq = resume.seq
            for text in resume.past:
                _remember_past(game, text)
            game.history = dict(resume.history)
            if resume.png:
                digest = hashlib.blake2b(resume.png, digest_size=16).digest()
                game.newest = _Frame(seq=resume.seq, png=resume.png, digest=digest, submitted=time.monotonic())
                game.last_digest = digest
        with self._lock:
            if game_id in self._running_ids:
                return
            ended = self._ended_at.get(game_id)
            if resume is not None and ended is not None and time.monotonic() - ended < RESUME_GRACE_S:
                return  # this pool ended it a moment ago: a sync that read it as running read it before the end
            self._running_ids.add(game_id)
            self._games[game_id] = game  # replaces an ended game kept for its snapshot
            self.revision += 1
        self._loop.call_soon_threadsafe(self._spawn_guessers, game)

    def submit_frame(self, game_id: str, png: bytes, ink: int | None = None) -> None:
        """Hand the newest canvas frame of a game (and its count of dark pixels, if known) to the guessers;
        O(1), returns at once. At most one frame per `frame_interval` is taken, and the last one always is."""
        info = png_info(png)  # a header check only: BadImage for non-PNG bytes, at the caller's edge
        if game_id not in self._running_ids:
            raise GameNotRunning(game_id)
        self._loop.call_soon_threadsafe(self._offer_frame, game_id, bytes(png), info, time.monotonic(), ink)

    def end_game(self, game_id: str) -> None:
        """Stop guessing for a game and cancel its calls in flight; returns at once."""
        with self._lock:
            self._running_ids.discard(game_id)
            now = time.monotonic()
            self._ended_at = {g: t for g, t in self._ended_at.items() if now - t < RESUME_GRACE_S}
            self._ended_at[game_id] = now
        self._loop.call_soon_threadsafe(self._end_local, game_id, None)

    def add_past(self, game_id: str, texts: Sequence[str]) -> None:
        """Guesses made outside the pool (people in the room) join the game's "already guessed" list, unless they
        name the word ("cat or dog" must not tell the models to avoid "cat")."""
        with self._lock:
            game = self._games.get(game_id)
            if game is None or not game.active:
                return
            for text in texts:
                _remember_past(game, text)

    def known_games(self) -> int:
        """How many games the pool still holds (running, or ended and kept for a while)."""
        with self._lock:
            return len(self._games)

    def is_running(self, game_id: str) -> bool:
        """True while the pool is guessing for this game."""
        return game_id in self._running_ids

    def running_ids(self) -> set[str]:
        """The games the pool is guessing for."""
        with self._lock:
            return set(self._running_ids)

    def snapshot(self, game_id: str) -> GameSnapshot | None:
        """A copy of a game's live state, or None if the pool does not know it."""
        with self._lock:
            g = self._games.get(game_id)
            if g is None:
                return None
            return GameSnapshot(
                game_id=g.id, word=g.word.text, active=g.active, frames=g.seq,
                guesses=tuple(g.guesses), thinking=tuple(sorted(g.thinking)), winner=g.winner,
                notes=tuple(g.notes),
            )

    def health_snapshot(self) -> dict[str, GuesserHealth]:
        """A copy of every guesser's health."""
        with self._lock:
            return {k: replace(v) for k, v in self.health.items()}

    def call(self, fn: Callable[[], object], timeout: float = 10.0) -> object:
        """Run `fn` on the pool's loop and wait for its result (for tests and shutdown)."""
        async def run():
            return fn()
        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(timeout)

    def wait_idle(self, game_id: str, timeout: float = 10.0) -> bool:
        """Wait until a game has ended and its guessers have stopped (tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = self.call(lambda: self._game_idle(game_id))
            if done:
                return True
            time.sleep(0.01)
        return False

    def close(self, timeout: float = 10.0) -> None:
        """End every game, close the guessers' clients, and stop the loop thread."""
        if not self._thread.is_alive():
            return
        fut = asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop)
        try:
            fut.result(timeout)
        except Exception:
            log.exception("pool shutdown did not finish cleanly")
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)

    # -- the loop thread ---------------------------------------------------------------------

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.call_soon(self._ready.set)
        self._housekeeping = self._loop.create_task(self._housekeep())
        try:
            self._loop.run_forever()
        finally:
            self._loop.close()

    async def _shutdown(self) -> None:
        for game_id in list(self._games):
            self._end_local(game_id, None)
        tasks = [t for g in self._games.values() for t in g.tasks.values() if not t.done()]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._housekeeping.cancel()
        for g in self.guessers:
            aclose = getattr(g, "aclose", None)
            if aclose is not None:
                try:
                    await aclose()
                except Exception:
                    log.exception("closing guesser %s failed", g.name)

    async def _housekeep(self) -> None:
        while True:
            await asyncio.sleep(self.settings.housekeeping_s)
            cutoff = time.monotonic() - self.settings.keep_ended_s
            with self._lock:
                for gid in [k for k, g in self._games.items()
                            if not g.active and g.ended_at is not None and g.ended_at < cutoff]:
                    del self._games[gid]
                    self.revision += 1

    def _game_idle(self, game_id: str) -> bool:
        g = self._games.get(game_id)
        return g is None or (not g.active and all(t.done() for t in g.tasks.values()))

    def _spawn_guessers(self, game: _Game) -> None:
        if not game.active:
            return
        for gs in self.guessers:
            if game.words is not None and hasattr(gs, "for_list"):
                gs = gs.for_list(game.words, game.concept or game.word)
                if gs is None:
                    continue  # it does not know this word: it sits the game out
            if game.translations is not None and hasattr(gs, "in_language"):
                gs = gs.in_language(game.translations)  # it answers the concept as the game's language names it
            game.wakers[gs.name] = asyncio.Event()
            task = self._loop.create_task(self._guess_loop(game, gs), name=f"guess:{game.id}:{gs.name}")
            task.add_done_callback(lambda _t, g=game: self._report_idle(g))
            game.tasks[gs.name] = task

    def _offer_frame(self, game_id: str, png: bytes, info: PngInfo, submitted: float, ink: int | None) -> None:
        game = self._games.get(game_id)
        if game is None or not game.active:
            self.stats.frames_dropped += 1
            return
        digest = hashlib.blake2b(png, digest_size=16).digest()
        if digest == game.last_digest:
            self.stats.frames_unchanged += 1
            game.throttle.offer(digest, None, submitted)  # drops a pending frame the drawing went back from
            return
        taken = game.throttle.offer(digest, (png, info, submitted, ink), submitted)
        if taken is not None:
            self._accept_frame(game, digest, *taken)
        else:
            self._schedule_flush(game)

    def _schedule_flush(self, game: _Game) -> None:
        """The trailing edge: the pending (newest) frame goes in once its interval is over."""
        if game.flush is None and game.throttle.pending is not None:
            delay = max(0.0, game.throttle.last_sent_at + game.throttle.interval - time.monotonic())
            game.flush = self._loop.call_later(delay + 0.001, self._flush_frame, game)

    def _flush_frame(self, game: _Game) -> None:
        game.flush = None
        if not game.active:
            return
        key = game.throttle.pending_key
        taken = game.throttle.due(time.monotonic())
        if taken is not None:
            self._accept_frame(game, key, *taken)
        else:
            self._schedule_flush(game)  # the timer fired a hair early: never leave the last frame behind

    def _accept_frame(self, game: _Game, digest: bytes, png: bytes, info: PngInfo, submitted: float,
                      ink: int | None) -> None:
        with self._lock:
            game.seq += 1
            game.last_digest = digest
            game.newest = _Frame(seq=game.seq, png=png, digest=digest, submitted=submitted, ink=ink)
        self.stats.frames_accepted += 1
        self.recorder.record("frames", {
            "game_id": game.id, "seq": game.seq, "created_at": self.wall_clock(),
            "width": info.width, "height": info.height, "png": png,
        })
        for ev in game.wakers.values():
            ev.set()
        if self.watch is not None:
            self._hook(self.watch.offer, game.id, game.seq, png, _watched(game))

    def _end_local(self, game_id: str, winner: str | None) -> None:
        game = self._games.get(game_id)
        if game is None or not game.active:
            return
        with self._lock:
            game.active = False
            game.winner = winner
            game.ended_at = time.monotonic()
            self._running_ids.discard(game_id)
        if game.flush is not None:
            game.flush.cancel()
            game.flush = None
        newest = game.newest
        if self.watch is not None:
            self._hook(self.watch.finish, game.id, newest.seq if newest else 0, newest.png if newest else None,
                       _watched(game))
        current = asyncio.current_task(self._loop) if self._loop.is_running() else None
        for task in game.tasks.values():
            if task is not current and not task.done():
                task.cancel()
        self._report_idle(game)

    def _hook(self, hook: Callable, *args: object) -> None:
        try:
            hook(*args)
        except Exception:
            log.exception("a frame hook failed for game %s", args[0])

    def _report_idle(self, game: _Game) -> None:
        """Once an ended game's calls have all finished (every row queued), tell the owner, once."""
        if game.active or game.idle_reported or not all(t.done() for t in game.tasks.values()):
            return
        game.idle_reported = True
        if self.on_game_idle is not None:
            try:
                self.on_game_idle(game.id)
            except Exception:
                log.exception("on_game_idle failed for game %s", game.id)

    async def _guess_loop(self, game: _Game, gs: Guesser) -> None:
        health = self.health[gs.name]
        waker = game.wakers[gs.name]
        calls, last_seq = game.history.get(gs.name, (0, 0))  # last_seq: the newest frame it guessed or passed over
        seen = Seen(calls=calls, last_at=-1e18 if calls else None)
        try:
            while game.active:
                frame = game.newest
                if frame is None or frame.seq == last_seq:
                    waker.clear()
                    await waker.wait()
                    continue
                if frame.ink == 0:  # cleared or undone to nothing: nothing to guess until the next stroke
                    last_seq = frame.seq
                    continue
                at = next_guess_at(self.settings.schedule, seen, frame.ink, free=not gs.paid, cap=game.cap)
                if at is None:  # not different enough from the last frame it saw, or its cap is reached
                    last_seq = frame.seq
                    continue
                now = time.monotonic()
                wait = max(at, health.blocked_until()) - now
                if wait > 0:
                    await asyncio.sleep(wait)
                    continue  # re-read the newest frame after the wait
                if gs.paid and self.spend is not None and not self.spend.allowed():
                    self.stats.skipped_for_budget += 1
                    self._note(game, "daily budget reached: paid guessers are resting")
                    await asyncio.sleep(BUDGET_RECHECK_SECONDS)
                    continue
                eligible = max(frame.submitted, at, health.blocked_until())
                last_seq = frame.seq
                seen = after_guess(seen, now, frame.ink)
                await self._guess_once(game, gs, frame, eligible)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("guess loop for %s in game %s failed", gs.name, game.id)

    async def _guess_once(self, game: _Game, gs: Guesser, frame: _Frame, eligible: float) -> None:
        health = self.health[gs.name]
        past = tuple(game.past.values())
        started = time.monotonic()
        requested_at = self.wall_clock()
        with self._lock:
            game.thinking.add(gs.name)
            self.revision += 1
        self.stats.calls += 1
        health.calls += 1
        try:
            outcome = await call_guesser(gs, frame.png, past, self.settings.timeout, game.lang)
        except asyncio.CancelledError:
            outcome = CallOutcome(None, "cancelled: the game ended", "cancelled")
            self._finish(game, gs, frame, outcome, eligible, started, requested_at)
            raise
        finally:
            with self._lock:
                game.thinking.discard(gs.name)
                self.revision += 1
        self._finish(game, gs, frame, outcome, eligible, started, requested_at)

    def _finish(self, game: _Game, gs: Guesser, frame: _Frame, outcome: CallOutcome,
                eligible: float, started: float, requested_at: float) -> None:
        replied = time.monotonic()
        latency = replied - started
        self._update_health(gs.name, outcome, replied)
        result = outcome.result
        if result is not None and result.passed:
            self.stats.passes += 1
            return
        late = latency > self.settings.timeout + 0.05  # a guesser that ignored its cancellation
        stale = outcome.kind == "cancelled" or late or not game.active
        text = (result.text or "")[:MAX_GUESS_TEXT] if result and result.text else None
        verdict = (judge_guess(text, game.word.text, game.word.aliases, game.vocabulary, lang=game.lang)
                   if text else None)
        correct = bool(verdict and verdict.correct)
        won = False
        reason = verdict.reason if verdict else (result.refusal_reason if result and result.refused else "")
        if correct and not stale:
            try:
                won = bool(self.referee(game.id, gs.name, self.wall_clock()))
            except Exception:
                log.exception("referee failed for game %s", game.id)
                won = False
            if not won:
                stale = True
                reason = too_late(reason)
        elif correct:
            reason = too_late(reason, past_time_limit=late)
        model = (result.model if result and result.model else gs.model)
        tokens_in = result.input_tokens if result else None
        tokens_out = result.output_tokens if result else None
        cost = self.cost(model, tokens_in, tokens_out) if result else None
        if cost and self.spend is not None:
            self.spend.add(cost)
        error = outcome.error_text
        if error:
            self.stats.errors += 1
        created_at = self.wall_clock()
        view = GuessView(
            guesser=gs.name, text=text, normalized=verdict.normalized if verdict else "",
            correct=correct, won=won, reason=reason, frame_seq=frame.seq, created_at=created_at,
            latency_ms=latency * 1000, error=error, refused=bool(result and result.refused), stale=stale,
        )
        with self._lock:
            game.guesses.append(view)
            _remember_past(game, text)
        on_recorded = None
        if self.on_timing is not None:
            timing_args = (game.id, gs.name, frame.seq, frame.submitted, eligible, started, replied)
            on_recorded = lambda: self.on_timing(GuessTiming(*timing_args, time.monotonic()))  # noqa: E731
        kind = REFUSED if view.refused else ANSWER if outcome.kind == "ok" else outcome.kind
        self.recorder.record("guesses", guess_row(
            game_id=game.id, frame_seq=frame.seq, guesser=gs.name, text=text, verdict=verdict, created_at=created_at,
            requested_at=requested_at, latency_ms=round(latency * 1000, 2), outcome=kind, won=won, stale=stale,
            reason=reason, error=error, model=model, input_tokens=tokens_in, output_tokens=tokens_out,
            cost_usd=cost), on_recorded=on_recorded)
        if won:
            self._end_local(game.id, gs.name)

    def _update_health(self, name: str, outcome: CallOutcome, now: float) -> None:
        h = self.health[name]
        with self._lock:
            if outcome.kind == "ok":
                h.consecutive_failures = 0
                return
            if outcome.kind in ("cancelled", "bad_image"):
                return  # not the provider's fault
            h.failures += 1
            h.consecutive_failures += 1
            h.last_error = outcome.error
            if outcome.kind == "rate_limited":
                pause = outcome.retry_after if outcome.retry_after is not None else DEFAULT_RATE_LIMIT_PAUSE
                cap = self.settings.retry_after_cap
                pause = min(max(0.0, pause), cap) if math.isfinite(pause) else cap
                h.paused_until = max(h.paused_until, now + pause)
            if h.consecutive_failures >= self.settings.failures_before_cooldown:
                h.cooldown_until = now + self.settings.cooldown_seconds
                h.consecutive_failures = 0
                log.warning("guesser %s failed %d times in a row; resting for %gs (%s)",
                            name, self.settings.failures_before_cooldown, self.settings.cooldown_seconds,
                            outcome.error)

    def _note(self, game: _Game, note: str) -> None:
        with self._lock:
            if note not in game.notes:
                game.notes.append(note)
                self.revision += 1
