"""How long a game lasts: the standard GAME_SECONDS, or a longer one a player chose ("more time").

The longer lengths come from the GAME_LENGTHS setting. A game row keeps its length (`game_seconds`) and its
deadline, so every process, the reaper and the live views agree; the leaderboard ranks each length apart and
the speed figures (Stats, the words' difficulty) count standard games only, so speed stays fair.
"""
from __future__ import annotations

import math
from typing import Iterable

from core.i18n import t

LEGACY_SECONDS = 45.0  # a game row from before lengths were stored lasted this long (store's migration 2 agrees)


class UnknownLength(ValueError):
    """That game length is not one we offer, so the game gets the standard length."""


def same_length(a: float, b: float) -> bool:
    """Whether two lengths in seconds are the same (a setting's text and a stored number may differ a hair)."""
    return abs(float(a) - float(b)) < 1e-6


def lengths_offered(standard: float, longer: Iterable[float]) -> tuple[float, ...]:
    """The lengths a player may choose: the standard first, then the longer ones, shortest first."""
    extra = sorted({float(v) for v in longer if float(v) > standard and not same_length(v, standard)})
    return (float(standard), *extra)


def check_length(value: object, standard: float, longer: Iterable[float]) -> float:
    """The length a widget or the session asks for, in seconds (None or "": the standard); UnknownLength when
    it is not a number or not offered."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return float(standard)
    if isinstance(value, bool):
        raise UnknownLength(UnknownLength.__doc__)
    try:
        seconds = float(str(value).strip()[:20]) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise UnknownLength(UnknownLength.__doc__) from None
    if not math.isfinite(seconds):
        raise UnknownLength(UnknownLength.__doc__)
    for offered in lengths_offered(standard, longer):
        if same_length(seconds, offered):
            return offered
    raise UnknownLength(UnknownLength.__doc__)


def is_more_time(game_seconds: float | None, standard: float) -> bool:
    """Whether a game (its stored length; None: a game from before lengths) was longer than the standard."""
    return float(game_seconds or LEGACY_SECONDS) > standard and not same_length(game_seconds or LEGACY_SECONDS,
                                                                                 standard)


def board_lengths(standard: float, longer: Iterable[float], played: Iterable[float | None]) -> tuple[float, ...]:
    """The lengths the leaderboard ranks apart: the standard first, then every other length offered or played."""
    others: list[float] = []
    for v in (*longer, *(p or LEGACY_SECONDS for p in played)):
        if not same_length(v, standard) and not any(same_length(v, o) for o in others):
            others.append(float(v))
    return (float(standard), *sorted(others))


def length_label(lang: str, seconds: float, standard: float) -> str:
    """A length as a player reads it: "Standard (45 s)", "More time (90 s)", or "30 s" for a shorter one."""
    shown = f"{seconds:.0f}"
    if same_length(seconds, standard):
        return t(lang, "length.standard", seconds=shown)
    if seconds > standard:
        return t(lang, "length.more_time", seconds=shown)
    return t(lang, "length.other", seconds=shown)
