"""The store and its writer: idempotent schema, short transactions, nothing committed is lost."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import wait_for
from scripted import ScriptedGuesser

from core.lobby import Lobby, LobbySettings
from core.pool import GuesserPool
from core.recorder import Recorder
from core.store import MIGRATIONS, Store
from core.words import Word

HERE = Path(__file__).resolve().parent


def seed(store, game_id="g1"):
    store.touch_player("player-0001", 0.0)
    store.insert_game({"id": game_id, "word": "cat", "player_id": "player-0001", "status": "active",
                       "started_at": 0.0, "game_seconds": 45})


def test_schema_creation_is_idempotent_and_keeps_data(tmp_path, backend_url):
    s1 = Store(tmp_path / "x.db", database_url=backend_url)
    seed(s1)
    s1.shutdown()
    s2 = Store(tmp_path / "x.db", database_url=backend_url)
    assert s2.get_game("g1")["word"] == "cat"
    cols = s2.backend.columns("guesses")
    assert {"id", "game_id", "frame_seq", "guesser", "model", "text", "normalized", "correct",
            "created_at", "latency_ms", "input_tokens", "output_tokens", "cost_usd", "error"} <= cols
    assert s2.migrations_applied() == [v for v, _, _ in MIGRATIONS], "each migration ran once"
    if s2.dialect == "sqlite":
        assert s2.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
    s2.shutdown()


def test_a_database_from_the_single_process_app_is_migrated_in_place(tmp_path):
    """The schema of the previous release (sqlite-utils made it): new columns added, old rows kept, the
    player secret moved from its file into the database."""
    old = sqlite3.connect(tmp_path / "old.db")
    old.executescript(OLD_SCHEMA)
    old.execute("INSERT INTO players (id, created_at, last_seen) VALUES ('player-0001', 1, 1)")
    old.execute("INSERT INTO games (id, word, player_id, status, started_at, ended_at, winner, duration_s, "
                "game_seconds, hidden) VALUES ('000000000001', 'cat', 'player-0001', 'won', 10, 14, 'x', 4, 45, 0)")
    old.commit()
    old.close()
    (tmp_path / "player_secret").write_bytes(b"k" * 32)
    store = Store(tmp_path / "old.db", legacy_secret_path=tmp_path / "player_secret")
    game = store.get_game("000000000001")
    assert game["deadline"] == 55 and game["wrote_word"] == 0 and game["lang"] == "en"
    assert store.leaderboard()[0]["id"] == "000000000001"
    assert store.shared_secret("player_secret", b"n" * 32) == b"k" * 32, "ids signed before stay valid"
    assert {"owner", "last_seen", "origin", "wrote_word_text"} <= store.backend.columns("games")
    assert store.integrity_check() == "ok"


OLD_SCHEMA = """
CREATE TABLE [players] ([id] TEXT PRIMARY KEY, [nickname] TEXT, [created_at] FLOAT NOT NULL, [last_seen] FLOAT);
CREATE TABLE [games] ([id] TEXT PRIMARY KEY, [word] TEXT NOT NULL, [player_id] TEXT NOT NULL REFERENCES [players]([id]),
  [player_name] TEXT, [status] TEXT NOT NULL, [started_at] FLOAT NOT NULL, [ended_at] FLOAT, [winner] TEXT,
  [duration_s] FLOAT, [game_seconds] FLOAT, [hidden] INTEGER DEFAULT 0, [moderation] TEXT, [refusals] INTEGER);
CREATE TABLE [frames] ([id] INTEGER PRIMARY KEY, [game_id] TEXT NOT NULL REFERENCES [games]([id]), [seq] INTEGER NOT NULL,
  [created_at] FLOAT, [width] INTEGER, [height] INTEGER, [png] BLOB NOT NULL);
