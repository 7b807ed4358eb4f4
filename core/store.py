"""The SQLite database: the one owner of the schema, and every named query the app runs."""
from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

SCHEMA_VERSION = 1
ACTIVE = "active"
END_STATUSES = ("won", "timeout", "quit", "abandoned")

_GAMES = {
    "id": str, "word": str, "player_id": str, "player_name": str, "status": str,
    "started_at": float, "ended_at": float, "winner": str, "duration_s": float,
    "game_seconds": float, "hidden": int,
}
_FRAMES = {
    "id": int, "game_id": str, "seq": int, "created_at": float, "width": int, "height": int, "png": bytes,
}
_GUESSES = {
    "id": int, "game_id": str, "frame_seq": int, "guesser": str, "model": str, "text": str,
    "normalized": str, "correct": int, "created_at": float, "latency_ms": float,
    "input_tokens": int, "output_tokens": int, "cost_usd": float, "error": str,
    "requested_at": float, "refused": int, "stale": int, "won": int, "reason": str,
}
_PLAYERS = {"id": str, "nickname": str, "created_at": float, "last_seen": float}


class StoreError(Exception):
    """The database could not be opened or written."""


class Store:
    """The app's SQLite database; each thread gets its own connection."""

    def __init__(self, path: str | Path, timeout: float = 10.0):
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._create_schema()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the database at {self.path}: {exc}") from exc

    # -- connections -------------------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection, opened on first use with WAL and a busy timeout."""
        db = getattr(self._local, "db", None)
        if db is None:
            conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
            db = sqlite_utils.Database(conn)
            self._local.db = db
        return db

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """A short write transaction, taken with BEGIN IMMEDIATE so writers queue on the busy timeout."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None

    def _create_schema(self) -> None:
        db = self.db
        with self.transaction():
            db["players"].create(_PLAYERS, pk="id", not_null={"created_at"}, if_not_exists=True)
            db["games"].create(
                _GAMES, pk="id", not_null={"word", "player_id", "status", "started_at"},
                defaults={"hidden": 0}, foreign_keys=[("player_id", "players", "id")], if_not_exists=True,
            )
            db["frames"].create(
                _FRAMES, pk="id", not_null={"game_id", "seq", "png"},
                foreign_keys=[("game_id", "games", "id")], if_not_exists=True,
            )
            db["guesses"].create(
                _GUESSES, pk="id", not_null={"game_id", "guesser", "created_at"},
                defaults={"correct": 0, "refused": 0, "stale": 0, "won": 0},
                foreign_keys=[("game_id", "games", "id")], if_not_exists=True,
            )
            db["frames"].create_index(["game_id", "seq"], unique=True, if_not_exists=True)
            db["guesses"].create_index(["game_id", "created_at"], if_not_exists=True)
            db["guesses"].create_index(["created_at"], if_not_exists=True)
            db["games"].create_index(["status"], if_not_exists=True)
            db["games"].create_index(["player_id"], if_not_exists=True)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # -- players -----------------------------------------------------------------------------

    def touch_player(self, player_id: str, now: float) -> None:
        """Create the player if new, and mark them seen now."""
        self.db.execute(
            "INSERT INTO players (id, created_at, last_seen) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen",
            [player_id, now, now],
        )

    def set_nickname(self, player_id: str, nickname: str, game_id: str | None = None) -> None:
        """Save a player's nickname, and on their game when one is given."""
        with self.transaction() as db:
            db.execute("UPDATE players SET nickname = ? WHERE id = ?", [nickname, player_id])
            if game_id is not None:
                db.execute("UPDATE games SET player_name = ? WHERE id = ? AND player_id = ?",
                           [nickname, game_id, player_id])

    def get_player(self, player_id: str) -> dict | None:
        """One player row, or None."""
        return next(self.db.query("SELECT * FROM players WHERE id = ?", [player_id]), None)

    # -- games -------------------------------------------------------------------------------

    def insert_game(self, game: dict[str, Any]) -> None:
        """Insert a new game row (status 'active')."""
        self.db["games"].insert(game)

    def end_game(self, game_id: str, status: str, ended_at: float, winner: str | None = None) -> bool:
        """Close an active game; False if it was already closed."""
        if status not in END_STATUSES:
            raise ValueError(f"unknown end status {status!r}")
        cur = self.db.execute(
            "UPDATE games SET status = ?, ended_at = ?, winner = ?, duration_s = ? - started_at "
            "WHERE id = ? AND status = ?",
            [status, ended_at, winner, ended_at, game_id, ACTIVE],
        )
        return cur.rowcount == 1

    def close_abandoned_games(self, now: float) -> int:
        """Close every game a dead process left active, as 'abandoned'; return how many."""
        cur = self.db.execute(
            "UPDATE games SET status = 'abandoned', ended_at = ?, duration_s = ? - started_at "
            "WHERE status = ?",
            [now, now, ACTIVE],
        )
        return cur.rowcount

    def get_game(self, game_id: str) -> dict | None:
        """One game row, or None."""
        return next(self.db.query("SELECT * FROM games WHERE id = ?", [game_id]), None)

    def active_games(self) -> list[dict]:
        """Every game still marked active."""
        return list(self.db.query("SELECT * FROM games WHERE status = ? ORDER BY started_at", [ACTIVE]))

    def latest_game_for_player(self, player_id: str) -> dict | None:
        """The player's most recent game, or None."""
        return next(self.db.query(
            "SELECT * FROM games WHERE player_id = ? ORDER BY started_at DESC LIMIT 1", [player_id]), None)

    def words_for_player(self, player_id: str) -> list[str]:
        """Every word this player has been given."""
        return [r["word"] for r in self.db.query("SELECT word FROM games WHERE player_id = ?", [player_id])]

    # -- frames and guesses ------------------------------------------------------------------

    def insert_frames(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert frame rows in one transaction."""
        rows = list(rows)
        if rows:
            with self.transaction() as db:
                db["frames"].insert_all(rows)

    def insert_guesses(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert guess rows in one transaction."""
        rows = list(rows)
        if rows:
            with self.transaction() as db:
                db["guesses"].insert_all(rows)

    def game_frames(self, game_id: str, with_png: bool = True) -> list[dict]:
        """A game's frames in order."""
        cols = "*" if with_png else "id, game_id, seq, created_at, width, height"
        return list(self.db.query(f"SELECT {cols} FROM frames WHERE game_id = ? ORDER BY seq", [game_id]))

    def game_guesses(self, game_id: str) -> list[dict]:
        """A game's guesses in the order they arrived."""
        return list(self.db.query("SELECT * FROM guesses WHERE game_id = ? ORDER BY created_at, id", [game_id]))

    def spend_since(self, since: float) -> float:
        """Dollars recorded on guess rows since `since` (unknown costs count as 0 here)."""
        row = next(self.db.query(
            "SELECT COALESCE(SUM(cost_usd), 0) AS total FROM guesses WHERE created_at >= ?", [since]))
        return float(row["total"])

    def integrity_check(self) -> str:
        """SQLite's own verdict on the file: 'ok' when sound."""
        return next(self.db.query("PRAGMA integrity_check"))["integrity_check"]

    def count(self, table: str) -> int:
        """Row count of one of the app's tables."""
        if table not in ("players", "games", "frames", "guesses"):
            raise ValueError(f"unknown table {table!r}")
        return self.db[table].count
