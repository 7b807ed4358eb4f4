"""Moderation: drawings that providers refused are hidden until an admin approves them; a player with too
many games held for review (refused, hidden, or the word written in them) rests from play for a while."""
from __future__ import annotations

import logging
from typing import Sequence

from core.images import BadImage
from core.replay import build_gif
from core.store import Store

log = logging.getLogger(__name__)


class PlayerResting(Exception):
    """Several of your drawings were held for review, so new games and guesses are paused for a while."""

    def __init__(self, until: float):
        super().__init__(self.__doc__)
        self.until = until


def resting_until(flag_times: Sequence[float], now: float, strikes: int, window_s: float,
                  rest_s: float) -> float | None:
    """When a player may play again, if `strikes` flagged games fell within `window_s`; else None."""
    if strikes <= 0:
        return None
    recent = sorted(t for t in flag_times if now - t <= window_s)
    if len(recent) < strikes:
        return None
    until = recent[-1] + rest_s
    return until if now < until else None


def after_game(store: Store, game_id: str, now: float) -> None:
    """Post-game work on the writer thread: flag a refused drawing, then build its replay GIF."""
    store.mark_written_win(game_id)  # the written-word watch does it too; whichever runs last sees both rows
    refusals = store.refusal_count(game_id)
    if refusals:
        store.flag_game(game_id, refusals)
        log.info("game %s hidden for review: %d refusal(s)", game_id, refusals)
    pngs = [f["png"] for f in store.game_frames(game_id)]
    if not pngs:
        return
    try:
        store.save_replay(game_id, build_gif(pngs), len(pngs), now)
    except BadImage:
        log.warning("game %s has a frame that cannot be decoded; no replay", game_id)
