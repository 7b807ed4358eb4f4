"""The latest canvas drawing (Fabric JSON) of each running game, so a page switch or reload keeps it."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

MAX_DRAFTS = 500


class Drafts:
    """A bounded, thread-safe map from game id to the canvas JSON last seen for it."""

    def __init__(self, limit: int = MAX_DRAFTS):
        self.limit = limit
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, game_id: str, drawing: Any) -> None:
        """Remember the drawing for a game, forgetting the oldest beyond the limit."""
        with self._lock:
            self._items[game_id] = drawing
            self._items.move_to_end(game_id)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def get(self, game_id: str) -> Any | None:
        """The drawing last seen for a game, or None."""
        with self._lock:
            return self._items.get(game_id)

    def forget(self, game_id: str) -> None:
        """Drop a game's drawing."""
        with self._lock:
            self._items.pop(game_id, None)
