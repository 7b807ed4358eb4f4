"""The database: the one owner of the schema and its migrations, and every named query the app runs.

The same queries run on SQLite (the embedded default) and PostgreSQL (`DATABASE_URL`); what differs
between the two lives in `core/dialect.py`. Several app processes may share one database: it is the
one place of truth for the queue, the running games, heartbeats, spend and moderation.
"""
from __future__ import annotations

import contextlib
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from core.dialect import TYPES, SQLiteBackend, StoreBusy, StoreConflict, StoreError, open_backend
from core.guess_rows import LEGACY_OUTCOME_SQL

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
ACTIVE = "active"
END_STATUSES = ("won", "timeout", "quit", "abandoned")
__all__ = ["ACTIVE", "END_STATUSES", "SCHEMA_VERSION", "Store", "StoreBusy", "StoreConflict", "StoreError",
           "game_deadline"]


@dataclass(frozen=True)
class Table:
    """One table of the schema: (column, kind) pairs, its key, and what may not be null."""

    columns: tuple[tuple[str, str], ...]
    pk: str | None = None
    not_null: frozenset[str] = frozenset()
    defaults: dict[str, int | str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)  # column -> "table(column)"

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c for c, _ in self.columns)


def _default_sql(value: int | str) -> str:
    """A column default as SQL: a number, or a short code such as a language ('en'), quoted."""
    if isinstance(value, str):
        if not re.fullmatch(r"[a-z]{1,8}", value):
            raise ValueError(f"a text default must be a short lower-case code: {value!r}")
        return f"'{value}'"
    return str(int(value))


def _t(spec: str, pk: str | None = None, not_null: str = "", defaults: dict | None = None,
       references: dict | None = None) -> Table:
    cols = tuple(tuple(part.split(":")) for part in spec.split())
    return Table(cols, pk, frozenset(not_null.split()), defaults or {}, references or {})


# The schema as it is now. Tables are created if missing and columns added if missing (the
# migrations below run once each, recorded in schema_migrations), so a database made by any
# earlier version of the app, on either engine, is brought up to date at start-up.
SCHEMA: dict[str, Table] = {
    "players": _t("id:text nickname:text created_at:real last_seen:real", pk="id", not_null="created_at"),
    "games": _t(
        "id:text word:text player_id:text player_name:text status:text started_at:real ended_at:real "
        "winner:text duration_s:real game_seconds:real hidden:int moderation:text refusals:int "
        "deadline:real owner:text last_seen:real origin:text "
        "wrote_word:int wrote_word_text:text wrote_word_frame:int wrote_word_review:text winner_human:int "
        "word_list:text difficulty:text pack:text review_note:text lang:text",
        pk="id", not_null="word player_id status started_at",
        defaults={"hidden": 0, "wrote_word": 0, "winner_human": 0, "lang": "en"},  # games before languages: English
        references={"player_id": "players(id)"}),
    "frames": _t("id:serial game_id:text seq:int created_at:real width:int height:int png:blob",
                 pk="id", not_null="game_id seq png", references={"game_id": "games(id)"}),
    "guesses": _t(
        "id:serial game_id:text frame_seq:int guesser:text model:text text:text normalized:text correct:int "
        "created_at:real latency_ms:real input_tokens:int output_tokens:int cost_usd:real error:text "
        "requested_at:real refused:int stale:int won:int reason:text written:int human:int player_id:text "
        "profanity:int hidden:int approval:text origin:text outcome:text",
        pk="id", not_null="game_id guesser created_at",
        defaults={"correct": 0, "refused": 0, "stale": 0, "won": 0, "written": 0, "human": 0, "profanity": 0,
                  "hidden": 0},
        references={"game_id": "games(id)"}),
    "replays": _t("game_id:text created_at:real frames:int gif:blob", pk="game_id", not_null="gif",
                  references={"game_id": "games(id)"}),
    "eval_runs": _t("id:serial created_at:real source:text variants:text guessers:text drawings_planned:int "
                    "drawings_done:int spend_usd:real status:text", pk="id", not_null="created_at status"),
    "eval_results": _t(
        "id:serial run_id:int drawing:text word:text guesser:text model:text variant:text frame_index:int "
        "frames_total:int fraction:real text:text correct:int created_at:real latency_ms:real input_tokens:int "
        "output_tokens:int cost_usd:real error:text", pk="id", not_null="run_id guesser created_at",
        references={"run_id": "eval_runs(id)"}),
    "login_failures": _t("address_key:text failures:int last_failure_at:real", pk="address_key",
                         not_null="failures last_failure_at"),
    "queue": _t("player_id:text joined_at:real last_seen:real origin:text process_id:text pack:text level:text "
                "room:int lang:text game_seconds:real", pk="player_id",
                not_null="joined_at last_seen", defaults={"lang": "en"}),
    "processes": _t("id:text host:text pid:int started_at:real heartbeat_at:real", pk="id",
                    not_null="heartbeat_at"),
    "drafts": _t("game_id:text drawing:text updated_at:real", pk="game_id", not_null="drawing"),
    "app_secrets": _t("name:text value:text", pk="name", not_null="value"),
    "word_lists": _t("id:serial name:text body:text words:int unknown:int created_at:real active:text",
                     pk="id", not_null="name body created_at"),
    "schema_migrations": _t("version:int name:text applied_at:real", pk="version"),
    # The room of an event: its rules (one current event at a time), who is in it, and what hosts did.
    "events": _t("id:serial name:text created_at:real ended_at:real code:text approve_first:int room_size:int "
                 "generated_names:int show_words:int host_code:text", pk="id", not_null="created_at",
                 defaults={"approve_first": 0, "room_size": 0, "generated_names": 0, "show_words": 0}),
    "room_people": _t("event_id:int player_id:text joined_at:real origin:text status:text changed_at:real "
                      "changed_by:text", not_null="event_id player_id joined_at status",
                      references={"event_id": "events(id)"}),
    "audit_log": _t("id:serial at:real actor:text action:text target:text detail:text", pk="id",
                    not_null="at actor action"),
    # A counter per game (and BOARD for what every game's list shows) that the database's own triggers raise
    # at each write a live view shows, whichever process or path writes: live pushes compare it (core/push.py).
    "versions": _t("topic:text n:int", pk="topic", not_null="n"),
}
BOARD = "*"  # the versions row of what the board shows besides running games: the queue, winners, replays
# The writes that change a live document: (table, event, columns of an UPDATE, whose version it raises: "rows"
# the row's game, "games" the game and BOARD, "board" BOARD only). A heartbeat (last_seen) or a take-over raises none.
VERSIONED: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("guesses", "INSERT", (), "rows"),
    ("guesses", "UPDATE", ("text", "won", "stale", "reason", "hidden", "approval", "written"), "rows"),
    ("frames", "INSERT", (), "rows"),
    ("games", "INSERT", (), "games"),
    ("games", "UPDATE", ("status", "ended_at", "winner", "winner_human", "deadline", "hidden", "moderation",
                         "wrote_word", "wrote_word_review"), "games"),
    ("replays", "INSERT", (), "board"),
    ("replays", "UPDATE", (), "board"),
    ("queue", "INSERT", (), "board"),
    ("queue", "DELETE", (), "board"),
)


