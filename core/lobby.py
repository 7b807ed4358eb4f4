"""The lobby: who plays now, who waits in the queue, and when each game starts and ends.

The database holds all of it, so several app processes form one arena: the queue (FIFO across
processes), admission under `MAX_CONCURRENT_GAMES` (one short transaction under the "lobby" lock),
game ends (conditional updates: one result per game, whoever races), heartbeats, and which process
runs each game's guessers (its owner). A game follows its player: when the player's page comes
back on another process (the owner died, or the balancer moved them), that process takes the game
over and its guessers carry on from the newest frame.
"""
from __future__ import annotations

import contextlib
import heapq
import logging
import random
import re
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from core.i18n import DEFAULT_LANGUAGE, choose_language
from core.lengths import check_length
from core.moderation import PlayerResting, Strikes
from core.pool import GuesserPool, Resume
from core.store import ACTIVE, Store, StoreError
from core.wordbook import Choice, WordBook
from core.words import NoWordsLeft, Word

if TYPE_CHECKING:
    from core.settings import Settings

log = logging.getLogger(__name__)

PLAYER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
GAME_ID = re.compile(r"^[0-9a-f]{12}$")
LAST_SEEN_WRITE_EVERY = 15.0  # a player's `players.last_seen` (statistics only)
HEARTBEAT_WRITE_EVERY = 2.0  # a running game's or queue place's heartbeat in the database
PROCESS_HEARTBEAT = 1.0
PROCESS_TIMEOUT = 3.0  # a process silent this long is gone: its games may be taken over at once
HANDOFF_SECONDS = 3.0  # a live owner that has not heard the player this long loses the game to the process that has


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


def lang_of(game: dict) -> str:
    """A game row's language (rows from before languages are English)."""
    return choose_language(game.get("lang"))


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
    here: bool = True  # playing: this process runs the game's guessers

    def as_json(self) -> dict:
        """What a browser's heartbeat is told (never the word: the live document carries it to its player)."""
        return {"state": self.state, "game": self.game_id, "deadline": self.deadline, "position": self.position,
                "queue": self.queue_length, "wait": self.wait_s, "here": self.here}


@dataclass(frozen=True)
class LobbySettings:
    """The lobby's knobs; the defaults are small tests' (no seat cap, drawings kept)."""

    max_games: int = 2  # running at once, across every process
    game_seconds: float = 45.0
    lengths: tuple[float, ...] = ()  # the longer game lengths a player may choose (GAME_LENGTHS)
    idle_seconds: float = 60.0  # a player silent this long leaves the queue, or their game ends
    strikes: Strikes = Strikes()
    retention_s: float = 0.0  # drawings older than this are deleted; 0: kept
    seats_per_origin: int = 0  # queued or playing seats one client address may hold; 0: no cap
    handoff_s: float = HANDOFF_SECONDS
    process_timeout_s: float = PROCESS_TIMEOUT

    @classmethod
    def from_settings(cls, settings: Settings) -> "LobbySettings":
        """The lobby's knobs as the app's settings give them."""
        return cls(max_games=settings.MAX_CONCURRENT_GAMES, game_seconds=settings.GAME_SECONDS,
                   lengths=settings.game_lengths,
                   idle_seconds=settings.IDLE_SECONDS, strikes=Strikes.from_settings(settings),
                   retention_s=settings.RETENTION_DAYS * 86400, seats_per_origin=settings.MAX_SEATS_PER_ADDRESS)


class Referee:
    """Decides who wins: the first right answer still in time, a model's or a person's, on whichever process.

    The pool is built with `claim_win` before the lobby exists; the lobby's reaper wakes on `slot_freed`."""

    def __init__(self, store: Store):
        self.store = store
        self.slot_freed = threading.Event()  # set at each win: admit the next player now

    def claim_win(self, game_id: str, guesser: str, now: float, human: bool = False) -> bool:
        """End the game as won if it is still running and in time; True for exactly one claim."""
        try:
            won = self.store.end_game(game_id, "won", now, winner=guesser, by_deadline=True, winner_human=human)
        except StoreError:
            log.exception("could not record the win of game %s", game_id)
            return False
        if won:
            self.slot_freed.set()
        return won


