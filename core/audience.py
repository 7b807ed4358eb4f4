"""The room plays too: people watching a live game type guesses that race the models.

A person's guess goes through the same judge and the same referee as a model's: a right one ends
the game at once (the first right answer wins, whoever gives it: the referee's conditional update
decides, on any process), a wrong one joins the guesses the models are told not to repeat. The person
has their verdict at once; the guess row (`human = 1`) goes to the writer thread, which stores a whole
room's guesses in a few batched transactions. Until it is written, this process's record of recent
guesses (RecentGuesses) counts it for the one-a-second and per-address rules, beside the database.
"""
from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.guess_rows import guess_row, say_reason, too_late
from core.i18n import DEFAULT_LANGUAGE, Explained, explain, t
from core.judge import judge_guess
from core.moderation import PlayerResting, Strikes
from core.room import Banned, NeedCode, Removed, Room, RoomFull
from core.share import game_lang
from core.store import ACTIVE, Store
from core.visibility import declined

if TYPE_CHECKING:
    from core.recorder import Recorder
    from core.settings import Settings

log = logging.getLogger(__name__)

MAX_GUESS_CHARS = 60
GUESS_GAP_S = 1.0
ADDRESS_WINDOW_S = 10.0  # the per-address limit counts people's guesses over this many seconds
WRITTEN_KEEP_S = 2.0  # a written guess stays in the recent record this long: a rule's read begun before it counts it
_SPACES = re.compile(r"\s+")


class GuessRefused(Explained):
    """That guess cannot be taken."""

    key = "rules.guess_refused"


class GameOver(GuessRefused):
    """This game is over: it takes no more guesses."""

    key = "rules.game_over"


class NotGuessable(GuessRefused):
    """This game takes no guesses from the audience."""

    key = "rules.not_guessable"


class OwnGame(GuessRefused):
    """This is your own drawing: the others guess it."""

    key = "rules.own_game"


class SlowDown(GuessRefused):
    """Slow down a little: one guess a second."""

    key = "rules.slow_down"


class NeedNickname(GuessRefused):
    """Pick a nickname first, so the room knows who guessed."""

    key = "rules.need_nickname"


class AddressSlowDown(SlowDown):
    """Many guesses are coming from your network just now: wait a few seconds and guess again."""

    key = "rules.address_slow_down"


@dataclass(frozen=True)
class HumanGuess:
    """What came of one person's guess."""

    text: str
    correct: bool
    won: bool
    reason: str
    seconds: float  # into the game
    waiting: bool = False  # the host approves people's guesses before the big screen shows them


def clean_guess(raw: object) -> str:
    """The guess as stored and judged: one line of plain text, at most 60 characters (GuessRefused else)."""
    if not isinstance(raw, str):
        raise GuessRefused("Type a guess first.", key="rules.guess_empty")
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in " \t")
    text = _SPACES.sub(" ", text).strip()
    if not text:
        raise GuessRefused("Type a guess first.", key="rules.guess_empty")
    if len(text) > MAX_GUESS_CHARS:
        raise GuessRefused(f"A guess is at most {MAX_GUESS_CHARS} characters.", key="rules.guess_long",
                           count=MAX_GUESS_CHARS)
    return text


def may_guess(game: dict | None, refused: bool, player_id: str) -> None:
    """Raise why this person may not guess this game now (`refused`: a model declined its drawing), if they may not."""
    if game is None:
        raise GameOver("We could not find that game.", key="rules.game_missing")
    if game["status"] != ACTIVE:
        raise GameOver()
    if game["hidden"] or declined(game, refused):
        raise NotGuessable()
    if game["player_id"] == player_id:
        raise OwnGame()


@dataclass(frozen=True)
class AudienceSettings:
    """The room's guessing rules; the defaults are small tests' (no per-address cap)."""

    enabled: bool = True  # people watching a live game may guess it
    strikes: Strikes = Strikes()
    gap_s: float = GUESS_GAP_S  # one person's guesses of a game at least this far apart
    per_address: int = 0  # people's guesses per ADDRESS_WINDOW_S from one client address; 0: no cap

    @classmethod
    def from_settings(cls, settings: Settings) -> "AudienceSettings":
        """The room's guessing rules as the app's settings give them."""
        return cls(enabled=settings.AUDIENCE_GUESSES, strikes=Strikes.from_settings(settings),
                   per_address=settings.GUESSES_PER_ADDRESS)