_LEGACY_SECONDS = "45"  # a game row from before lengths were stored lasted 45 s (migration 2; core.lengths agrees)
_OF_LENGTH = "ABS(COALESCE(game_seconds, " + _LEGACY_SECONDS + ") - ?) < 0.000001"  # one game length, not a hair off


def _watchable(games: str = "games") -> str:
    """SQL for core.visibility.watchable on the games table named `games`: not hidden, and no drawing a model
    declined unless an admin approved it since (the public lists and the routes give one answer)."""
    return (f"{games}.hidden = 0 AND ({games}.moderation = 'approved' OR NOT EXISTS "
            f"(SELECT 1 FROM guesses refusal WHERE refusal.game_id = {games}.id AND refusal.refused = 1))")


INDEXES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("frames", ("game_id", "seq"), True),
    ("games", ("status", "hidden", "duration_s"), False),
    ("games", ("status",), False),
    ("games", ("player_id",), False),
    ("games", ("owner", "status"), False),
    ("guesses", ("game_id", "created_at"), False),
    ("guesses", ("created_at",), False),
    ("guesses", ("game_id", "player_id"), False),
    ("eval_results", ("run_id",), False),
    ("eval_results", ("created_at",), False),
    ("queue", ("joined_at",), False),
    ("guesses", ("origin", "created_at"), False),
    ("guesses", ("player_id", "created_at"), False),
    ("guesses", ("approval",), False),
    ("room_people", ("event_id", "player_id"), True),
    ("room_people", ("event_id", "origin"), False),
    ("audit_log", ("at",), False),
)
EXPORTED = ("players", "games", "frames", "guesses", "replays", "eval_runs", "eval_results", "word_lists", "events",
            "room_people", "audit_log")
EVENT_RULES = ("name", "code", "approve_first", "room_size", "generated_names", "show_words", "host_code")
ROOM_STATUSES = ("in", "removed", "banned")
LIST_SCOPES = ("all", "room")  # an event list is active for every game, or for the room's (presenter mode's) only


def game_deadline(game: dict[str, Any]) -> float:
    """When a game must end: its stored deadline, else (a row not stored yet) its start plus its length."""
    return game.get("deadline") or game["started_at"] + (game.get("game_seconds") or 0)


def _migrate_deadlines(store: "Store") -> None:
    """Games from before the deadline column: their deadline is their start plus their length."""
    store.execute("UPDATE games SET deadline = started_at + COALESCE(game_seconds, 45) WHERE deadline IS NULL")


