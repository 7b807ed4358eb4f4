"""The lobby: who plays now, who waits in the queue, and when each game starts and ends."""
from __future__ import annotations

import heapq
import logging
import random
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

from core.moderation import PlayerResting, resting_until
from core.pool import GuesserPool
from core.store import Store
from core.words import NoWordsLeft, Word, fresh_words, pick_word

log = logging.getLogger(__name__)

PLAYER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
GAME_ID = re.compile(r"^[0-9a-f]{12}$")
LAST_SEEN_WRITE_EVERY = 15.0


class BadPlayerId(Exception):
    """That player id is not one we hand out."""


class GameNotFound(Exception):
    """No game with that id."""


class TooManySeats(Exception):
    """Several games are already queued or running from your network, so this one has to wait until one ends."""


def check_player_id(player_id: object) -> str:
    """Return the player id if it has our format, else raise BadPlayerId."""
    if not isinstance(player_id, str) or not PLAYER_ID.match(player_id):
        raise BadPlayerId()
    return player_id


def check_game_id(game_id: object) -> str:
    """Return the game id if it has our format, else raise GameNotFound."""
    if not isinstance(game_id, str) or not GAME_ID.match(game_id):
        raise GameNotFound()
    return game_id


def new_game_id(rng: random.Random) -> str:
    """A fresh 12-hex-digit game id."""
    return f"{rng.getrandbits(48):012x}"


def estimate_waits(remaining: Sequence[float], slots: int, game_seconds: float, count: int) -> list[float]:
    """Seconds until each of the first `count` queued players gets a game, if every game runs its full time."""
    free = [max(0.0, r) for r in sorted(remaining)][:slots]
    free += [0.0] * (slots - len(free))
    heapq.heapify(free)
    waits = []
    for _ in range(count):
        t = heapq.heappop(free)
        waits.append(t)
        heapq.heappush(free, t + game_seconds)
    return waits


@dataclass(frozen=True)
class Seat:
    """Where a player stands: playing a game, queued, or neither."""

    state: str  # "playing" | "queued" | "none"
    game_id: str | None = None
    word: str | None = None
    started_at: float | None = None
    deadline: float | None = None
    position: int | None = None  # 1-based
    queue_length: int = 0
    wait_s: float | None = None
    notice: str | None = None


@dataclass
class _Running:
    game_id: str
    player_id: str
    word: Word
    started_at: float
    deadline: float
    last_seen: float
    origin: str | None = None


@dataclass
class _Queued:
    player_id: str
    joined_at: float
    last_seen: float
    origin: str | None = None