@dataclass(eq=False)
class _Taken:
    at: float  # the guess's time (the caller's clock)
    written_at: float | None = None  # time.monotonic() once its row is in the database


@dataclass
class RecentGuesses:
    """The people's guesses this process took lately, for the rules that count stored guesses: until its row is
    written (and a little after), a guess is counted from here as well as from the database."""

    _lock: threading.Lock = field(default_factory=threading.Lock)
    _by_person: dict[tuple[str, str], list[_Taken]] = field(default_factory=dict)
    _by_origin: dict[str, list[_Taken]] = field(default_factory=dict)
    _takes: int = 0

    def take(self, game_id: str, player_id: str, origin: str | None, now: float, read_at: float,
             stored_last: float | None, stored_count: int, settings: AudienceSettings) -> _Taken:
        """Count this guess in, or raise SlowDown / AddressSlowDown. `stored_last` (this person's last guess of
        the game) and `stored_count` (the address's guesses in the window) were read from the database after
        `read_at` (time.monotonic()): a guess written before then is in them, so it is not counted twice."""
        mono = time.monotonic()
        horizon = now - max(settings.gap_s, ADDRESS_WINDOW_S)
        with self._lock:
            self._takes += 1
            if self._takes % 1000 == 0:
                self._sweep(mono, horizon)
            mine = self._kept(self._by_person, (game_id, player_id), mono, horizon)
            last = max([t.at for t in mine if t.written_at is None or t.written_at >= read_at] +
                       ([stored_last] if stored_last is not None else []), default=None)
            if last is not None and now - last < settings.gap_s:
                raise SlowDown()
            theirs = self._kept(self._by_origin, origin, mono, horizon) if origin is not None else []
            cap = settings.per_address
            if origin is not None and cap > 0 and stored_count + sum(
                    1 for t in theirs if t.at >= now - ADDRESS_WINDOW_S
                    and (t.written_at is None or t.written_at >= read_at)) >= cap:
                raise AddressSlowDown()
            taken = _Taken(now)
            mine.append(taken)
            if origin is not None:
                theirs.append(taken)
            return taken

    @staticmethod
    def written(taken: _Taken) -> None:
        """This guess's row is in the database now."""
        taken.written_at = time.monotonic()

    @staticmethod
    def _kept(index: dict, key: Any, mono: float, horizon: float) -> list[_Taken]:
        kept = [t for t in index.get(key, ()) if t.at >= horizon and
                (t.written_at is None or mono - t.written_at < WRITTEN_KEEP_S)]
        index[key] = kept
        return kept

    def _sweep(self, mono: float, horizon: float) -> None:
        for index in (self._by_person, self._by_origin):
            for key in list(index):
                if not self._kept(index, key, mono, horizon):
                    del index[key]


