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
    "game_seconds": float, "hidden": int, "moderation": str, "refusals": int,
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
_LOGIN_FAILURES = {"address_key": str, "failures": int, "last_failure_at": float}
_REPLAYS = {"game_id": str, "created_at": float, "frames": int, "gif": bytes}
_EVAL_RUNS = {
    "id": int, "created_at": float, "source": str, "variants": str, "guessers": str,
    "drawings_planned": int, "drawings_done": int, "spend_usd": float, "status": str,
}
_EVAL_RESULTS = {
    "id": int, "run_id": int, "drawing": str, "word": str, "guesser": str, "model": str, "variant": str,
    "frame_index": int, "frames_total": int, "fraction": float, "text": str, "correct": int,
    "created_at": float, "latency_ms": float, "input_tokens": int, "output_tokens": int, "cost_usd": float,
    "error": str,
}


class StoreError(Exception):
    """The database could not be opened or written."""


class Store:
    """The app's SQLite database; each thread gets its own connection."""

    def __init__(self, path: str | Path, timeout: float = 10.0, max_mb: float = 0.0):
        self.path = Path(path)
        self.timeout = timeout
        self.max_mb = max_mb
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
            conn.execute("PRAGMA busy_timeout=" + str(int(self.timeout * 1000)))  # PRAGMA takes no parameters
            if self.max_mb > 0:  # a hard cap: writes past it fail with "database or disk is full"
                page = conn.execute("PRAGMA page_size").fetchone()[0]
                conn.execute("PRAGMA max_page_count=" + str(max(16, int(self.max_mb * 1024 * 1024 // page))))
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
            db["login_failures"].create(_LOGIN_FAILURES, pk="address_key", not_null={"failures", "last_failure_at"},
                                        if_not_exists=True)
            db["replays"].create(_REPLAYS, pk="game_id", not_null={"gif"},
                                 foreign_keys=[("game_id", "games", "id")], if_not_exists=True)
            db["eval_runs"].create(_EVAL_RUNS, pk="id", not_null={"created_at", "status"}, if_not_exists=True)
            db["eval_results"].create(_EVAL_RESULTS, pk="id", not_null={"run_id", "guesser", "created_at"},
                                      foreign_keys=[("run_id", "eval_runs", "id")], if_not_exists=True)
            db["eval_results"].create_index(["run_id"], if_not_exists=True)
            db["eval_results"].create_index(["created_at"], if_not_exists=True)
            for name, kind in (("moderation", str), ("refusals", int)):  # columns newer than the table
                if name not in db["games"].columns_dict:
                    db["games"].add_column(name, kind)
            db["frames"].create_index(["game_id", "seq"], unique=True, if_not_exists=True)
            db["games"].create_index(["status", "hidden", "duration_s"], if_not_exists=True)
            db["guesses"].create_index(["game_id", "created_at"], if_not_exists=True)
            db["guesses"].create_index(["created_at"], if_not_exists=True)
            db["games"].create_index(["status"], if_not_exists=True)
            db["games"].create_index(["player_id"], if_not_exists=True)
            db.execute("PRAGMA user_version=" + str(int(SCHEMA_VERSION)))  # PRAGMA takes no parameters

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

    # -- admin sign-in ---------------------------------------------------------------------

    def login_failures(self, address_key: str, since: float) -> tuple[int, float | None]:
        """Wrong admin passwords in a row from one address, and when the latest was; (0, None) if none since `since`."""
        row = next(self.db.query("SELECT failures, last_failure_at FROM login_failures WHERE address_key = ? "
                                 "AND last_failure_at >= ?", [address_key, since]), None)
        return (int(row["failures"]), float(row["last_failure_at"])) if row else (0, None)

    def record_login_failure(self, address_key: str, now: float, since: float) -> int:
        """Count one more wrong password from an address (a run older than `since` starts again); returns the count."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO login_failures (address_key, failures, last_failure_at) VALUES (?, 1, ?) "
                "ON CONFLICT(address_key) DO UPDATE SET failures = CASE WHEN login_failures.last_failure_at >= ? "
                "THEN login_failures.failures + 1 ELSE 1 END, last_failure_at = excluded.last_failure_at",
                [address_key, now, since])
            return int(db.execute("SELECT failures FROM login_failures WHERE address_key = ?",
                                  [address_key]).fetchone()[0])

    def clear_login_failures(self, address_key: str) -> None:
        """Forget an address's wrong passwords (after a right one)."""
        self.db.execute("DELETE FROM login_failures WHERE address_key = ?", [address_key])

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
        if with_png:
            return list(self.db.query("SELECT * FROM frames WHERE game_id = ? ORDER BY seq", [game_id]))
        return list(self.db.query("SELECT id, game_id, seq, created_at, width, height FROM frames "
                                  "WHERE game_id = ? ORDER BY seq", [game_id]))

    def game_guesses(self, game_id: str) -> list[dict]:
        """A game's guesses in the order they arrived."""
        return list(self.db.query("SELECT * FROM guesses WHERE game_id = ? ORDER BY created_at, id", [game_id]))

    def spend_since(self, since: float) -> float:
        """Dollars recorded since `since` by games and evals alike (unknown costs count as 0 here)."""
        row = next(self.db.query(
            "SELECT (SELECT COALESCE(SUM(cost_usd), 0) FROM guesses WHERE created_at >= ?) + "
            "(SELECT COALESCE(SUM(cost_usd), 0) FROM eval_results WHERE created_at >= ?) AS total",
            [since, since]))
        return float(row["total"])

    def games_since(self, since: float) -> list[dict]:
        """Finished games that started since `since`, for statistics."""
        return list(self.db.query(
            "SELECT id, word, player_id, status, started_at, ended_at, winner, duration_s, hidden FROM games "
            "WHERE status != 'active' AND started_at >= ? ORDER BY started_at", [since]))

    def guesses_since(self, since: float) -> list[dict]:
        """Guess rows of games that started since `since`, for statistics."""
        return list(self.db.query(
            "SELECT g.* FROM guesses g JOIN games ON games.id = g.game_id "
            "WHERE games.status != 'active' AND games.started_at >= ? ORDER BY g.created_at, g.id", [since]))

    # -- evals -------------------------------------------------------------------------------

    def create_eval_run(self, run: dict[str, Any]) -> int:
        """Record a new eval run; returns its id."""
        return int(self.db["eval_runs"].insert(run).last_pk)

    def finish_eval_run(self, run_id: int, drawings_done: int, spend_usd: float, status: str) -> None:
        """Close an eval run with what it did."""
        self.db.execute("UPDATE eval_runs SET drawings_done = ?, spend_usd = ?, status = ? WHERE id = ?",
                        [drawings_done, spend_usd, status, run_id])

    def insert_eval_results(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert eval result rows in one transaction."""
        rows = list(rows)
        if rows:
            with self.transaction() as db:
                db["eval_results"].insert_all(rows)

    def eval_runs(self, limit: int = 20) -> list[dict]:
        """The latest eval runs, newest first."""
        return list(self.db.query("SELECT * FROM eval_runs ORDER BY id DESC LIMIT ?", [limit]))

    def eval_results(self, run_id: int) -> list[dict]:
        """One run's results in order."""
        return list(self.db.query("SELECT * FROM eval_results WHERE run_id = ? ORDER BY id", [run_id]))

    def finished_games_with_frames(self, limit: int) -> list[dict]:
        """Recent finished, visible games that still have frames, for evals."""
        return list(self.db.query(
            "SELECT * FROM games WHERE status != 'active' AND hidden = 0 AND "
            "EXISTS (SELECT 1 FROM frames f WHERE f.game_id = games.id) ORDER BY ended_at DESC LIMIT ?", [limit]))

    def integrity_check(self) -> str:
        """SQLite's own verdict on the file: 'ok' when sound."""
        return next(self.db.query("PRAGMA integrity_check"))["integrity_check"]

    # -- replays, moderation and the public lists ------------------------------------------

    def save_replay(self, game_id: str, gif: bytes, frames: int, now: float) -> None:
        """Store (or replace) a game's animated replay."""
        self.db["replays"].insert({"game_id": game_id, "created_at": now, "frames": frames, "gif": gif},
                                  replace=True)

    def get_replay(self, game_id: str) -> bytes | None:
        """A game's replay GIF, or None."""
        row = next(self.db.query("SELECT gif FROM replays WHERE game_id = ?", [game_id]), None)
        return row["gif"] if row else None

    def latest_frame(self, game_id: str) -> dict | None:
        """A game's newest stored frame, or None."""
        return next(self.db.query(
            "SELECT * FROM frames WHERE game_id = ? ORDER BY seq DESC LIMIT 1", [game_id]), None)

    def latest_frame_meta(self, game_id: str) -> dict | None:
        """A game's newest stored frame without its image: seq, time and size; None before the first."""
        return next(self.db.query(
            "SELECT seq, created_at, width, height FROM frames WHERE game_id = ? ORDER BY seq DESC LIMIT 1",
            [game_id]), None)

    def frame_png(self, game_id: str, seq: int) -> bytes | None:
        """One stored frame's PNG, or None."""
        row = next(self.db.query("SELECT png FROM frames WHERE game_id = ? AND seq = ?", [game_id, seq]), None)
        return row["png"] if row else None

    def running_public_games(self) -> list[dict]:
        """Running games anyone may watch: not hidden, and no drawing a model declined; oldest first."""
        return list(self.db.query(
            "SELECT * FROM games WHERE status = ? AND hidden = 0 AND NOT EXISTS "
            "(SELECT 1 FROM guesses g WHERE g.game_id = games.id AND g.refused = 1) ORDER BY started_at, id",
            [ACTIVE]))

    def refusal_count(self, game_id: str) -> int:
        """How many refusals or safety blocks a game's drawing got."""
        row = next(self.db.query("SELECT COUNT(*) AS n FROM guesses WHERE game_id = ? AND refused = 1", [game_id]))
        return int(row["n"])

    def flag_game(self, game_id: str, refusals: int) -> None:
        """Hide a game until an admin looks at it."""
        self.db.execute("UPDATE games SET hidden = 1, moderation = 'pending', refusals = ? WHERE id = ?",
                        [refusals, game_id])

    def moderate(self, game_id: str, approve: bool) -> bool:
        """An admin's verdict on a flagged game: approved games are shown again."""
        cur = self.db.execute(
            "UPDATE games SET hidden = ?, moderation = ? WHERE id = ? AND moderation IS NOT NULL",
            [0 if approve else 1, "approved" if approve else "rejected", game_id])
        return cur.rowcount == 1

    def pending_games(self) -> list[dict]:
        """Games waiting for an admin, oldest first."""
        return list(self.db.query(
            "SELECT * FROM games WHERE moderation = 'pending' ORDER BY ended_at, id"))

    def flagged_times(self, player_id: str, since: float) -> list[float]:
        """When this player's flagged games (pending or rejected) started, since `since`."""
        return [r["started_at"] for r in self.db.query(
            "SELECT started_at FROM games WHERE player_id = ? AND started_at >= ? "
            "AND moderation IN ('pending', 'rejected') ORDER BY started_at", [player_id, since])]

    def leaderboard(self, since: float = 0.0, word: str | None = None) -> list[dict]:
        """Won, visible games since `since` (optionally of one word), fastest first, with their rank.

        Ties go to the earlier game, then to the smaller id, so the order never changes between reads.
        """
        rows = self.db.query(
            "SELECT id, word, player_id, player_name, winner, duration_s, ended_at FROM games "
            "WHERE status = 'won' AND hidden = 0 AND started_at >= ? AND (? IS NULL OR word = ?) "
            "ORDER BY duration_s ASC, ended_at ASC, id ASC", [since, word or None, word or None])
        return [dict(r, rank=i) for i, r in enumerate(rows, start=1)]

    def recent_finished(self, limit: int = 12) -> list[dict]:
        """The latest visible finished games that have a replay, newest first."""
        return list(self.db.query(
            "SELECT g.* FROM games g JOIN replays r ON r.game_id = g.id "
            "WHERE g.status != 'active' AND g.hidden = 0 ORDER BY g.ended_at DESC, g.id LIMIT ?", [limit]))

    def recent_winners(self, limit: int = 5) -> list[dict]:
        """The latest visible won games, newest first."""
        return list(self.db.query(
            "SELECT * FROM games WHERE status = 'won' AND hidden = 0 ORDER BY ended_at DESC, id LIMIT ?", [limit]))

    def words_played(self) -> list[str]:
        """Every word that has a won, visible game, alphabetically."""
        return [r["word"] for r in self.db.query(
            "SELECT DISTINCT word FROM games WHERE status = 'won' AND hidden = 0 ORDER BY word")]

    def prune_drawings(self, before: float) -> int:
        """Delete the frames and replays of games that ended before `before`; games and guesses stay."""
        ended = "SELECT id FROM games WHERE status != 'active' AND ended_at < ?"
        with self.transaction() as db:
            n = db.execute("SELECT COUNT(*) FROM games WHERE status != 'active' AND ended_at < ?",
                           [before]).fetchone()[0]
            db.execute("DELETE FROM frames WHERE game_id IN (" + ended + ")", [before])
            db.execute("DELETE FROM replays WHERE game_id IN (" + ended + ")", [before])
        return n

    def count(self, table: str) -> int:
        """Row count of one of the app's tables."""
        if table not in ("players", "games", "frames", "guesses", "replays", "eval_runs", "eval_results"):
            raise ValueError(f"unknown table {table!r}")
        return self.db[table].count
