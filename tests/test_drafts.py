"""Drafts: a running game's canvas is kept in the database, so a reload or another process puts it back."""
from __future__ import annotations

from core.drafts import Drafts
from core.store import Store


def seed(store):
    store.touch_player("player-0001", 0.0)
    for gid in ("a" * 12, "b" * 12):
        store.insert_game({"id": gid, "word": "cat", "player_id": "player-0001", "status": "active",
                           "started_at": 0.0, "game_seconds": 45})


def test_the_latest_drawing_is_kept_per_game_and_read_by_another_process(db_store, tmp_path, backend_url):
    seed(db_store)
    d = Drafts(db_store)
    d.put("a" * 12, {"objects": [1]})
    d.put("a" * 12, {"objects": [1, 2]})
    d.put("b" * 12, {"objects": []})
    other = Drafts(Store(tmp_path / "test.db", database_url=backend_url))
    assert other.get("a" * 12) == {"objects": [1, 2]} and other.get("b" * 12) == {"objects": []}
    assert other.get("c" * 12) is None
    other.store.shutdown()


def test_the_drafts_of_ended_games_are_forgotten(db_store):
    seed(db_store)
    d = Drafts(db_store)
    d.put("a" * 12, {"objects": [1]})
    db_store.end_game("a" * 12, "quit", 5.0)
    assert db_store.drop_drafts_of_ended() == 1 and d.get("a" * 12) is None


def test_an_enormous_canvas_is_not_kept_and_nothing_breaks(db_store):
    seed(db_store)
    d = Drafts(db_store)
    d.put("a" * 12, {"objects": ["x" * (3 * 1024 * 1024)]})
    assert d.get("a" * 12) is None
