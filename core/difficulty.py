"""How hard a word is to get guessed: Easy, Medium or Hard, measured, not chosen by taste.

Both measures are "ease": the share of drawings (or games) in which the word was recognized, times
the share of the allowed time still left at the median recognition. For the offline model on Quick,
Draw! drawings (`models/word_difficulty.csv`, made by `scripts/word_difficulty.py`) the allowed time
is Quick, Draw!'s 20 s; for played games it is the game's length. Once a word has `MIN_GAMES`
finished games, their ease is blended with the table's, the table counting as `PRIOR_GAMES` games.
The table's own thirds set the cut points, so a word moves level only when play says so.
"""
from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from core.judge import canonical

TABLE_PATH = Path(__file__).resolve().parent.parent / "models" / "word_difficulty.csv"
LEVELS = ("easy", "medium", "hard")
LEVEL_NAMES = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}
QUICKDRAW_SECONDS = 20.0  # Quick, Draw! gives a drawing 20 s
MIN_GAMES = 5  # played games a word needs before they count
PRIOR_GAMES = 5  # the model's measure weighs as much as this many games
TABLE_COLUMNS = ("word", "drawings", "recognized", "median_seconds", "ease", "level")


class DifficultyTableError(Exception):
    """The difficulty table is malformed."""


class UnknownLevel(Exception):
    """That is not a difficulty: pick Easy, Medium or Hard."""


@dataclass(frozen=True)
class Cuts:
    """Ease at or above `easy_from` is Easy; below `hard_below` is Hard; Medium between."""

    hard_below: float
    easy_from: float


@dataclass(frozen=True)
class DifficultyTable:
    """The offline model's ease per word (keyed by canonical word) and the cut points between levels."""

    ease: Mapping[str, float]
    cuts: Cuts
    rows: tuple[dict, ...] = ()

    def model_ease(self, word: str) -> float | None:
        """The table's ease of a word, or None when the offline model does not know it."""
        return self.ease.get(canonical(word))


def check_level(value: object) -> str | None:
    """A difficulty from a widget or URL: None for any, a level name, or UnknownLevel."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "any")):
        return None
    if isinstance(value, str) and value.strip().lower() in LEVELS:
        return value.strip().lower()
    raise UnknownLevel(str(value)[:40])


def ease(recognized: int, total: int, median_share: float | None) -> float:
    """Recognized share times the share of the time left at the median recognition (0 when never)."""
    if total <= 0 or recognized <= 0 or median_share is None:
        return 0.0
    return (recognized / total) * (1.0 - min(max(median_share, 0.0), 1.0))


def thirds(values: Sequence[float]) -> Cuts:
    """Cut points that split `values` into three levels of (nearly) equal size."""
    if not values:
        return Cuts(0.0, 0.0)
    ordered = sorted(values)
    n = len(ordered)
    return Cuts(hard_below=ordered[n // 3], easy_from=ordered[(2 * n) // 3])


def level_of(score: float | None, cuts: Cuts) -> str | None:
    """The level of an ease, or None when it is unknown."""
    if score is None:
        return None
    if score >= cuts.easy_from:
        return "easy"
    return "hard" if score < cuts.hard_below else "medium"


def play_ease(games: Iterable[Mapping]) -> tuple[float | None, int]:
    """The ease of a word from its finished games (won or timed out) and how many there were."""
    results = [g for g in games if g.get("status") in ("won", "timeout")]
    if not results:
        return None, 0
    wins = [g for g in results if g.get("status") == "won"]
    shares = [float(g.get("duration_s") or 0.0) / float(g.get("game_seconds") or 45.0) for g in wins]
    return ease(len(wins), len(results), statistics.median(shares) if shares else None), len(results)


def blended(model: float | None, played: float | None, games: int,
            min_games: int = MIN_GAMES, prior: int = PRIOR_GAMES) -> float | None:
    """The model's ease until a word has `min_games` games, then a weighted mean of both."""
    if played is None or games < min_games:
        return model
    if model is None:
        return played
    return (model * prior + played * games) / (prior + games)


def word_levels(words: Iterable[str], table: DifficultyTable,
                games_by_word: Mapping[str, Sequence[Mapping]] | None = None) -> dict[str, str | None]:
    """Each word's level: the table's, blended with its played games once there are enough."""
    games_by_word = games_by_word or {}
    out = {}
    for w in words:
        played, n = play_ease(games_by_word.get(canonical(w), ()))
        out[w] = level_of(blended(table.model_ease(w), played, n), table.cuts)
    return out


def parse_table(text: str, source: str = "word_difficulty.csv") -> DifficultyTable:
    """Read the committed table; raise DifficultyTableError naming the line of the first problem."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != TABLE_COLUMNS:
        raise DifficultyTableError(f"{source}:1: the columns must be {','.join(TABLE_COLUMNS)}")
    scores: dict[str, float] = {}
    rows = []
    by_level: dict[str, list[float]] = {lv: [] for lv in LEVELS}
    for lineno, row in enumerate(reader, start=2):
        try:
            value = float(row["ease"])
            int(row["drawings"]), int(row["recognized"])
        except (TypeError, ValueError) as exc:
            raise DifficultyTableError(f"{source}:{lineno}: a number is missing or malformed") from exc
        if row["level"] not in LEVELS or not 0.0 <= value <= 1.0 or not (row["word"] or "").strip():
            raise DifficultyTableError(f"{source}:{lineno}: bad word, ease or level")
        scores[canonical(row["word"])] = value
        by_level[row["level"]].append(value)
        rows.append(dict(row))
    if not scores or not all(by_level.values()):
        raise DifficultyTableError(f"{source}: every level needs at least one word")
    cuts = Cuts(hard_below=min(by_level["medium"]), easy_from=min(by_level["easy"]))
    return DifficultyTable(scores, cuts, tuple(rows))


def load_table(path: str | Path = TABLE_PATH) -> DifficultyTable:
    """The committed table; an empty one (every word unknown) when the file is missing."""
    p = Path(path)
    if not p.exists():
        return DifficultyTable({}, Cuts(0.0, 0.0))
    return parse_table(p.read_text(encoding="utf-8"), source=str(p))


def format_table(rows: Sequence[Mapping]) -> str:
    """Rows of word, drawings, recognized, median_seconds and ease as the CSV, with their levels by thirds."""
    cuts = thirds([r["ease"] for r in rows])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(TABLE_COLUMNS)
    for r in sorted(rows, key=lambda r: (-r["ease"], r["word"])):
        median = "" if r["median_seconds"] is None else f"{r['median_seconds']:.2f}"
        writer.writerow([r["word"], r["drawings"], r["recognized"], median, f"{r['ease']:.4f}",
                         level_of(r["ease"], cuts)])
    return buf.getvalue()
