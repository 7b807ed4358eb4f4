"""Drafts: the latest drawing per game is kept for a reload, and the map stays bounded."""
from __future__ import annotations

from core.drafts import Drafts


def test_latest_drawing_is_kept_per_game():
    d = Drafts()
    d.put("g1", {"objects": [1]})
    d.put("g1", {"objects": [1, 2]})
    d.put("g2", {"objects": []})
    assert d.get("g1") == {"objects": [1, 2]} and d.get("nope") is None
    d.forget("g1")
    assert d.get("g1") is None


def test_oldest_drafts_are_forgotten_beyond_the_limit():
    d = Drafts(limit=3)
    for i in range(5):
        d.put(f"g{i}", i)
    assert [d.get(f"g{i}") for i in range(5)] == [None, None, 2, 3, 4]