def _migrate_secret_file(store: "Store") -> None:
    """A player secret kept in the data directory by an earlier version moves into the database, so the
    player ids it signed stay valid and every replica signs with the same one."""
    path = store.legacy_secret_path
    if path is not None and path.exists() and not store.query("SELECT 1 FROM app_secrets WHERE name = ?",
                                                               ["player_secret"]):
        data = path.read_bytes()
        if len(data) >= 32:
            store.execute("INSERT INTO app_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                          ["player_secret", data.hex()])


def _migrate_outcomes(store: "Store") -> None:
    """Guess rows from before the outcome column: their kind, read from their error text as stats used to."""
    store.execute(f"UPDATE guesses SET outcome = {LEGACY_OUTCOME_SQL} WHERE outcome IS NULL")


MIGRATIONS: tuple[tuple[int, str, Any], ...] = (
    (1, "the tables of the single-process app", None),
    (2, "deadlines for games that had none", _migrate_deadlines),
    (3, "the player secret moves from a file into the database", _migrate_secret_file),
    (4, "each guess row's outcome kind, from its error text", _migrate_outcomes),
)


class Store:
    """The app's database, SQLite or PostgreSQL; safe to share between threads and between processes."""

    def __init__(self, path: str | Path | None = None, timeout: float = 10.0, max_mb: float = 0.0,
                 database_url: str = "", legacy_secret_path: Path | None = None):
        self.path = Path(path) if path is not None else None
        self.legacy_secret_path = legacy_secret_path
        if not database_url and self.path is None:
            raise StoreError("a database needs a file path or DATABASE_URL")
        self.backend = open_backend(database_url, self.path, max_mb) if database_url \
            else SQLiteBackend(self.path, timeout=timeout, max_mb=max_mb)
        try:
            self.migrate()
        except StoreError:
            raise
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot prepare the database: {exc}") from exc

    # -- the few primitives every named query uses -----------------------------------------

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.backend.name

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        """Rows of a read (`?` placeholders, on either engine)."""
        return self.backend.query(sql, params)

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict | None:
        """The first row of a read, or None."""
        rows = self.backend.query(sql, params)
        return rows[0] if rows else None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """A write; the number of rows it changed."""
        return self.backend.execute(sql, params)

    @contextlib.contextmanager
    def transaction(self, lock: str | None = None) -> Iterator["Store"]:
        """A short write transaction in this thread; `lock` (e.g. "lobby") also serialises it with every
        other process's transactions that take the same lock."""
        with self.backend.transaction(lock):
            yield self

    def insert(self, table: str, row: dict[str, Any]) -> int | None:
        """Insert one row; returns its new id when the table numbers its rows."""
        cols = self._checked_columns(table, row)
        returning = " RETURNING id" if SCHEMA[table].columns[0] == ("id", "serial") else ""
        sql = (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}){returning}")
        if returning:
            return int(self.backend.query(sql, [row[c] for c in cols])[0]["id"])
        self.backend.execute(sql, [row[c] for c in cols])
        return None

    def insert_many(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        """Insert rows that share their columns, in one statement per shape."""
        by_shape: dict[tuple[str, ...], list[dict]] = {}
        for r in rows:
            by_shape.setdefault(tuple(self._checked_columns(table, r)), []).append(r)
        for cols, group in by_shape.items():
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            self.backend.executemany(sql, ([r[c] for c in cols] for r in group))

    @staticmethod
    def _checked_columns(table: str, row: dict[str, Any]) -> list[str]:
        known = SCHEMA[table].names  # column names come from code, never from a visitor: still, check them
        cols = [c for c in row if c in known]
        if len(cols) != len(row):
            raise ValueError(f"unknown column(s) for {table}: {sorted(set(row) - set(known))}")
        return cols

    def close(self) -> None:
        """Close this thread's connection (SQLite)."""
        self.backend.close()

    def shutdown(self) -> None:
        """Close every connection (this thread's, the spare ones, the PostgreSQL pool)."""
        self.backend.close()
        self.backend.shutdown()

    @property
    def copy_command(self) -> str | None:
        """The command that copies the whole database, when the app cannot (PostgreSQL: pg_dump)."""
        return self.backend.copy_command

    def copy_to(self, path: Path) -> None:
        """A consistent copy of the whole database in a new SQLite file (StoreError where the engine cannot)."""
        self.backend.copy_to(path)

    def describe(self) -> str:
        """Which engine, and where (no password)."""
        return self.backend.describe()

    def integrity_check(self) -> str:
        """The engine's verdict on the stored data: 'ok' when sound."""
        return self.backend.integrity_check()

    # -- schema and migrations ---------------------------------------------------------------

    def _ddl(self, name: str, table: Table) -> str:
        types = TYPES[self.dialect]
        parts = []
        for col, kind in table.columns:
            if col == table.pk and kind == "serial":
                parts.append(self.backend.serial_key(col))
                continue
            spec = f"{col} {types[kind]}"
            if col == table.pk:
                spec += " PRIMARY KEY"
            if col in table.not_null:
                spec += " NOT NULL"
            if col in table.defaults:
                spec += f" DEFAULT {_default_sql(table.defaults[col])}"
            if col in table.references:
                spec += f" REFERENCES {table.references[col]}"
            parts.append(spec)
        return f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(parts)})"

    def migrate(self) -> None:
        """Bring the schema up to date, once, whichever process gets there first (the others wait)."""
        with self.transaction(lock="schema"):
            for name, table in SCHEMA.items():
                self.execute(self._ddl(name, table))
            for name, table in SCHEMA.items():
                have = self.backend.columns(name)
                for col, kind in table.columns:
                    if col not in have:
                        default = f" DEFAULT {_default_sql(table.defaults[col])}" if col in table.defaults else ""
                        self.execute(f"ALTER TABLE {name} ADD COLUMN {col} {TYPES[self.dialect][kind]}{default}")
            for table, cols, unique in INDEXES:
                self.execute(f"CREATE {'UNIQUE ' if unique else ''}INDEX IF NOT EXISTS idx_{table}_{'_'.join(cols)} "
                             f"ON {table} ({', '.join(cols)})")
            for statement in self.backend.version_triggers(VERSIONED, BOARD):
                self.execute(statement)
            done = {r["version"] for r in self.query("SELECT version FROM schema_migrations")}
            for version, name, step in MIGRATIONS:
                if version in done:
                    continue
                if step is not None:
                    step(self)
                self.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             [version, name, time.time()])
            self.backend.schema_done(SCHEMA_VERSION)

    def migrations_applied(self) -> list[int]:
        """The migration versions this database has run."""
        return [r["version"] for r in self.query("SELECT version FROM schema_migrations ORDER BY version")]

    # -- secrets shared by every process -----------------------------------------------------

    def shared_secret(self, name: str, candidate: bytes) -> bytes:
        """The secret stored under `name`; the first process to ask stores its `candidate`, so all agree."""
        self.execute("INSERT INTO app_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                     [name, candidate.hex()])
        return bytes.fromhex(self.one("SELECT value FROM app_secrets WHERE name = ?", [name])["value"])

    # -- players -----------------------------------------------------------------------------

    def touch_player(self, player_id: str, now: float) -> None:
        """Create the player if new, and mark them seen now."""
        self.execute(
            "INSERT INTO players (id, created_at, last_seen) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen",
            [player_id, now, now])

    def set_nickname(self, player_id: str, nickname: str, game_id: str | None = None) -> None:
        """Save a player's nickname, and on their game when one is given."""
        with self.transaction():
            self.execute("UPDATE players SET nickname = ? WHERE id = ?", [nickname, player_id])
            if game_id is not None:
                self.execute("UPDATE games SET player_name = ? WHERE id = ? AND player_id = ?",
                             [nickname, game_id, player_id])

    def get_player(self, player_id: str) -> dict | None:
        """One player row, or None."""
        return self.one("SELECT * FROM players WHERE id = ?", [player_id])

    # -- admin sign-in ---------------------------------------------------------------------

    def login_failures(self, address_key: str, since: float) -> tuple[int, float | None]:
        """Wrong admin passwords in a row from one address, and when the latest was; (0, None) if none since `since`."""
        row = self.one("SELECT failures, last_failure_at FROM login_failures WHERE address_key = ? "
                       "AND last_failure_at >= ?", [address_key, since])
        return (int(row["failures"]), float(row["last_failure_at"])) if row else (0, None)

    def record_login_failure(self, address_key: str, now: float, since: float) -> int:
        """Count one more wrong password from an address (a run older than `since` starts again); returns the count."""
        return int(self.query(
            "INSERT INTO login_failures (address_key, failures, last_failure_at) VALUES (?, 1, ?) "
            "ON CONFLICT (address_key) DO UPDATE SET failures = CASE WHEN login_failures.last_failure_at >= ? "
            "THEN login_failures.failures + 1 ELSE 1 END, last_failure_at = excluded.last_failure_at "
            "RETURNING failures", [address_key, now, since])[0]["failures"])

    def clear_login_failures(self, address_key: str) -> None:
        """Forget an address's wrong passwords (after a right one)."""
        self.execute("DELETE FROM login_failures WHERE address_key = ?", [address_key])

    # -- games -------------------------------------------------------------------------------

    def insert_game(self, game: dict[str, Any]) -> None:
        """Insert a new game row (a running game, status ACTIVE) with its deadline (`game_deadline`)."""
        game = dict(game, deadline=game_deadline(game))
        self.insert("games", game)

    def end_game(self, game_id: str, status: str, ended_at: float, winner: str | None = None,
                 by_deadline: bool = False, winner_human: bool = False) -> bool:
        """Close an active game; False if it was already closed (whoever raced: one result per game).

        `by_deadline` also requires the deadline not to have passed (a win must come in time).
        """
        if status not in END_STATUSES:
            raise ValueError(f"unknown end status {status!r}")
        extra = " AND deadline >= ?" if by_deadline else ""
        return self.execute(
            "UPDATE games SET status = ?, ended_at = ?, winner = ?, winner_human = ?, duration_s = ? - started_at "
            "WHERE id = ? AND status = ?" + extra,
            [status, ended_at, winner, int(winner_human), ended_at, game_id, ACTIVE,
             *([ended_at] if by_deadline else [])]) == 1

    def end_timed_out(self, now: float) -> list[dict]:
        """Close every game past its deadline as 'timeout'; the ones this call closed (id, owner)."""
        return self.query(
            "UPDATE games SET status = 'timeout', ended_at = ?, duration_s = ? - started_at "
            "WHERE status = ? AND deadline <= ? RETURNING id, owner", [now, now, ACTIVE, now])

    def end_silent(self, now: float, idle_s: float) -> list[dict]:
        """Close every game whose player has been silent for `idle_s` as 'abandoned'; the ones closed."""
        return self.query(
            "UPDATE games SET status = 'abandoned', ended_at = ?, duration_s = ? - started_at "
            "WHERE status = ? AND COALESCE(last_seen, started_at) < ? RETURNING id, owner",
            [now, now, ACTIVE, now - idle_s])

    def get_game(self, game_id: str) -> dict | None:
        """One game row, or None."""
        return self.one("SELECT * FROM games WHERE id = ?", [game_id])

    def active_games(self) -> list[dict]:
        """Every game still marked active, oldest first."""
        return self.query("SELECT * FROM games WHERE status = ? ORDER BY started_at, id", [ACTIVE])

    def active_game_for_player(self, player_id: str) -> dict | None:
        """The player's running game, or None."""
        return self.one("SELECT * FROM games WHERE player_id = ? AND status = ? ORDER BY started_at DESC LIMIT 1",
                        [player_id, ACTIVE])

    def count_active(self) -> int:
        """How many games run now (in every process)."""
        return int(self.one("SELECT COUNT(*) AS n FROM games WHERE status = ?", [ACTIVE])["n"])

    def latest_game_for_player(self, player_id: str) -> dict | None:
        """The player's most recent game, or None."""
        return self.one("SELECT * FROM games WHERE player_id = ? ORDER BY started_at DESC LIMIT 1", [player_id])

    def words_for_player(self, player_id: str) -> list[str]:
        """Every word this player has been given."""
        return [r["word"] for r in self.query("SELECT word FROM games WHERE player_id = ?", [player_id])]

    def see_game(self, game_id: str, now: float) -> None:
        """The game's player is still there (their heartbeat)."""
        self.execute("UPDATE games SET last_seen = ? WHERE id = ? AND status = ?", [now, game_id, ACTIVE])

    def games_owned(self, process_id: str) -> list[dict]:
        """The running games a process runs the guessers of."""
        return self.query("SELECT * FROM games WHERE owner = ? AND status = ?", [process_id, ACTIVE])

    def take_over(self, game_id: str, new_owner: str, old_owner: str | None) -> bool:
        """Move a running game's guessers to `new_owner`, unless another process moved it first."""
        if old_owner is None:
            return self.execute("UPDATE games SET owner = ? WHERE id = ? AND status = ? AND owner IS NULL",
                                [new_owner, game_id, ACTIVE]) == 1
        return self.execute("UPDATE games SET owner = ? WHERE id = ? AND status = ? AND owner = ?",
                            [new_owner, game_id, ACTIVE, old_owner]) == 1

    def release_games(self, process_id: str) -> int:
        """A process that stops leaves its running games for another to take over."""
        return self.execute("UPDATE games SET owner = NULL WHERE owner = ? AND status = ?", [process_id, ACTIVE])

    # -- the queue ---------------------------------------------------------------------------

    def queued(self, player_id: str) -> dict | None:
        """The player's queue row, or None."""
        return self.one("SELECT * FROM queue WHERE player_id = ?", [player_id])

    def enqueue(self, player_id: str, now: float, origin: str | None, process_id: str,
                pack: str | None = None, level: str | None = None, room: bool = False, lang: str = "en",
                game_seconds: float | None = None) -> None:
        """Put a player at the back of the queue, with the words they chose (pack, difficulty), whether
        they came with the room, the language their game is played in and its length (None: the standard)."""
        self.insert("queue", {"player_id": player_id, "joined_at": now, "last_seen": now, "origin": origin,
                              "process_id": process_id, "pack": pack, "level": level, "room": int(room),
                              "lang": lang, "game_seconds": game_seconds})

    def see_queued(self, player_id: str, now: float, process_id: str) -> None:
        """The queued player is still there, on this process."""
        self.execute("UPDATE queue SET last_seen = ?, process_id = ? WHERE player_id = ?", [now, process_id, player_id])

    def dequeue(self, player_id: str) -> int:
        """Take a player out of the queue."""
        return self.execute("DELETE FROM queue WHERE player_id = ?", [player_id])

    def queue_front(self, limit: int) -> list[dict]:
        """The first players of the queue, in order (join time, then id)."""
        return self.query("SELECT * FROM queue ORDER BY joined_at, player_id LIMIT ?", [limit])

    def queue_position(self, player_id: str) -> tuple[int, int] | None:
        """(1-based place, queue length) of a queued player, or None."""
        row = self.one(
            "SELECT (SELECT COUNT(*) FROM queue o WHERE o.joined_at < q.joined_at OR "
            "(o.joined_at = q.joined_at AND o.player_id <= q.player_id)) AS position, "
            "(SELECT COUNT(*) FROM queue) AS length FROM queue q WHERE q.player_id = ?", [player_id])
        return (int(row["position"]), int(row["length"])) if row else None

    def queue_length(self) -> int:
        """How many players wait (in every process)."""
        return int(self.one("SELECT COUNT(*) AS n FROM queue")["n"])

    def drop_silent_queued(self, now: float, idle_s: float) -> int:
        """Forget queued players silent for `idle_s`."""
        return self.execute("DELETE FROM queue WHERE last_seen < ?", [now - idle_s])

    def seats_of(self, origin: str) -> int:
        """Queued and playing seats held under one origin (a client address's pseudonym)."""
        row = self.one("SELECT (SELECT COUNT(*) FROM queue WHERE origin = ?) + "
                       "(SELECT COUNT(*) FROM games WHERE origin = ? AND status = ?) AS n", [origin, origin, ACTIVE])
        return int(row["n"])

    def active_deadlines(self) -> list[float]:
        """When each running game ends, at the latest."""
        return [r["deadline"] for r in self.query("SELECT deadline FROM games WHERE status = ?", [ACTIVE])]

    # -- processes -----------------------------------------------------------------------------

    def process_alive(self, process_id: str, host: str, pid: int, now: float) -> None:
        """A process's heartbeat (created on its first)."""
        self.execute("INSERT INTO processes (id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
                     [process_id, host, pid, now, now])

    def live_processes(self, since: float) -> set[str]:
        """The processes that gave a heartbeat since `since`."""
        return {r["id"] for r in self.query("SELECT id FROM processes WHERE heartbeat_at >= ?", [since])}

    def process_gone(self, process_id: str) -> None:
        """A process stopped cleanly."""
        self.execute("DELETE FROM processes WHERE id = ?", [process_id])

    def forget_dead_processes(self, before: float) -> int:
        """Drop the rows of processes silent since long before `before`."""
        return self.execute("DELETE FROM processes WHERE heartbeat_at < ?", [before])

    # -- drafts: the canvas of each running game, so another process can resume it --------------

    def save_draft(self, game_id: str, drawing: str, now: float) -> None:
        """Keep a running game's canvas (Fabric JSON)."""
        self.execute("INSERT INTO drafts (game_id, drawing, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT (game_id) DO UPDATE SET drawing = excluded.drawing, updated_at = excluded.updated_at",
                     [game_id, drawing, now])

    def draft(self, game_id: str) -> str | None:
        """A game's canvas as last saved, or None."""
        row = self.one("SELECT drawing FROM drafts WHERE game_id = ?", [game_id])
        return row["drawing"] if row else None

    def drop_drafts_of_ended(self) -> int:
        """Forget the canvases of games that are over (their frames keep the drawing)."""
        return self.execute("DELETE FROM drafts WHERE game_id NOT IN (SELECT id FROM games WHERE status = ?)",
                            [ACTIVE])

    # -- frames and guesses ------------------------------------------------------------------

    def insert_frames(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert frame rows in one transaction."""
        rows = list(rows)
        if rows:
            with self.transaction():
                self.insert_many("frames", rows)

    def insert_guesses(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert guess rows in one transaction."""
        rows = list(rows)
        if rows:
            with self.transaction():
                self.insert_many("guesses", rows)

    def game_frames(self, game_id: str, with_png: bool = True) -> list[dict]:
        """A game's frames in order."""
        cols = "*" if with_png else "id, game_id, seq, created_at, width, height"
        return self.query(f"SELECT {cols} FROM frames WHERE game_id = ? ORDER BY seq", [game_id])

    def max_frame_seq(self, game_id: str) -> int:
        """The newest stored frame's number of a game (0 before the first)."""
        return int(self.one("SELECT COALESCE(MAX(seq), 0) AS n FROM frames WHERE game_id = ?", [game_id])["n"])

    def game_guesses(self, game_id: str) -> list[dict]:
        """A game's guesses in the order they arrived."""
        return self.query("SELECT * FROM guesses WHERE game_id = ? ORDER BY created_at, id", [game_id])

    def recent_guesses(self, game_id: str, limit: int) -> list[dict]:
        """A game's newest `limit` guesses, in the order they arrived (a live view shows no more)."""
        return self.query("SELECT * FROM (SELECT * FROM guesses WHERE game_id = ? ORDER BY created_at DESC, id DESC "
                          "LIMIT ?) AS newest ORDER BY created_at, id", [game_id, limit])

    def game_refused(self, game_id: str) -> bool:
        """Whether a model declined a game's drawing (then nobody else may watch or guess it)."""
        return self.one("SELECT 1 AS x FROM guesses WHERE game_id = ? AND refused = 1 LIMIT 1", [game_id]) is not None

    def last_human_guess(self, game_id: str, player_id: str) -> float | None:
        """When this person last guessed this game, or None."""
        row = self.one("SELECT MAX(created_at) AS t FROM guesses WHERE game_id = ? AND player_id = ? AND human = 1",
                       [game_id, player_id])
        return row["t"] if row and row["t"] is not None else None

    def settle_human_guess(self, guess_id: int, won: bool, reason: str) -> None:
        """A right guess by a person: it won, or came too late (stale, with the reason that says so)."""
        self.execute("UPDATE guesses SET won = ?, stale = ?, reason = ? WHERE id = ?",
                     [int(won), int(not won), reason, guess_id])

    def human_guesses_after(self, game_id: str, after_id: int) -> list[dict]:
        """People's guesses of a game newer than row `after_id` (for the models' "already guessed" list)."""
        return self.query("SELECT id, text FROM guesses WHERE game_id = ? AND human = 1 AND id > ? ORDER BY id",
                          [game_id, after_id])

    def human_wins(self, since: float, length: float | None = None) -> list[dict]:
        """Each person's winning guess since `since` (visible games; optionally of one game length): who, under
        which name, how many seconds in."""
        where, params = "", [since]
        if length is not None:
            where, params = " AND " + _OF_LENGTH, params + [length]
        return self.query(
            "SELECT g.player_id, g.guesser AS nickname, g.created_at - games.started_at AS seconds FROM guesses g "
            "JOIN games ON games.id = g.game_id WHERE g.human = 1 AND g.won = 1 AND " + _watchable() + " AND "
            "games.started_at >= ?" + where + " ORDER BY g.created_at", params)

    def people_vs_models(self, since: float) -> dict[str, int]:
        """Games won by people and by models since `since`."""
        row = self.one("SELECT COALESCE(SUM(CASE WHEN winner_human = 1 THEN 1 ELSE 0 END), 0) AS people, "
                       "COALESCE(SUM(CASE WHEN winner_human = 1 THEN 0 ELSE 1 END), 0) AS models "
                       "FROM games WHERE status = 'won' AND started_at >= ?", [since])
        return {"people": int(row["people"]), "models": int(row["models"])}

    def spend_since(self, since: float) -> float:
        """Dollars recorded since `since` by games and evals alike (unknown costs count as 0 here)."""
        row = self.one(
            "SELECT (SELECT COALESCE(SUM(cost_usd), 0) FROM guesses WHERE created_at >= ?) + "
            "(SELECT COALESCE(SUM(cost_usd), 0) FROM eval_results WHERE created_at >= ?) AS total", [since, since])
        return float(row["total"])

    def games_since(self, since: float, with_written: bool = False) -> list[dict]:
        """Finished games that started since `since`, for statistics (those with the word written in them
        left out unless `with_written`)."""
        return self.query(
            "SELECT id, word, player_id, status, started_at, ended_at, winner, duration_s, hidden, wrote_word, "
            "winner_human, game_seconds FROM games WHERE status != ? AND started_at >= ? AND (wrote_word = 0 OR ? = 1) "
            "ORDER BY started_at",
            [ACTIVE, since, int(with_written)])

    def guesses_since(self, since: float, with_written: bool = False) -> list[dict]:
        """Guess rows of games that started since `since`, for statistics."""
        return self.query(
            "SELECT g.* FROM guesses g JOIN games ON games.id = g.game_id WHERE games.status != ? AND "
            "games.started_at >= ? AND (games.wrote_word = 0 OR ? = 1) ORDER BY g.created_at, g.id",
            [ACTIVE, since, int(with_written)])

    # -- evals -------------------------------------------------------------------------------

    def create_eval_run(self, run: dict[str, Any]) -> int:
        """Record a new eval run; returns its id."""
        return int(self.insert("eval_runs", run))

    def finish_eval_run(self, run_id: int, drawings_done: int, spend_usd: float, status: str) -> None:
        """Close an eval run with what it did."""
        self.execute("UPDATE eval_runs SET drawings_done = ?, spend_usd = ?, status = ? WHERE id = ?",
                     [drawings_done, spend_usd, status, run_id])

    def insert_eval_results(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert eval result rows in one transaction."""
        rows = list(rows)
        if rows:
            with self.transaction():
                self.insert_many("eval_results", rows)

    def eval_runs(self, limit: int = 20) -> list[dict]:
        """The latest eval runs, newest first."""
        return self.query("SELECT * FROM eval_runs ORDER BY id DESC LIMIT ?", [limit])

    def eval_results(self, run_id: int) -> list[dict]:
        """One run's results in order."""
        return self.query("SELECT * FROM eval_results WHERE run_id = ? ORDER BY id", [run_id])

    def finished_games_with_frames(self, limit: int) -> list[dict]:
        """Recent finished, visible games that still have frames, for evals."""
        return self.query(
            "SELECT * FROM games WHERE status != ? AND hidden = 0 AND "
            "EXISTS (SELECT 1 FROM frames f WHERE f.game_id = games.id) ORDER BY ended_at DESC LIMIT ?", [ACTIVE, limit])

    # -- replays, moderation and the public lists ------------------------------------------

    def save_replay(self, game_id: str, gif: bytes, frames: int, now: float) -> None:
        """Store (or replace) a game's animated replay."""
        self.execute("INSERT INTO replays (game_id, created_at, frames, gif) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (game_id) DO UPDATE SET created_at = excluded.created_at, "
                     "frames = excluded.frames, gif = excluded.gif", [game_id, now, frames, gif])

    def get_replay(self, game_id: str) -> bytes | None:
        """A game's replay GIF, or None."""
        row = self.one("SELECT gif FROM replays WHERE game_id = ?", [game_id])
        return bytes(row["gif"]) if row else None

    def latest_frame(self, game_id: str) -> dict | None:
        """A game's newest stored frame, or None."""
        return self.one("SELECT * FROM frames WHERE game_id = ? ORDER BY seq DESC LIMIT 1", [game_id])

    def latest_frame_meta(self, game_id: str) -> dict | None:
        """A game's newest stored frame without its image: seq, time and size; None before the first."""
        return self.one("SELECT seq, created_at, width, height FROM frames WHERE game_id = ? ORDER BY seq DESC LIMIT 1",
                        [game_id])

    def frame_png(self, game_id: str, seq: int) -> bytes | None:
        """One stored frame's PNG, or None."""
        row = self.one("SELECT png FROM frames WHERE game_id = ? AND seq = ?", [game_id, seq])
        return bytes(row["png"]) if row else None

    def game_version(self, game_id: str) -> int:
        """How many times the database changed what a game's live view shows (0: never, or no such game)."""
        row = self.one("SELECT n FROM versions WHERE topic = ?", [game_id])
        return int(row["n"]) if row else 0

    def board_version(self) -> tuple[int, int, int]:
        """What the board shows, as counters that move at each change: the board's own (queue, winners, replays),
        how many games run, and the sum of the running games' versions."""
        row = self.one("SELECT (SELECT n FROM versions WHERE topic = ?) AS board, COUNT(g.id) AS games, "
                       "COALESCE(SUM(v.n), 0) AS changes FROM games g LEFT JOIN versions v ON v.topic = g.id "
                       "WHERE g.status = ?", [BOARD, ACTIVE])
        return int(row["board"] or 0), int(row["games"]), int(row["changes"])

    def version_feed(self):
        """The topics (a game id, or BOARD) whose version other connections raise, as they commit (an async
        iterator; PostgreSQL's LISTEN), or None where the engine has no such feed (SQLite)."""
        return self.backend.version_feed()

    def change_stamp(self) -> int | None:
        """A number that moves at every commit to the database by anyone, read without waiting (SQLite), or None
        (PostgreSQL, whose feed wakes live views; or not readable right now)."""
        return self.backend.change_stamp()

    def running_public_games(self) -> list[dict]:
        """Running games anyone may watch: not hidden, and no drawing a model declined (unless approved); oldest
        first. The same rule as core.visibility.watchable, in SQL."""
        return self.query(
            "SELECT * FROM games WHERE status = ? AND " + _watchable() + " ORDER BY started_at, id",
            [ACTIVE])

    def refusal_count(self, game_id: str) -> int:
        """How many refusals or safety blocks a game's drawing got."""
        return int(self.one("SELECT COUNT(*) AS n FROM guesses WHERE game_id = ? AND refused = 1", [game_id])["n"])

    def flag_game(self, game_id: str, refusals: int) -> None:
        """Hide a game until an admin looks at it."""
        self.execute("UPDATE games SET hidden = 1, moderation = 'pending', refusals = ? WHERE id = ?",
                     [refusals, game_id])

    def hide_for_review(self, game_id: str, note: str) -> bool:
        """Hide a game (running or not) until an admin looks at it, saying why; False if no such game."""
        return self.execute("UPDATE games SET hidden = 1, moderation = 'pending', review_note = ? WHERE id = ?",
                            [note[:200], game_id]) == 1

    def moderate(self, game_id: str, approve: bool) -> bool:
        """An admin's verdict on a flagged game: approved games are shown again."""
        return self.execute("UPDATE games SET hidden = ?, moderation = ? WHERE id = ? AND moderation IS NOT NULL",
                            [0 if approve else 1, "approved" if approve else "rejected", game_id]) == 1

    def pending_games(self) -> list[dict]:
        """Games waiting for an admin, oldest first."""
        return self.query("SELECT * FROM games WHERE moderation = 'pending' ORDER BY ended_at, id")

    def flagged_times(self, player_id: str, since: float) -> list[float]:
        """When this player's strikes started, since `since`: games held for review (a model refused the
        drawing, or the filter or a host hid it), pending or rejected, and games an admin confirmed had the
        word written in them."""
        return [r["started_at"] for r in self.query(
            "SELECT started_at FROM games WHERE player_id = ? AND started_at >= ? AND "
            "(moderation IN ('pending', 'rejected') OR wrote_word_review = 'confirmed') ORDER BY started_at",
            [player_id, since])]

    # -- the room: its event, the people in it, the host's say over guesses, the audit ------------

    def current_event(self, now: float) -> dict:
        """The event now running (the room's rules); the first process to ask makes one, so all agree."""
        row = self.one("SELECT * FROM events WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1")
        if row is not None:
            return row
        with self.transaction(lock="room"):
            row = self.one("SELECT * FROM events WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1")
            if row is None:
                self.insert("events", {"name": "The room", "created_at": now})
                row = self.one("SELECT * FROM events WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1")
        return row

    def update_event(self, event_id: int, changes: dict[str, Any]) -> bool:
        """Change some of an event's rules (names from EVENT_RULES only)."""
        unknown = set(changes) - set(EVENT_RULES)
        if unknown or not changes:
            raise ValueError(f"unknown event rule(s): {sorted(unknown)}")
        cols = [c for c in EVENT_RULES if c in changes]  # column names come from the fixed list, never a visitor
        sets = ", ".join(f"{c} = ?" for c in cols)
        return self.execute(f"UPDATE events SET {sets} WHERE id = ? AND ended_at IS NULL",
                            [*(changes[c] for c in cols), event_id]) == 1

    def end_event(self, event_id: int, now: float) -> bool:
        """Close an event (its people and bans with it); the next read makes a new one."""
        return self.execute("UPDATE events SET ended_at = ? WHERE id = ? AND ended_at IS NULL", [now, event_id]) == 1

    def room_person(self, event_id: int, player_id: str) -> dict | None:
        """One person's place in an event's room, or None."""
        return self.one("SELECT * FROM room_people WHERE event_id = ? AND player_id = ?", [event_id, player_id])

    def enter_room(self, event_id: int, player_id: str, origin: str | None, now: float) -> None:
        """Put a person in an event's room (a person already there keeps their standing)."""
        self.execute("INSERT INTO room_people (event_id, player_id, joined_at, origin, status) VALUES (?, ?, ?, ?, 'in') "
                     "ON CONFLICT (event_id, player_id) DO NOTHING", [event_id, player_id, now, origin])

    def room_size(self, event_id: int) -> int:
        """How many people are in an event's room now."""
        return int(self.one("SELECT COUNT(*) AS n FROM room_people WHERE event_id = ? AND status = 'in'",
                            [event_id])["n"])

    def origin_banned(self, event_id: int, origin: str | None) -> bool:
        """Whether a person from this address was banned from the event."""
        return origin is not None and self.one(
            "SELECT 1 AS x FROM room_people WHERE event_id = ? AND origin = ? AND status = 'banned' LIMIT 1",
            [event_id, origin]) is not None

    def set_room_status(self, event_id: int, player_id: str, status: str, now: float, actor: str) -> bool:
        """A host's verdict on one person: in, removed or banned; False if they are not in the event's room."""
        if status not in ROOM_STATUSES:
            raise ValueError(status)
        return self.execute("UPDATE room_people SET status = ?, changed_at = ?, changed_by = ? WHERE event_id = ? "
                            "AND player_id = ?", [status, now, actor, event_id, player_id]) == 1

    def room_people(self, event_id: int, limit: int = 500) -> list[dict]:
        """The people of an event's room, newest first: nickname, standing, guesses made since joining, and how
        many others share their address."""
        return self.query(
            "SELECT rp.*, p.nickname, (SELECT COUNT(*) FROM guesses g WHERE g.player_id = rp.player_id AND "
            "g.human = 1 AND g.created_at >= rp.joined_at) AS guesses, (SELECT COUNT(*) FROM room_people o WHERE "
            "o.event_id = rp.event_id AND o.origin = rp.origin AND o.player_id != rp.player_id) AS shared "
            "FROM room_people rp LEFT JOIN players p ON p.id = rp.player_id WHERE rp.event_id = ? "
            "ORDER BY rp.joined_at DESC, rp.player_id LIMIT ?", [event_id, limit])

    def guesses_from(self, origin: str, since: float) -> int:
        """People's guesses from one address (its pseudonym) since `since`, every game counted."""
        return int(self.one("SELECT COUNT(*) AS n FROM guesses WHERE origin = ? AND created_at >= ?",
                            [origin, since])["n"])

    def guess_row(self, guess_id: int) -> dict | None:
        """One guess row, or None."""
        return self.one("SELECT * FROM guesses WHERE id = ?", [guess_id])

    def pending_guesses(self, limit: int = 50) -> list[dict]:
        """People's guesses of running games that wait for a host's approval, oldest first."""
        return self.query(
            "SELECT g.*, games.word FROM guesses g JOIN games ON games.id = g.game_id WHERE g.approval = 'pending' "
            "AND games.status = ? ORDER BY g.created_at, g.id LIMIT ?", [ACTIVE, limit])

    def set_approval(self, guess_id: int, approval: str) -> bool:
        """A host's verdict on a person's guess waiting to be shown: 'approved' or 'rejected'."""
        if approval not in ("approved", "rejected"):
            raise ValueError(approval)
        return self.execute("UPDATE guesses SET approval = ? WHERE id = ? AND human = 1", [approval, guess_id]) == 1

    def set_guess_hidden(self, guess_id: int, hidden: bool) -> bool:
        """Keep one guess from every public view (or show it again)."""
        return self.execute("UPDATE guesses SET hidden = ? WHERE id = ?", [int(hidden), guess_id]) == 1

    def latest_guesses(self, limit: int = 30) -> list[dict]:
        """The newest guesses of running games (a host's list to hide from), newest first."""
        return self.query(
            "SELECT g.*, games.word FROM guesses g JOIN games ON games.id = g.game_id WHERE games.status = ? "
            "ORDER BY g.created_at DESC, g.id DESC LIMIT ?", [ACTIVE, limit])

    def audit(self, now: float, actor: str, action: str, target: str, detail: str = "") -> None:
        """Record what a host or an admin did."""
        self.insert("audit_log", {"at": now, "actor": actor[:80], "action": action[:40], "target": str(target)[:80],
                                  "detail": detail[:300]})

    def audit_log(self, limit: int = 200) -> list[dict]:
        """What hosts and admins did, newest first."""
        return self.query("SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT ?", [limit])

    # -- the word written in the drawing ----------------------------------------------------------

    def flag_written(self, game_id: str, text: str, frame_seq: int) -> bool:
        """Record that a frame of the game spells its word in letters; False if it was already flagged
        (the first evidence is kept) or an admin cleared it."""
        return self.execute(
            "UPDATE games SET wrote_word = 1, wrote_word_text = ?, wrote_word_frame = ? WHERE id = ? "
            "AND COALESCE(wrote_word, 0) = 0 AND wrote_word_review IS NULL", [text[:200], frame_seq, game_id]) == 1

    def mark_written_win(self, game_id: str) -> int:
        """Mark the winning guess of a flagged game when it was made on a frame with the word written in it."""
        return self.execute(
            "UPDATE guesses SET written = 1 WHERE game_id = ? AND won = 1 AND frame_seq >= "
            "(SELECT wrote_word_frame FROM games WHERE id = ? AND wrote_word = 1)", [game_id, game_id])

    def written_games(self, limit: int = 50) -> list[dict]:
        """Games flagged for the word written in them, or reviewed, newest first."""
        return self.query("SELECT * FROM games WHERE wrote_word = 1 OR wrote_word_review IS NOT NULL "
                          "ORDER BY started_at DESC, id LIMIT ?", [limit])

    def review_written(self, game_id: str, confirm: bool) -> bool:
        """An admin's verdict on a written-word flag: confirmed stays off the leaderboard (and counts as a
        strike); cleared (a false alarm) goes back on it."""
        if confirm:
            return self.execute("UPDATE games SET wrote_word_review = 'confirmed' WHERE id = ? AND wrote_word = 1",
                                [game_id]) == 1
        return self.execute("UPDATE games SET wrote_word = 0, wrote_word_review = 'cleared' WHERE id = ? AND "
                            "(wrote_word = 1 OR wrote_word_review IS NOT NULL)", [game_id]) == 1

    def leaderboard(self, since: float = 0.0, word: str | None = None, difficulty: str | None = None,
                    length: float | None = None) -> list[dict]:
        """Won, visible games since `since` (optionally of one word, of one difficulty, of one game length in
        seconds: each length is ranked apart), fastest first, with their rank; a game with the word written in
        it never enters.

        Ties go to the earlier game, then to the smaller id, so the order never changes between reads.
        """
        where, params = "", [since]
        if word:
            where, params = where + " AND word = ?", params + [word]
        if difficulty:
            where, params = where + " AND difficulty = ?", params + [difficulty]
        if length is not None:
            where, params = where + " AND " + _OF_LENGTH, params + [length]
        rows = self.query(
            "SELECT id, word, word_list, lang, player_id, player_name, winner, winner_human, duration_s, ended_at, "
            "difficulty, game_seconds FROM games "
            "WHERE status = 'won' AND " + _watchable() + " AND wrote_word = 0 AND started_at >= ?" + where +
            " ORDER BY duration_s ASC, ended_at ASC, id ASC", params)
        return [dict(r, rank=i) for i, r in enumerate(rows, start=1)]

    def lengths_won(self) -> list[float]:
        """Every game length (seconds) a game that may enter the leaderboard was won at, shortest first."""
        return [float(r["seconds"]) for r in self.query(
            "SELECT DISTINCT COALESCE(game_seconds, " + _LEGACY_SECONDS + ") AS seconds FROM games WHERE status = 'won' "
            "AND hidden = 0 AND wrote_word = 0 ORDER BY seconds")]

    def recent_finished(self, limit: int = 12) -> list[dict]:
        """The latest visible finished games that have a replay, newest first."""
        return self.query(
            "SELECT g.* FROM games g JOIN replays r ON r.game_id = g.id "
            "WHERE g.status != ? AND " + _watchable("g") + " ORDER BY g.ended_at DESC, g.id LIMIT ?", [ACTIVE, limit])

    def recent_winners(self, limit: int = 5) -> list[dict]:
        """The latest visible won games, newest first."""
        return self.query("SELECT * FROM games WHERE status = 'won' AND " + _watchable() + " AND wrote_word = 0 "
                          "ORDER BY ended_at DESC, id LIMIT ?", [limit])

    def words_played(self) -> list[str]:
        """Every word that has a won, visible game, alphabetically."""
        return [r["word"] for r in self.query(
            "SELECT DISTINCT word FROM games WHERE status = 'won' AND hidden = 0 ORDER BY word")]

    # -- words: how played words fared, and the event lists --------------------------------------

    def word_results(self, word_list: str, longest: float | None = None) -> list[dict]:
        """Finished, visible games (won or timed out, no word written) of one word list, for difficulty; with
        `longest`, games longer than that many seconds (a player's "more time") are left out."""
        where, params = "", [word_list]
        if longest is not None:
            where, params = " AND COALESCE(game_seconds, " + _LEGACY_SECONDS + ") <= ?", params + [longest + 1e-6]
        return self.query(
            "SELECT word, status, duration_s, game_seconds FROM games WHERE status IN ('won', 'timeout') AND "
            "hidden = 0 AND wrote_word = 0 AND COALESCE(word_list, 'default') = ?" + where, params)

    def add_word_list(self, name: str, body: str, words: int, unknown: int, now: float) -> int:
        """Keep an event word list (already validated); returns its id."""
        return int(self.insert("word_lists", {"name": name, "body": body, "words": words, "unknown": unknown,
                                              "created_at": now, "active": None}))

    def word_lists(self) -> list[dict]:
        """The event lists, newest first, without their text."""
        return self.query("SELECT id, name, words, unknown, created_at, active FROM word_lists "
                          "ORDER BY created_at DESC, id DESC")

    def word_list(self, list_id: int) -> dict | None:
        """One event list with its text, or None."""
        return self.one("SELECT * FROM word_lists WHERE id = ?", [list_id])

    def active_word_list(self) -> dict | None:
        """The event list now in use (id, name, active scope), or None for words.txt."""
        return self.one("SELECT id, name, active FROM word_lists WHERE active IS NOT NULL ORDER BY id DESC LIMIT 1")

    def activate_word_list(self, list_id: int | None, scope: str = "all") -> bool:
        """Make one event list the one in use (for every game or the room's only), or none (words.txt)."""
        if scope not in LIST_SCOPES:
            raise ValueError(scope)
        with self.transaction():
            self.execute("UPDATE word_lists SET active = NULL WHERE active IS NOT NULL")
            return list_id is None or self.execute("UPDATE word_lists SET active = ? WHERE id = ?",
                                                   [scope, list_id]) == 1

    def delete_word_list(self, list_id: int) -> bool:
        """Forget an event list that is not in use (its games keep their words)."""
        return self.execute("DELETE FROM word_lists WHERE id = ? AND active IS NULL", [list_id]) == 1

    def prune_drawings(self, before: float) -> int:
        """Delete the frames and replays of games that ended before `before`, and the versions rows of those games
        and of games gone (nobody's live view needs them again); games and guesses stay."""
        ended = "SELECT id FROM games WHERE status != ? AND ended_at < ?"
        with self.transaction():
            n = int(self.one("SELECT COUNT(*) AS n FROM games WHERE status != ? AND ended_at < ?",
                             [ACTIVE, before])["n"])
            self.execute("DELETE FROM frames WHERE game_id IN (" + ended + ")", [ACTIVE, before])
            self.execute("DELETE FROM replays WHERE game_id IN (" + ended + ")", [ACTIVE, before])
            self.execute("DELETE FROM versions WHERE topic != ? AND NOT EXISTS (SELECT 1 FROM games WHERE "
                         "games.id = versions.topic AND (games.status = ? OR games.ended_at IS NULL OR "
                         "games.ended_at >= ?))", [BOARD, ACTIVE, before])
        return n

    def forget_secrets(self) -> None:
        """Delete what a copy given away must not hold: the signing key, the host code's hash, the sign-in brake."""
        with self.transaction():
            self.execute("DELETE FROM app_secrets")
            self.execute("DELETE FROM login_failures")
            self.execute("UPDATE events SET host_code = NULL")

    def count(self, table: str) -> int:
        """Row count of one of the app's tables."""
        if table not in SCHEMA:
            raise ValueError(f"unknown table {table!r}")
        return int(self.one(f"SELECT COUNT(*) AS n FROM {table}")["n"])

    def rows(self, table: str) -> list[dict]:
        """Every row of one of the exported tables, in key order (for CSV exports)."""
        if table not in EXPORTED:
            raise ValueError(f"{table!r} is not exported")
        key = SCHEMA[table].pk or SCHEMA[table].names[0]
        return self.query(f"SELECT * FROM {table} ORDER BY {key}")
