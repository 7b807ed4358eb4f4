"""The canvas of each running game (Fabric JSON), kept in the database so a reload, a page switch or
another process (taking the game over) puts the drawing back."""
from __future__ import annotations

import json
import logging
import time
from typing import Any

from core.store import Store, StoreError

log = logging.getLogger(__name__)

MAX_DRAFT_BYTES = 2 * 1024 * 1024


class Drafts:
    """Read and write running games' canvases; a failure is logged and loses only that save."""

    def __init__(self, store: Store):
        self.store = store

    def put(self, game_id: str, drawing: Any) -> None:
        """Keep the drawing last seen for a game (refused quietly past 2 MB of JSON)."""
        text = json.dumps(drawing, separators=(",", ":"))
        if len(text) > MAX_DRAFT_BYTES:
            log.warning("a canvas of game %s is %d bytes of JSON: not kept", game_id, len(text))
            return
        try:
            self.store.save_draft(game_id, text, time.time())
        except StoreError:
            log.exception("could not keep the canvas of game %s", game_id)

    def get(self, game_id: str) -> Any | None:
        """The drawing last kept for a game, or None."""
        try:
            text = self.store.draft(game_id)
            return json.loads(text) if text else None
        except (StoreError, ValueError):
            log.exception("could not read the canvas of game %s", game_id)
            return None
