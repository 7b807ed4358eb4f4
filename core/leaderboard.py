"""The leaderboard's rules: periods, the top rows, and the viewer's own best with its neighbours."""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from core.i18n import DEFAULT_LANGUAGE, t
from core.spend import day_start

PERIODS = ("Today", "This week", "All time")


def period_start(period: str, now: float) -> float:
    """The Unix time a leaderboard period starts (UTC days; weeks start on Monday)."""
    if period == "Today":
        return day_start(now)
    if period == "This week":
        weekday = dt.datetime.fromtimestamp(now, tz=dt.timezone.utc).weekday()
        return day_start(now) - weekday * 86400
    if period == "All time":
        return 0.0
    raise ValueError(f"unknown period {period!r}")


@dataclass(frozen=True)
class Board:
    """What the leaderboard page shows: the top rows, and the viewer's best with its neighbours."""

    top: list[dict]
    mine: list[dict]
    my_rank: int | None


def board_for(rows: list[dict], viewer: str | None, top: int = 10, around: int = 2) -> Board:
    """Split ranked rows into the top `top`, plus the viewer's best game and `around` rows each side."""
    mine_rank = next((r["rank"] for r in rows if viewer and r["player_id"] == viewer), None)
    neighbours: list[dict] = []
    if mine_rank is not None and mine_rank > top:
        lo, hi = max(top, mine_rank - 1 - around), min(len(rows), mine_rank + around)
        neighbours = rows[lo:hi]
    return Board(rows[:top], neighbours, mine_rank)


def display_name(row: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """The player's nickname, or a neutral stand-in in `lang`."""
    return row.get("player_name") or t(lang, "leaderboard.anonymous")


def best_guessers(wins: list[dict], top: int = 10) -> list[dict]:
    """People ranked by right guesses (first to name the word), then by their median seconds to it."""
    by_player: dict[str, dict] = {}
    for w in wins:
        row = by_player.setdefault(w["player_id"], {"player_id": w["player_id"], "times": []})
        row["nickname"] = w["nickname"]  # the latest name they guessed under
        row["times"].append(float(w["seconds"]))
    rows = [{"player_id": r["player_id"], "nickname": r["nickname"], "right": len(r["times"]),
             "median_s": statistics.median(r["times"])} for r in by_player.values()]
    rows.sort(key=lambda r: (-r["right"], r["median_s"], r["player_id"]))
    return [dict(r, rank=i) for i, r in enumerate(rows[:top], start=1)]
