"""The cost policy of the guess schedule: when a guesser may guess a game's newest frame.

Early frames go out fast (the first guess matters most): the first few guesses of a game are
`min_interval` apart. After them, the spacing doubles at each guess while nobody gets it, and a frame
that changed little (less than a share of new or erased ink since the frame last guessed) waits one
doubling more; a paid guesser stops at a cap of guesses per game. So a player who draws all game
costs at most the cap, never a call per stroke. A free guesser (the offline model, a local server) is
exempt: it guesses every changed frame, only `min_interval` apart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class GuessSchedule:
    """The schedule's knobs (README: MIN_GUESS_INTERVAL, FAST_GUESSES, ...)."""

    min_interval: float = 1.0
    fast_guesses: int = 4
    growth: float = 2.0
    max_interval: float = 8.0
    min_new_ink: float = 0.75
    max_guesses: int = 10

    @classmethod
    def every_frame(cls, min_interval: float = 0.0) -> "GuessSchedule":
        """No cost policy: every guesser guesses every changed frame, `min_interval` apart, with no cap."""
        return cls(min_interval=min_interval, fast_guesses=1 << 30, max_guesses=1 << 30)

    def cap_for(self, length: float = 1.0) -> int:
        """A paid guesser's cap for a game `length` standard games long (a 90 s game of a 45 s standard: 2): a
        longer game keeps every model guessing to its end, the spend per second of play stays the same."""
        if length <= 1.0 or self.max_guesses >= 1 << 30:
            return self.max_guesses
        return math.ceil(self.max_guesses * min(length, 20.0))

    def spacing(self, calls: int) -> float:
        """Seconds a paid guesser waits after its `calls`-th guess of a game before the next one."""
        if calls < self.fast_guesses:
            return self.min_interval
        return min(self.max_interval, self.min_interval * self.growth ** (calls - self.fast_guesses + 1))


@dataclass(frozen=True)
class Seen:
    """What one guesser has done in one game: how many calls, the last one's time, and its frame's ink."""

    calls: int = 0
    last_at: float | None = None
    last_ink: int | None = None


def changed_enough(last_ink: int | None, ink: int | None, share: float) -> bool:
    """Whether a frame's ink (dark pixels) differs from the last guessed frame's by at least `share` of it."""
    if last_ink is None or ink is None:
        return True
    return abs(ink - last_ink) >= share * max(last_ink, 1)


def next_guess_at(schedule: GuessSchedule, seen: Seen, ink: int | None, free: bool, cap: int | None = None) -> float | None:
    """The earliest time the guesser may guess a new frame with `ink` dark pixels; None: never (the cap: the
    schedule's, or `cap` for this game)."""
    if seen.last_at is None:
        return 0.0
    if free:
        return seen.last_at + schedule.min_interval
    if seen.calls >= (schedule.max_guesses if cap is None else cap):
        return None
    spacing = schedule.spacing(seen.calls)
    if not changed_enough(seen.last_ink, ink, schedule.min_new_ink):
        spacing = min(schedule.max_interval, spacing * schedule.growth)  # a small change waits longer
    return seen.last_at + spacing


def after_guess(seen: Seen, at: float, ink: int | None) -> Seen:
    """The record once the guesser has called on a frame at `at`."""
    return Seen(calls=seen.calls + 1, last_at=at, last_ink=ink if ink is not None else seen.last_ink)