class Lobby:
    """Admits players to at most `settings.max_games` games at once across every process, in FIFO order.

    `referee` is the one the pool was built with (a new one otherwise); `host`, `pid` and `process_id` name
    this process among the arena's."""

    def __init__(
        self,
        store: Store,
        pool: GuesserPool,
        words: Sequence[Word],
        settings: LobbySettings = LobbySettings(),
        *,
        referee: Referee | None = None,
        book: WordBook | None = None,
        rng: random.Random | None = None,
        now: float | None = None,
        process_id: str | None = None,
        host: str = "localhost",
        pid: int = 0,
    ):
        self.store = store
        self.pool = pool
        self.words = tuple(words)
        self.settings = settings
        self.referee = referee or Referee(store)
        self.book = book or WordBook(store, self.words)
        self.vocabulary = self.book.default.vocabulary
        self.rng = rng or random.SystemRandom()
        self.process_id = process_id or f"{host}:{pid}:{random.SystemRandom().getrandbits(32):08x}"
        self.host, self.pid = host, pid
        self.beat_every = max(0.05, min(HEARTBEAT_WRITE_EVERY, settings.idle_seconds / 4))
        self._last_prune = -1e18
        self._last_process_beat = -1e18
        self._written: dict[str, float] = {}  # when this process last wrote each player's heartbeat
        self._pending_ends: dict[str, tuple[str, float]] = {}  # ends the database could not take yet
        self._human_seen: dict[str, int] = {}  # per owned game, the newest person's guess handed to the pool
        self._last_seen_written: dict[str, float] = {}
        self._live: tuple[float, set[str]] = (-1e18, set())
        self._translations: dict[tuple[str | None, str], dict[str, Word]] = {}
        self._lock = threading.RLock()  # this process's bookkeeping; the database coordinates the rest
        self._reaper: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = self.referee.slot_freed  # a win, or close(), wakes the reaper
        self.store.process_alive(self.process_id, self.host, self.pid, time.time() if now is None else now)

    # -- players ----------------------------------------------------------------------------

    def join(self, player_id: str, now: float, origin: str | None = None, choice: Choice = Choice(),
             room: bool = False, seconds: object = None, lang: str = DEFAULT_LANGUAGE) -> Seat:
        """Ask to play: a game at once if a slot is free and nobody waits, else a place in the queue.

        `origin` names where the request came from (a pseudonym of the client's address): at most
        `settings.seats_per_origin` seats, queued or playing, per origin at once (TooManySeats beyond). `choice`
        is the pack and difficulty asked for (NoWordsLeft when the player has had all of them); `room`
        says the player came with the room (presenter mode), for an event list in use for the room only.
        `seconds` is the game length chosen (None: the standard; UnknownLength when it is not offered). `lang` is
        the player's language: the game is played in it (one the app does not speak: English).
        """
        check_player_id(player_id)
        lang = choose_language(lang)  # the player's language when the app speaks it, else English
        length = check_length(seconds, self.settings.game_seconds, self.settings.lengths)
        self.store.touch_player(player_id, now)
        self._last_seen_written[player_id] = now
        with self.store.transaction(lock="lobby"):
            if self.store.active_game_for_player(player_id) is None and self.store.queued(player_id) is None:
                until = self.settings.strikes.resting_until(self.store, player_id, now)
                if until is not None:
                    raise PlayerResting(until)
                if not self.book.fresh(player_id, choice, room):
                    raise NoWordsLeft(f"You have drawn every one of our {choice.describe()}.")
                cap = self.settings.seats_per_origin
                if origin is not None and cap > 0 and self.store.seats_of(origin) >= cap:
                    raise TooManySeats()
                self.store.enqueue(player_id, now, origin, self.process_id, choice.pack, choice.level, room,
                                   lang=lang, game_seconds=length)
                self._written[player_id] = now
        self._admit(now)
        return self.heartbeat(player_id, now)

    def heartbeat(self, player_id: str, now: float) -> Seat:
        """Say the player is still here (on this process); returns where they stand."""
        check_player_id(player_id)
        if now - self._last_seen_written.get(player_id, -1e18) >= LAST_SEEN_WRITE_EVERY:
            self.store.touch_player(player_id, now)
            self._last_seen_written[player_id] = now
        game = self.store.active_game_for_player(player_id)
        if game is not None:
            if game["owner"] != self.process_id:
                self._maybe_take_over(game, now)
                game = self.store.get_game(game["id"]) or game
            if game["owner"] == self.process_id and self._due(player_id, now):
                self.store.see_game(game["id"], now)
            return self._playing(game)
        if self.store.queued(player_id) is not None and self._due(player_id, now):
            self.store.see_queued(player_id, now, self.process_id)
        return self.seat(player_id, now)

    def seat(self, player_id: str, now: float) -> Seat:
        """Where the player stands, without counting as a heartbeat."""
        check_player_id(player_id)
        game = self.store.active_game_for_player(player_id)
        if game is not None:
            return self._playing(game)
        place = self.store.queue_position(player_id)
        if place is not None:
            position, length = place
            remaining = [d - now for d in self.store.active_deadlines()]
            waits = estimate_waits(remaining, self.settings.max_games, self.settings.game_seconds, position)
            return Seat("queued", position=position, queue_length=length, wait_s=waits[-1])
        return Seat("none", queue_length=self.store.queue_length())

    def leave_queue(self, player_id: str, now: float) -> None:
        """Take the player out of the queue (no-op if not queued)."""
        self.store.dequeue(player_id)

    def quit(self, player_id: str, now: float) -> str | None:
        """End the player's running game as 'quit'; returns its id, or None if they had none."""
        with contextlib.suppress(StoreError):
            self.store.dequeue(player_id)
        game = self.store.active_game_for_player(player_id)
        if game is None:
            return None
        self.end_game(game["id"], "quit", now)
        return game["id"]

    # -- games ------------------------------------------------------------------------------

    def claim_win(self, game_id: str, guesser: str, now: float, human: bool = False) -> bool:
        """The referee's call (Referee.claim_win): True for exactly one claim, a model's or a person's (`human`)."""
        return self.referee.claim_win(game_id, guesser, now, human)

    def end_game(self, game_id: str, status: str, now: float) -> bool:
        """End a running game with the given status; False if it was not running. If the database cannot
        take it now, the guessers stop at once and the end is written at the reaper's next pass."""
        self.pool.end_game(game_id)
        try:
            ended = self.store.end_game(game_id, status, now)
        except StoreError:
            log.exception("could not record the end of game %s; it will be retried", game_id)
            with self._lock:
                self._pending_ends[game_id] = (status, now)
            return False
        if ended:
            self._admit(now)
        return ended

    def reap(self, now: float) -> list[tuple[str, str]]:
        """End games that ran out of time or whose player went silent, drop silent queued players, admit
        the next ones, and keep this process's guessers in step with the database. Any process may run
        it at any time: every step is a conditional statement."""
        if now - self._last_process_beat >= PROCESS_HEARTBEAT:
            self.store.process_alive(self.process_id, self.host, self.pid, now)
            self._last_process_beat = now
        with self._lock:
            pending, self._pending_ends = self._pending_ends, {}
        for game_id, (status, at) in pending.items():
            try:
                self.store.end_game(game_id, status, at)
            except StoreError:
                with self._lock:
                    self._pending_ends.setdefault(game_id, (status, at))
        ended = [(r["id"], "timeout") for r in self.store.end_timed_out(now)]
        ended += [(r["id"], "abandoned") for r in self.store.end_silent(now, self.settings.idle_seconds)]
        self.store.drop_silent_queued(now, self.settings.idle_seconds)
        self._admit(now)
        self._sync()
        if now - self._last_prune >= 3600:  # hourly
            self._last_prune = now
            self.store.drop_drafts_of_ended()
            self.store.forget_dead_processes(now - 86400)
            if self.settings.retention_s > 0:
                pruned = self.store.prune_drawings(now - self.settings.retention_s)
                if pruned:
                    log.info("deleted the drawings of %d game(s) older than the retention period", pruned)
        return ended

    def running_games(self) -> list[dict]:
        """The running games of the whole arena: id, player, word, start and deadline."""
        return [{"game_id": g["id"], "player_id": g["player_id"], "word": g["word"], "started_at": g["started_at"],
                 "deadline": g["deadline"]} for g in self.store.active_games()]

    def queue_length(self) -> int:
        """How many players wait, across the arena."""
        return self.store.queue_length()

    # -- the reaper thread ------------------------------------------------------------------

    def start_reaper(self, interval: float = 0.5) -> None:
        """Run `reap` every `interval` seconds (and at once after a win) on a daemon thread."""
        if self._reaper is not None:
            return

        def run():
            while not self._stop.is_set():
                self._wake.wait(interval)
                self._wake.clear()
                if self._stop.is_set():
                    return
                try:
                    self.reap(time.time())
                except Exception:
                    log.exception("reaper pass failed; trying again next tick")
        self._reaper = threading.Thread(target=run, name="pictionary-reaper", daemon=True)
        self._reaper.start()

    def close(self, now: float | None = None) -> None:
        """Stop the reaper and leave this process's running games for another process to take over."""
        self._stop.set()
        self._wake.set()
        if self._reaper is not None:
            self._reaper.join(5)
        try:
            self.store.release_games(self.process_id)
            self.store.process_gone(self.process_id)
        except StoreError:
            log.exception("could not release this process's games")

    # -- internals --------------------------------------------------------------------------

    def _due(self, player_id: str, now: float) -> bool:
        """Whether this player's heartbeat is due to be written again (a few seconds apart)."""
        with self._lock:
            if now - self._written.get(player_id, -1e18) < self.beat_every:
                return False
            self._written[player_id] = now
            if len(self._written) > 10_000:
                self._written = {k: v for k, v in self._written.items() if now - v < self.settings.idle_seconds}
            return True

    def _live_processes(self, now: float) -> set[str]:
        at, live = self._live
        if now - at >= PROCESS_HEARTBEAT:
            live = self.store.live_processes(now - self.settings.process_timeout_s)
            self._live = (now, live)
        return live

    def _maybe_take_over(self, game: dict, now: float) -> None:
        """The player of someone else's game is here: take it over if its owner is gone or has lost them."""
        owner = game["owner"]
        gone = owner is None or owner not in self._live_processes(now)
        lost = now - (game["last_seen"] or game["started_at"]) > self.settings.handoff_s
        if (gone or lost) and self.store.take_over(game["id"], self.process_id, owner):
            log.info("took over game %s from %s (%s)", game["id"], owner, "gone" if gone else "player moved")
            self.store.see_game(game["id"], now)
            self._resume(game)

    def _playing(self, game: dict) -> Seat:
        return Seat("playing", game_id=game["id"], word=self.word_of(game).text, started_at=game["started_at"],
                    deadline=game["deadline"], queue_length=0, here=game["owner"] == self.process_id)

    def _admit(self, now: float) -> list[str]:
        """Admit the oldest queued players while slots are free: one transaction under the lobby lock."""
        started: list[tuple[str, Word, str, str]] = []
        with self.store.transaction(lock="lobby"):
            free = self.settings.max_games - self.store.count_active()
            if free <= 0:
                return []
            for q in self.store.queue_front(free + 8):
                if free <= 0:
                    break
                self.store.dequeue(q["player_id"])
                if q["last_seen"] < now - self.settings.idle_seconds:
                    continue  # gone silent while waiting
                try:
                    pick = self.book.pick(q["player_id"], Choice(q.get("pack"), q.get("level")),
                                          bool(q.get("room")), self.rng)
                except NoWordsLeft:
                    continue
                game_id = new_game_id(self.rng)
                while self.store.get_game(game_id) is not None:
                    game_id = new_game_id(self.rng)
                owner = q["process_id"] or self.process_id
                lang = choose_language(q.get("lang"))
                seconds = float(q.get("game_seconds") or self.settings.game_seconds)
                self.store.insert_game({
                    "id": game_id, "word": pick.word.text, "player_id": q["player_id"], "status": ACTIVE,
                    "started_at": now, "game_seconds": seconds,
                    "hidden": 0, "owner": owner, "last_seen": now, "origin": q["origin"],
                    "word_list": pick.list_key, "difficulty": pick.level, "pack": q.get("pack"), "lang": lang,
                })
                free -= 1
                if owner == self.process_id:
                    started.append((game_id, pick.word, pick.list_key, lang, seconds))
        for game_id, concept, list_key, lang, seconds in started:
            self._start(game_id, concept.text, list_key, lang, seconds)
        return [g for g, *_ in started]

    def _start(self, game_id: str, concept: str, list_key: str | None, lang: str, seconds: float | None,
               resume: Resume | None = None) -> None:
        """Hand a game to this process's guessers, in its language: the word as that language says it to judge,
        the English concept beside it (never right, always hidden), the offline model's answers translated; a game of
        `seconds` longer than the standard raises the paid guessers' cap in proportion."""
        word = self.book.word_of(concept, list_key, lang=lang)
        english = lang == DEFAULT_LANGUAGE
        self.pool.start_game(game_id, word, self.book.vocabulary(list_key, lang=lang), resume=resume,
                             words=self.book.game_words(list_key), lang=lang,
                             concept=None if english else self.book.word_of(concept, list_key),
                             translations=None if english else self.translations(list_key, lang),
                             length=(seconds or self.settings.game_seconds) / self.settings.game_seconds)

    def translations(self, list_key: str | None, lang: str) -> dict[str, Word]:
        """Each word of a list (as the list writes it) in `lang`: how the offline model answers in that language."""
        key = (list_key, lang)
        found = self._translations.get(key)
        if found is None:
            found = {w.text: self.book.word_of(w.text, list_key, lang=lang) for w in self.book.get(list_key).words}
            self._translations = {**dict(list(self._translations.items())[-15:]), key: found}
        return found

    def word_of(self, game: dict) -> Word:
        """The word of a game as its language says it, with its aliases, from the game's own word list."""
        return self.book.word_of(game.get("concept") or game["word"], game.get("word_list"), lang=lang_of(game))

    def concept_of(self, game: dict) -> Word:
        """The word of a game in English, as its list writes it (stats, difficulty and the offline model key on it)."""
        return self.book.word_of(game.get("concept") or game["word"], game.get("word_list"))

    def hidden_names(self, game: dict) -> tuple[str, ...]:
        """Every name that gives a game's word away until it ends: the word in the game's language first, its
        aliases, and in a game in another language the English concept and its aliases too."""
        names = self.word_of(game).names
        if lang_of(game) == DEFAULT_LANGUAGE:
            return names
        return tuple(dict.fromkeys((*names, *self.concept_of(game).names)))

    def localized(self, game: dict) -> dict:
        """A game row as people read it: `word` in the game's language, `concept` the stored English word."""
        if "concept" in game:
            return game
        return dict(game, word=self.word_of(game).text, concept=game["word"])

    def _resume(self, game: dict) -> None:
        """Run a running game's guessers here, from its newest stored frame and what was guessed; not a game that
        ended (or went to another process) since `game` was read."""
        fresh = self.store.get_game(game["id"])
        if fresh is None or fresh["status"] != ACTIVE or fresh.get("owner") != self.process_id:
            return
        frame = self.store.latest_frame(game["id"])
        guesses = self.store.game_guesses(game["id"])
        history: dict[str, tuple[int, int]] = {}
        for g in guesses:
            calls, last = history.get(g["guesser"], (0, 0))
            history[g["guesser"]] = (calls + 1, max(last, g["frame_seq"] or 0))
        self._start(game["id"], game["word"], game.get("word_list"), lang_of(game), game.get("game_seconds"), resume=Resume(
            seq=frame["seq"] if frame else 0, png=bytes(frame["png"]) if frame else None,
            past=tuple(g["text"] for g in guesses if g["text"]), history=history))

    def _sync(self) -> None:
        """This process's pool agrees with the database: games ended (or taken over) elsewhere stop here,
        games this process owns but does not run yet (admitted by another process) start here."""
        running = self.pool.running_ids()  # before the read: a game started here after it is not "ended elsewhere"
        owned = self.store.games_owned(self.process_id)
        for game_id in running - {g["id"] for g in owned}:
            self.pool.end_game(game_id)  # ended, or taken over, by another process
        for game in owned:
            if not self.pool.is_running(game["id"]):
                self._resume(game)
            # People's wrong guesses made on other processes join the models' "already guessed" list.
            after = self._human_seen.get(game["id"], 0)
            rows = self.store.human_guesses_after(game["id"], after)
            if rows:
                self.pool.add_past(game["id"], [r["text"] for r in rows])
                self._human_seen[game["id"]] = rows[-1]["id"]
        if len(self._human_seen) > 1000:
            keep = {g["id"] for g in owned}
            self._human_seen = {k: v for k, v in self._human_seen.items() if k in keep}