CREATE UNIQUE INDEX [idx_frames_game_id_seq] ON [frames] ([game_id], [seq]);
"""


def test_ending_a_game_twice_keeps_the_first_result(db_store):
    store = db_store
    seed(store)
    assert store.end_game("g1", "won", 12.5, "claude") is True
    assert store.end_game("g1", "timeout", 45.0) is False
    game = store.get_game("g1")
    assert (game["status"], game["winner"], game["duration_s"]) == ("won", "claude", 12.5)


def test_unknown_end_status_is_refused(store):
    seed(store)
    with pytest.raises(ValueError):
        store.end_game("g1", "exploded", 1.0)


def test_spend_counts_only_rows_since_the_start(db_store):
    store = db_store
    seed(store)
    store.insert_guesses([
        {"game_id": "g1", "guesser": "a", "created_at": 10.0, "cost_usd": 0.5},
        {"game_id": "g1", "guesser": "a", "created_at": 20.0, "cost_usd": 0.25},
        {"game_id": "g1", "guesser": "b", "created_at": 30.0, "cost_usd": None},
    ])
    assert store.spend_since(15.0) == 0.25
    assert store.spend_since(0.0) == 0.75


def test_each_thread_gets_its_own_sqlite_connection(store):
    seed(store)
    conns = []

    def use():
        conns.append(store.backend.db.conn)
        store.get_game("g1")
        store.close()

    t = threading.Thread(target=use)
    t.start()
    t.join()
    assert conns[0] is not store.backend.db.conn


def test_recorder_retries_while_the_database_is_locked(tmp_path, caplog):
    store = Store(tmp_path / "locked.db", timeout=0.05)
    seed(store)
    recorder = Recorder(store, retry_delays=(0.1, 0.2, 0.4, 0.8))
    blocker = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    recorder.record("guesses", {"game_id": "g1", "guesser": "a", "created_at": 1.0})
    assert wait_for(lambda: recorder.stats.retries >= 1), "the write met the lock and is being retried"
    blocker.execute("COMMIT")
    assert recorder.flush(timeout=5)
    assert store.count("guesses") == 1
    assert recorder.stats.retries >= 1 and recorder.stats.dropped == 0
    assert "database write failed" in caplog.text
    recorder.close()


def test_one_bad_row_does_not_take_its_batch_down(db_store):
    store = db_store
    recorder = Recorder(store, retry_delays=(0.01,))
    seed(store)
    for i in range(5):
        recorder.record("guesses", {"game_id": "g1", "guesser": f"g{i}", "created_at": float(i)})
    recorder.record("guesses", {"game_id": "no-such-game", "guesser": "x", "created_at": 9.0})
    assert recorder.flush()
    assert store.count("guesses") == 5
    assert recorder.stats.dropped == 1 and "dropped a guesses row" in recorder.stats.errors[-1]
    recorder.close()


def test_kill_9_mid_game_loses_nothing_committed_and_the_silent_game_is_abandoned_later(tmp_path):
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, str(HERE / "crash_worker.py"), str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        game_id = proc.stdout.readline().strip()
        assert game_id, proc.stderr.read()
        def guesses() -> int:
            with sqlite3.connect(db) as peek:
                return peek.execute("SELECT COUNT(*) FROM guesses").fetchone()[0]
        committed = guesses()
        assert wait_for(lambda: guesses() > committed), "the worker is still writing: the kill lands mid-write"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    store = Store(db)
    assert store.integrity_check() == "ok"
    assert store.get_game(game_id)["status"] == "active"
    assert store.count("guesses") >= committed > 0
    recorder = Recorder(store)
    pool = GuesserPool([ScriptedGuesser("a")], recorder)
    try:
        lobby = Lobby(store, pool, [Word("cat")], LobbySettings(idle_seconds=60))
        assert store.get_game(game_id)["status"] == "active", "a restart closes nothing at once"
        lobby.reap(time.time() + 61)  # nobody came back for the game
    finally:
        pool.close()
        recorder.close()
    assert store.get_game(game_id)["status"] == "abandoned"
    assert store.integrity_check() == "ok"


def test_recorder_jobs_run_after_the_rows_queued_before_them(store, recorder):
    seed(store)
    seen = []
    for i in range(5):
        recorder.record("guesses", {"game_id": "g1", "guesser": f"g{i}", "created_at": float(i)})
    recorder.run_job(lambda s: seen.append(s.count("guesses")))
    recorder.record("guesses", {"game_id": "g1", "guesser": "late", "created_at": 9.0})
    assert recorder.flush()
    assert seen == [5] and store.count("guesses") == 6


def test_a_failing_job_does_not_stop_the_writer(store, recorder):
    seed(store)
    recorder.run_job(lambda s: 1 / 0)
    recorder.record("guesses", {"game_id": "g1", "guesser": "a", "created_at": 1.0})
    assert recorder.flush() and store.count("guesses") == 1
    assert "post-game job failed" in recorder.stats.errors[-1]


def test_a_games_newest_guesses_come_in_arrival_order_and_a_refusal_is_found(db_store):
    db_store.touch_player("p1", 1.0)
    db_store.insert_game({"id": "g1", "word": "cat", "player_id": "p1", "status": "active", "started_at": 1.0,
                          "game_seconds": 45, "hidden": 0})
    db_store.insert_guesses([{"game_id": "g1", "guesser": "m", "text": f"t{i}", "created_at": 10.0 + i % 5,
                              "refused": 0} for i in range(12)])
    newest = db_store.recent_guesses("g1", 4)
    assert [g["created_at"] for g in newest] == [13.0, 13.0, 14.0, 14.0] and newest[0]["id"] < newest[1]["id"]
    assert db_store.recent_guesses("nope", 4) == [] and not db_store.game_refused("g1")
    db_store.insert_guesses([{"game_id": "g1", "guesser": "m", "created_at": 20.0, "refused": 1}])
    assert db_store.game_refused("g1") and not db_store.game_refused("g2")


def test_a_finished_threads_sqlite_connection_serves_the_next_thread_with_nothing_left_open(tmp_path):
    import gc
    import threading

    from core.dialect import SQLiteBackend
    backend = SQLiteBackend(tmp_path / "reuse.db")
    backend.execute("CREATE TABLE t (x INTEGER)")
    seen = []

    def work(leave_open: bool):
        seen.append(id(backend.db.conn))
        if leave_open:
            backend.db.execute("BEGIN IMMEDIATE")
            backend.db.execute("INSERT INTO t VALUES (1)")

    for leave_open in (True, False, False):
        t = threading.Thread(target=work, args=(leave_open,))
        t.start()
        t.join()
        gc.collect()
    assert len(set(seen)) == 1, "one connection, handed from thread to thread"
    assert backend.query("SELECT COUNT(*) AS n FROM t")[0]["n"] == 0, "the abandoned transaction was rolled back"
    backend.execute("INSERT INTO t VALUES (2)")  # and the write lock is free again
    backend.close()


def test_guess_rows_from_before_the_outcome_column_get_their_kind_from_their_error_text(db_store):
    db_store.touch_player("player-old01", 0)
    db_store.insert_game({"id": "000000000a1d", "word": "cat", "player_id": "player-old01", "status": "won",
                          "started_at": 0, "game_seconds": 45})
    old = [("dog", None, 0), (None, "refused: safety", 1), (None, "cancelled: the game ended", 0),
           (None, "timeout after 12s", 0), (None, "rate limited: 429", 0), (None, "bad image: broken", 0),
           (None, "APIError: boom", 0), ("cat", None, 0)]
    db_store.insert_guesses([{"game_id": "000000000a1d", "guesser": "M", "text": t, "error": e, "refused": r,
                              "created_at": float(i)} for i, (t, e, r) in enumerate(old)])
    db_store.execute("UPDATE guesses SET outcome = NULL")  # as an earlier version wrote them
    db_store.execute("DELETE FROM schema_migrations WHERE version = 4")
    db_store.migrate()
    assert [g["outcome"] for g in db_store.game_guesses("000000000a1d")] == [
        "answer", "refused", "cancelled", "timeout", "rate_limited", "bad_image", "error", "answer"]


@pytest.mark.parametrize("sql, expected", [
    ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
    ("SELECT '?' AS q, ? AS p", "SELECT '?' AS q, %s AS p"),
    ("SELECT 'it''s ?' , ?", "SELECT 'it''s ?' , %s"),
    ("SELECT \"odd?col\" FROM t WHERE x LIKE '%a?' AND y = ?", "SELECT \"odd?col\" FROM t WHERE x LIKE '%%a?' AND y = %s"),
    ("SELECT 5 % 2, ?", "SELECT 5 %% 2, %s"),
])
def test_placeholders_become_psycopgs_outside_string_literals_only(sql, expected):
    from core.dialect import to_pyformat
    assert to_pyformat(sql) == expected


def test_a_question_mark_in_a_literal_reads_back_on_both_engines(db_store):
    assert db_store.one("SELECT '?' AS q, ? AS p", ["x"]) == {"q": "?", "p": "x"}


def test_games_and_queue_places_from_before_languages_are_english(db_store):
    """A database made before the lang columns: adding them gives every old row English, on either engine."""
    for table in ("games", "queue"):
        db_store.execute(f"ALTER TABLE {table} DROP COLUMN lang")
    db_store.touch_player("player-0001", 0.0)
    db_store.execute("INSERT INTO games (id, word, player_id, status, started_at) VALUES (?, ?, ?, ?, ?)",
                     ["000000000001", "dog", "player-0001", "won", 0.0])
    db_store.execute("INSERT INTO queue (player_id, joined_at, last_seen) VALUES (?, ?, ?)", ["player-0001", 0.0, 0.0])
    db_store.migrate()
    assert db_store.get_game("000000000001")["lang"] == "en"
    assert db_store.queued("player-0001")["lang"] == "en"
    db_store.enqueue("player-0002", 1.0, None, "p", lang="it")
    assert db_store.queued("player-0002")["lang"] == "it"
