"""Moderation: drawings that providers refused are hidden until an admin approves them; a player with too
many games held for review (refused, hidden, or the word written in them) rests from play for a while."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from core.images import BadImage
from core.replay import build_gif
from core.store import Store

if TYPE_CHECKING:
    from core.settings import Settings

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


@dataclass(frozen=True)
class Strikes:
    """The rest rule: `count` flagged games within `window_s` rest a player for `rest_s` (count 0: never)."""

    count: int = 3
    window_s: float = 86400.0
    rest_s: float = 3600.0

    @classmethod
    def from_settings(cls, settings: Settings) -> "Strikes":
        """The rule as MODERATION_STRIKES, MODERATION_WINDOW_HOURS and MODERATION_REST_MINUTES give it."""
        return cls(count=settings.MODERATION_STRIKES, window_s=settings.MODERATION_WINDOW_HOURS * 3600,
                   rest_s=settings.MODERATION_REST_MINUTES * 60)

    def resting_until(self, store: Store, player_id: str, now: float) -> float | None:
        """When this player may play or guess again, if they are resting; else None."""
        return resting_until(store.flagged_times(player_id, now - self.window_s), now, self.count, self.window_s,
                             self.rest_s)


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
