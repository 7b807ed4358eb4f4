"""The engine: the store, writer, pool, lobby and spend guard wired together from settings."""
from __future__ import annotations

import logging
import os
import random
import socket
import time
from dataclasses import dataclass
from functools import partial
from typing import Sequence

from core.access import AdminGate, address_key
from core.audience import Audience, AudienceSettings
from core.difficulty import Cuts, DifficultyTable, DifficultyTableError, load_table
from core.drafts import Drafts
from core.guessers.base import Guesser
from core.lobby import Lobby, LobbySettings, Referee
from core.moderation import after_game
from core.pool import GuesserPool, PoolSettings
from core.pricing import cost_usd
from core.recorder import Recorder
from core.room import Room
from core.settings import Settings
from core.spend import SpendGuard
from core.store import Store
from core.visibility import Viewer, may_see, shown_guesses
from core.wordbook import WordBook
from core.words import Word, load_words
from core.writing import WrittenWordWatch

log = logging.getLogger(__name__)


@dataclass
class Engine:
    """Everything one app process shares across browser sessions."""

    settings: Settings
    words: tuple[Word, ...]
    store: Store
    recorder: Recorder
    pool: GuesserPool
    lobby: Lobby
    spend: SpendGuard
    guessers: tuple[Guesser, ...]
    drafts: Drafts
    player_secret: bytes
    writing: WrittenWordWatch
    audience: Audience
    book: WordBook
    room: Room

    @property
    def admin_gate(self) -> AdminGate:
        """Admin and host sign-in, braked per client address."""
        return AdminGate(self.store, self.player_secret, free_tries=self.settings.SIGN_IN_FREE_TRIES)

    def origin(self, address: str) -> str:
        """The pseudonym the lobby counts a client address's seats under."""
        return address_key(address, self.player_secret)

    def guesses_for(self, game: dict, viewer: Viewer) -> list[dict]:
        """A game's guesses as this viewer may see them (core.visibility: hidden, unapproved and the word withheld,
        blocked words masked)."""
        return shown_guesses(self.store.game_guesses(game["id"]), game, viewer, self.lobby.hidden_names(game),
                             self.settings.PROFANITY_FILTER)

    def may_see(self, game: dict | None, viewer: Viewer) -> bool:
        """Whether this viewer may see this game at all (core.visibility)."""
        return may_see(game, game is not None and self.store.game_refused(game["id"]), viewer)

    @property
    def paid_guessers(self) -> tuple[Guesser, ...]:
        """The guessers that cost money."""
        return tuple(g for g in self.guessers if g.paid)

    def close(self) -> None:
        """Stop the threads; this process's running games are left for another process to take over."""
        self.lobby.close()
        self.pool.close()
        self.writing.close()
        self.recorder.close()
        self.store.shutdown()


def build_engine(settings: Settings, guessers: Sequence[Guesser] | None = None,
                 rng: random.Random | None = None, reaper: bool = True) -> Engine:
    """Open the database, load the words, start the pool and the lobby."""
    words = load_words(settings.words_path)
    store = Store(settings.db_path, max_mb=settings.DB_MAX_MB, database_url=settings.DATABASE_URL,
                  legacy_secret_path=settings.data_dir / "player_secret")
    recorder = Recorder(store)
    if guessers is None:
        from core.guessers import build_guessers
        guessers = build_guessers(settings, words)
    spend = SpendGuard(store.spend_since, settings.DAILY_BUDGET_USD)
    writing = WrittenWordWatch(store, enabled=settings.WRITTEN_WORD_CHECK, level=settings.PROFANITY_FILTER)
    # The referee needs only the store, so the pool (which asks it) is built before the lobby (which drives the pool).
    referee = Referee(store)
    pool = GuesserPool(
        guessers, recorder, PoolSettings.from_settings(settings), referee=referee.claim_win,
        cost=partial(cost_usd, overrides=settings.price_overrides), spend=spend, watch=writing,
        on_game_idle=lambda game_id: recorder.run_job(lambda s: after_game(s, game_id, time.time())),
    )
    book = WordBook(store, words, table=difficulty_table(), known=_known_to_sketch(),
                    standard_seconds=settings.GAME_SECONDS)
    lobby = Lobby(store, pool, words, LobbySettings.from_settings(settings), referee=referee, book=book, rng=rng,
                  host=socket.gethostname(), pid=os.getpid())
    if reaper:
        lobby.start_reaper(settings.REAPER_INTERVAL)
    log.info("engine ready: %d words, guessers %s, %s, process %s",
             len(words), ", ".join(g.name for g in guessers), store.describe(), lobby.process_id)
    # Every replica must sign player ids alike: the setting, else one secret kept in the database.
    secret = (settings.PLAYER_SECRET.encode() if settings.PLAYER_SECRET
              else store.shared_secret("player_secret", os.urandom(32)))
    room = Room(store, lineup=[g.name for g in guessers], level=settings.PROFANITY_FILTER, secret=secret)
    audience = Audience(store, lobby, pool, AudienceSettings.from_settings(settings), room=room, recorder=recorder)
    return Engine(settings, words, store, recorder, pool, lobby, spend, tuple(guessers), Drafts(store), secret,
                  writing, audience, book, room)


def difficulty_table() -> DifficultyTable:
    """The committed difficulty table; a broken one is logged and every word is left unrated."""
    try:
        return load_table()
    except DifficultyTableError as exc:
        log.error("the word difficulty table cannot be read, words are unrated: %s", exc)
        return DifficultyTable({}, Cuts(0.0, 0.0))


def _known_to_sketch() -> frozenset[str]:
    """The words the offline model knows, from its metadata (no onnxruntime needed)."""
    from core.sketch import known_words

    return known_words()
