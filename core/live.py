"""What the live views show, read from the database: one game's state, or the board of every game running.

The pages' components poll these as small JSON documents (core/web.py serves them). Each is built
at most once per `LIVE_TTL` per process however many people watch, and carries a version so an
unchanged document costs a `304 Not Modified`.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from core.play import guess_lines, result_summary
from core.pool import GuessView
from core.share import game_lang
from core.store import game_deadline
from core.visibility import Viewer, running, sees_word, shown_guesses

LIVE_TTL = 0.1
# How often each live view (core/ui/live.js) asks, in ms: the one place these are set.
POLL_MS = {
    "drawer": {"every_ms": 250, "heartbeat_ms": 2000},
    "queue": {"heartbeat_ms": 1000},
    "board": {"every_ms": 300},
    "present": {"every_ms": 500},
    "side": {"every_ms": 3000},
    "result": {"every_ms": 500, "watch_ms": 6000},
}
BOARD_GUESSES = 8
LIVE_GUESSES = 40  # the newest guesses a game's live view carries (a room guessing makes hundreds a game)


def _guesses(rows: list[dict], started_at: float, limit: int | None = None) -> list[dict]:
    lines = guess_lines([GuessView.from_row(r) for r in rows], started_at)
    return [{"who": g.guesser, "text": g.text, "mark": g.mark, "why": g.detail, "at": round(g.at, 1), "won": g.won,
             "human": g.human} for g in (lines[:limit] if limit else lines)]


def game_state(game: dict, guesses: list[dict], frame: dict | None, *, viewer: Viewer, names: tuple[str, ...],
               level: str, thinking: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """One game as this viewer's live view shows it (core.visibility decides: the word only to its player, a
    host, or once the game is over; guesses filtered). `game` as core.lobby.Lobby.localized gives it (the word in
    the game's language, the result in it too); `names`: every name that gives the word away (Lobby.hidden_names)."""
    active = running(game)
    state: dict[str, Any] = {
        "game": game["id"], "status": game["status"], "started_at": game["started_at"],
        "deadline": game_deadline(game),
        "frame": frame["seq"] if frame else 0,
        "guesses": _guesses(shown_guesses(guesses, game, viewer, names, level), game["started_at"]),
        "thinking": list(thinking) if active else [], "notes": list(notes) if active else [],
        "winner": game["winner"], "winner_human": bool(game.get("winner_human")),
        "written": bool(game.get("wrote_word")),
    }
    if sees_word(game, viewer):
        state["word"] = game["word"]
    if not active:
        state["result"] = result_summary(game, game_lang(game))[0]
    return state


def board_state(games: list[tuple[dict, list[dict], dict | None]], *, show_words: bool, queue_length: int,
                winners: list[dict], finished: list[dict], guesses_shown: int = BOARD_GUESSES,
                tally: dict[str, int] | None = None) -> dict[str, Any]:
    """Every running public game (newest guesses first; `rows` already as the public may see them, see
    core.visibility), the queue, the latest winners and replays, and today's people-versus-models tally.
    `show_words` only for a host's screen."""
    return {
        "tally": tally or {"people": 0, "models": 0},
        "games": [{
            "game": g["id"], "started_at": g["started_at"],
            "deadline": game_deadline(g),
            "frame": f["seq"] if f else 0, "word": g["word"] if show_words else None, "letters": len(g["word"]),
            "written": bool(g.get("wrote_word")),
            "guesses": _guesses(rows, g["started_at"], guesses_shown),
        } for g, rows, f in games],
        "queue": queue_length,
        "winners": [{"word": w["word"], "winner": w["winner"], "seconds": round(w["duration_s"] or 0, 1),
                     "human": bool(w.get("winner_human"))} for w in winners],
        "finished": [{"game": f["id"], "word": f["word"], "result": result_summary(f, game_lang(f))[0]}
                     for f in finished],
    }


@dataclass(frozen=True)
class Document:
    """A JSON document ready to send, with its version (the ETag)."""

    body: bytes
    etag: str


def document(payload: dict[str, Any], now: float) -> Document:
    """Serialise a live state; the version ignores the server clock, so an unchanged state keeps its ETag."""
    stable = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    etag = '"' + hashlib.blake2b(stable.encode(), digest_size=12).hexdigest() + '"'
    body = json.dumps({**payload, "now": round(now, 3), "version": etag}, separators=(",", ":")).encode()
    return Document(body, etag)


class LiveCache:
    """Built documents kept `ttl` seconds, so a crowd polling one game costs one build per `ttl`."""

    def __init__(self, ttl: float = LIVE_TTL, clock: Callable[[], float] = time.monotonic, limit: int = 512):
        self.ttl = ttl
        self.clock = clock
        self.limit = limit
        self._items: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self.builds = 0

    def get(self, key: Any) -> Any | None:
        """The cached value for `key` if still fresh, else None."""
        with self._lock:
            hit = self._items.get(key)
            return hit[1] if hit and hit[0] > self.clock() else None

    def put(self, key: Any, value: Any) -> Any:
        """Keep a freshly built value."""
        with self._lock:
            if len(self._items) >= self.limit:
                now = self.clock()
                self._items = {k: v for k, v in self._items.items() if v[0] > now}
                if len(self._items) >= self.limit:
                    self._items.clear()
            self._items[key] = (self.clock() + self.ttl, value)
            self.builds += 1
            return value