class Audience:
    """Takes people's guesses for running games; safe from many threads and many processes. With a `recorder`
    the rows are written by its thread in batches; without one (small tests, scripts) at once, inline."""

    def __init__(self, store: Store, lobby: Any, pool: Any, settings: AudienceSettings = AudienceSettings(), *,
                 room: Room | None = None, recorder: Recorder | None = None):
        self.store = store
        self.lobby = lobby
        self.pool = pool
        self.settings = settings
        self.room = room or Room(store)
        self.recorder = recorder
        self.recent = RecentGuesses()

    @property
    def enabled(self) -> bool:
        """Whether people watching may guess here."""
        return self.settings.enabled

    def resting_until(self, player_id: str, now: float) -> float | None:
        """When a person resting under the moderation rules may guess again (None: they may now)."""
        return self.settings.strikes.resting_until(self.store, player_id, now)

    def guess(self, game_id: str, player_id: str, raw: object, now: float, origin: str | None = None) -> HumanGuess:
        """Judge one person's guess and queue its row; a right one claims the win at once. GuessRefused,
        RoomRefused (the host's rules) or PlayerResting say why a guess was not taken; then nothing is stored.
        `origin` is the pseudonym of the client's address, for the per-address limit and the host's bans."""
        if not self.enabled:
            raise NotGuessable("Guessing by the audience is switched off here.", key="rules.audience_off")
        text = clean_guess(raw)
        game = self.store.get_game(game_id)
        may_guess(game, bool(game) and self.store.game_refused(game_id), player_id)
        player = self.store.get_player(player_id)
        nickname = (player or {}).get("nickname")
        if self.room.needs_nickname(nickname, now):
            raise NeedNickname()
        self.room.admit(player_id, origin, now)
        until = self.resting_until(player_id, now)
        if until is not None:
            raise PlayerResting(until)
        rules = self.room.rules(now)
        read_at = time.monotonic()
        stored_last = self.store.last_human_guess(game_id, player_id)
        counted = origin is not None and self.settings.per_address > 0
        stored_count = self.store.guesses_from(origin, now - ADDRESS_WINDOW_S) if counted else 0
        taken = self.recent.take(game_id, player_id, origin, now, read_at, stored_last, stored_count, self.settings)
        word, lang = self.lobby.word_of(game), game_lang(game)  # judged in the game's language, its word as it says it
        verdict = judge_guess(text, word.text, word.aliases, self.lobby.book.vocabulary(game.get("word_list"), lang=lang),
                              lang=lang)
        won = False
        reason = verdict.reason
        if verdict.correct:
            won = self.lobby.claim_win(game_id, nickname, now, human=True)  # the referee: one winner, any process
            if not won:
                reason = too_late(reason)
        frame = self.store.latest_frame_meta(game_id)
        row = guess_row(
            game_id=game_id, frame_seq=frame["seq"] if frame else 0, guesser=nickname, text=text, verdict=verdict,
            created_at=now, requested_at=frame["created_at"] if frame else now,
            latency_ms=round((now - frame["created_at"]) * 1000, 1) if frame else None, won=won,
            stale=verdict.correct and not won, reason=reason, human=True, player_id=player_id, origin=origin,
            approval="pending" if rules.approve_first else None)
        if self.recorder is not None:
            self.recorder.record("guesses", row, on_recorded=lambda: self.recent.written(taken))
        else:
            with self.store.transaction():
                self.store.insert("guesses", row)
            self.recent.written(taken)
        if won:
            self.pool.end_game(game_id)  # this process's guessers stop now; others' at their next sync
        elif not verdict.correct:
            self.pool.add_past(game_id, [text])
        return HumanGuess(text, verdict.correct, won, reason, now - game["started_at"],
                          waiting=rules.approve_first and not won)


def guess_message(g: HumanGuess, lang: str = DEFAULT_LANGUAGE) -> str:
    """What the person who guessed is told, in `lang`."""
    if g.won:
        seconds = f"{g.seconds:.1f}"
        return t(lang, "rules.won", seconds=seconds if lang == "en" else seconds.replace(".", ","))
    if g.correct:
        return t(lang, "rules.right_late", text=g.text)
    waiting = t(lang, "rules.waiting") if g.waiting else ""
    return t(lang, "rules.wrong", text=g.text, reason=reason_text(g.reason, lang), waiting=waiting)


def reason_text(reason: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The judge's reason for a guess (core.judge, stored in English) as `lang` says it (core.guess_rows.say_reason)."""
    return say_reason(reason, lang) or reason


def refusal_message(exc: GuessRefused, lang: str = DEFAULT_LANGUAGE) -> str:
    """Why a guess was not taken, in words (in `lang`)."""
    return explain(exc, lang) or t(lang, "rules.guess_refused")


@dataclass(frozen=True)
class Gate:
    """Whether a person gets a guess box for a game, and if not, what they are told (`kind` names the step)."""

    kind: str  # ok | off | own | not-guessable | removed | banned | code | full | nickname | resting
    message: str = ""


def guess_gate(audience: Audience, game: dict | None, refused: bool, player_id: str, nickname: str | None,
               origin: str | None, now: float, lang: str = DEFAULT_LANGUAGE) -> Gate:
    """What stands between this person and a guess box for this game, in the order they meet it (told in `lang`)."""
    if not audience.enabled:
        return Gate("off", t(lang, "rules.gate_off"))
    try:
        may_guess(game, refused, player_id)
    except OwnGame:
        return Gate("own", t(lang, "rules.gate_own"))
    except GuessRefused as exc:
        return Gate("not-guessable", refusal_message(exc, lang))
    standing = audience.room.standing(player_id, origin, now)
    if standing in ("removed", "banned", "full"):
        kind = {"removed": Removed, "banned": Banned, "full": RoomFull}[standing]
        return Gate(standing, explain(kind(), lang))
    if standing == "code":
        return Gate("code", explain(NeedCode(), lang))
    if audience.room.needs_nickname(nickname, now):
        return Gate("nickname", explain(NeedNickname(), lang))
    until = audience.resting_until(player_id, now)
    if until is not None:
        return Gate("resting", "")
    return Gate("ok")