class Lobby:
    """Admits players to at most `max_games` games at once, in FIFO order; safe from many threads."""

    def __init__(
        self,
        store: Store,
        pool: GuesserPool,
        words: Sequence[Word],
        *,
        max_games: int = 2,
        game_seconds: float = 45.0,
        idle_seconds: float = 60.0,
        rng: random.Random | None = None,
        now: float | None = None,
        strikes: int = 3,
        strike_window_s: float = 86400.0,
        rest_s: float = 3600.0,
        retention_s: float = 0.0,
        seats_per_origin: int = 0,
    ):
        self.store = store
        self.pool = pool
        self.words = tuple(words)
        self.vocabulary = tuple(n for w in self.words for n in w.names)
        self.max_games = max_games
        self.game_seconds = game_seconds
        self.idle_seconds = idle_seconds
        self.rng = rng or random.SystemRandom()
        self.strikes = strikes
        self.strike_window_s = strike_window_s
        self.rest_s = rest_s
        self.retention_s = retention_s
        self.seats_per_origin = seats_per_origin
        self._last_prune = -1e18
        self._lock = threading.RLock()
        self._running: dict[str, _Running] = {}
        self._by_player: dict[str, str] = {}
        self._queue: OrderedDict[str, _Queued] = OrderedDict()
        self._notices: dict[str, str] = {}
        self._last_seen_written: dict[str, float] = {}
        self._reaper: threading.Thread | None = None
        self._stop = threading.Event()
        closed = store.close_abandoned_games(time.time() if now is None else now)
        if closed:
            log.warning("closed %d game(s) left active by an earlier process as abandoned", closed)

    # -- players ----------------------------------------------------------------------------

    def join(self, player_id: str, now: float, origin: str | None = None) -> Seat:
        """Ask to play: start a game at once if a slot is free, else join the queue.

        `origin` names where the request came from (a pseudonym of the client's address): at most
        `seats_per_origin` seats, queued or playing, per origin at once (TooManySeats beyond).
        """
        check_player_id(player_id)
        with self._lock:
            self._notices.pop(player_id, None)
            self.store.touch_player(player_id, now)
            self._last_seen_written[player_id] = now
            if player_id in self._by_player or player_id in self._queue:
                return self._seat(player_id, now)
            until = resting_until(self.store.flagged_times(player_id, now - self.strike_window_s), now,
                                  self.strikes, self.strike_window_s, self.rest_s)
            if until is not None:
                raise PlayerResting(until)
            self._check_words_left(player_id)
            if origin is not None and self.seats_per_origin > 0:
                held = sum(1 for x in (*self._running.values(), *self._queue.values()) if x.origin == origin)
                if held >= self.seats_per_origin:
                    raise TooManySeats()
            if len(self._running) < self.max_games and not self._queue:
                self._start(player_id, now, origin)
            else:
                self._queue[player_id] = _Queued(player_id, now, now, origin)
            return self._seat(player_id, now)

    def heartbeat(self, player_id: str, now: float) -> Seat:
        """Say the player is still here; returns where they stand."""
        check_player_id(player_id)
        with self._lock:
            game_id = self._by_player.get(player_id)
            if game_id is not None:
                self._running[game_id].last_seen = now
            elif player_id in self._queue:
                self._queue[player_id].last_seen = now
            if now - self._last_seen_written.get(player_id, -1e18) >= LAST_SEEN_WRITE_EVERY:
                self.store.touch_player(player_id, now)
                self._last_seen_written[player_id] = now
            return self._seat(player_id, now)

    def seat(self, player_id: str, now: float) -> Seat:
        """Where the player stands, without counting as a heartbeat."""
        check_player_id(player_id)
        with self._lock:
            return self._seat(player_id, now)

    def leave_queue(self, player_id: str, now: float) -> None:
        """Take the player out of the queue (no-op if not queued)."""
        with self._lock:
            self._queue.pop(player_id, None)

    def quit(self, player_id: str, now: float) -> str | None:
        """End the player's running game as 'quit'; returns its id, or None if they had none."""
        with self._lock:
            game_id = self._by_player.get(player_id)
            if game_id is not None:
                self._end(game_id, "quit", now)
            self._queue.pop(player_id, None)
            return game_id

    # -- games ------------------------------------------------------------------------------

    def claim_win(self, game_id: str, guesser: str, now: float) -> bool:
        """The pool's referee: end the game as won if it is still running and in time."""
        with self._lock:
            game = self._running.get(game_id)
            if game is None or now > game.deadline:
                return False
            return self._end(game_id, "won", now, winner=guesser)

    def end_game(self, game_id: str, status: str, now: float) -> bool:
        """End a running game with the given status; False if it was not running."""
        with self._lock:
            if game_id not in self._running:
                return False
            return self._end(game_id, status, now)

    def reap(self, now: float) -> list[tuple[str, str]]:
        """End games that ran out of time or whose player went silent; drop silent queued players."""
        ended: list[tuple[str, str]] = []
        with self._lock:
            for game in list(self._running.values()):
                if now >= game.deadline:
                    status = "timeout"
                elif now - game.last_seen > self.idle_seconds:
                    status = "abandoned"
                else:
                    continue
                if self._end(game.game_id, status, now):
                    ended.append((game.game_id, status))
            for q in list(self._queue.values()):
                if now - q.last_seen > self.idle_seconds:
                    del self._queue[q.player_id]
            self._admit(now)
        if self.retention_s > 0 and now - self._last_prune >= 3600:  # hourly, outside the lock
            self._last_prune = now
            pruned = self.store.prune_drawings(now - self.retention_s)
            if pruned:
                log.info("deleted the drawings of %d game(s) older than the retention period", pruned)
        return ended

    def running_games(self) -> list[dict]:
        """The running games: id, player, word, start and deadline."""
        with self._lock:
            return [
                {"game_id": g.game_id, "player_id": g.player_id, "word": g.word.text,
                 "started_at": g.started_at, "deadline": g.deadline}
                for g in self._running.values()
            ]

    def queue_length(self) -> int:
        """How many players wait."""
        with self._lock:
            return len(self._queue)

    # -- the reaper thread ------------------------------------------------------------------

    def start_reaper(self, interval: float = 0.5) -> None:
        """Run `reap` every `interval` seconds on a daemon thread."""
        if self._reaper is not None:
            return
        def run():
            while not self._stop.wait(interval):
                try:
                    self.reap(time.time())
                except Exception:
                    log.exception("reaper pass failed; trying again next tick")
        self._reaper = threading.Thread(target=run, name="pictionary-reaper", daemon=True)
        self._reaper.start()

    def close(self, now: float | None = None) -> None:
        """Stop the reaper and end every running game as abandoned."""
        self._stop.set()
        if self._reaper is not None:
            self._reaper.join(5)
        with self._lock:
            for game_id in list(self._running):
                self._end(game_id, "abandoned", time.time() if now is None else now)
            self._queue.clear()

    # -- internals (called with the lock held) ----------------------------------------------

    def _check_words_left(self, player_id: str) -> None:
        if not fresh_words(self.words, self.store.words_for_player(player_id)):
            raise NoWordsLeft()

    def _start(self, player_id: str, now: float, origin: str | None = None) -> str:
        word = pick_word(self.words, self.store.words_for_player(player_id), self.rng)
        game_id = new_game_id(self.rng)
        while self.store.get_game(game_id) is not None:
            game_id = new_game_id(self.rng)
        deadline = now + self.game_seconds
        self.store.insert_game({
            "id": game_id, "word": word.text, "player_id": player_id, "status": "active",
            "started_at": now, "game_seconds": self.game_seconds, "hidden": 0,
        })
        self._running[game_id] = _Running(game_id, player_id, word, now, deadline, now, origin)
        self._by_player[player_id] = game_id
        self.pool.start_game(game_id, word, self.vocabulary)
        return game_id

    def _end(self, game_id: str, status: str, now: float, winner: str | None = None) -> bool:
        game = self._running.pop(game_id, None)
        if game is None:
            return False
        self._by_player.pop(game.player_id, None)
        self.pool.end_game(game_id)
        try:
            ok = self.store.end_game(game_id, status, now, winner)
        except Exception:
            log.exception("could not record the end of game %s", game_id)
            ok = False
        self._admit(now)
        return ok

    def _admit(self, now: float) -> None:
        while self._queue and len(self._running) < self.max_games:
            player_id, queued = self._queue.popitem(last=False)
            try:
                self._start(player_id, now, queued.origin)
            except NoWordsLeft:
                self._notices[player_id] = str(NoWordsLeft.__doc__)

    def _seat(self, player_id: str, now: float) -> Seat:
        game_id = self._by_player.get(player_id)
        if game_id is not None:
            g = self._running[game_id]
            return Seat("playing", game_id=game_id, word=g.word.text, started_at=g.started_at,
                        deadline=g.deadline, queue_length=len(self._queue))
        if player_id in self._queue:
            position = list(self._queue).index(player_id) + 1
            remaining = [g.deadline - now for g in self._running.values()]
            waits = estimate_waits(remaining, self.max_games, self.game_seconds, position)
            return Seat("queued", position=position, queue_length=len(self._queue), wait_s=waits[-1])
        return Seat("none", queue_length=len(self._queue), notice=self._notices.get(player_id))
