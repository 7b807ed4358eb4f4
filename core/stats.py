"""Statistics for the Stats page: pure functions from the games, guesses and eval tables to DataFrames."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from core.guess_rows import ANSWER, CANCELLED, FAILURES, REFUSED
from core.i18n import DEFAULT_LANGUAGE, t
from core.lengths import is_more_time
from core.store import ACTIVE

SUMMARY_COLUMNS = [
    "guesser", "games", "wins", "win_rate", "win_lo", "win_hi", "right_rate",
    "median_s_to_first_correct", "median_frames_to_first_correct", "tokens_per_game",
    "cost_per_game", "cost_per_win", "cost_known", "error_rate", "refusal_rate", "timeout_rate",
    "calls", "latency_p50_ms", "latency_p95_ms",
]
# The summary's columns as the Stats page titles them (cost_known is folded into the cost cells: empty = unknown).
SUMMARY_TITLES = {
    "guesser": "Guesser", "games": "Games", "wins": "Wins", "win_rate": "Win rate",
    "win_interval": "Win rate, 95% interval", "right_rate": "Named it at all",
    "median_s_to_first_correct": "Median s to first right guess",
    "median_frames_to_first_correct": "Median frames to first right guess", "tokens_per_game": "Tokens / game",
    "cost_per_game": "$ / game", "cost_per_win": "$ / win", "error_rate": "Errors", "refusal_rate": "Refusals",
    "timeout_rate": "Timeouts", "calls": "Calls", "latency_p50_ms": "Latency p50 (ms)",
    "latency_p95_ms": "Latency p95 (ms)",
}
SPEND_COLUMNS = ["day", "spend_usd", "cumulative_usd", "over_budget"]
WORD_COLUMNS = ["word", "guesser", "games", "correct_games", "success_rate"]
RATING_COLUMNS = ["guesser", "rating", "lo", "hi", "races"]
EVAL_ACCURACY_COLUMNS = ["guesser", "variant", "fraction_bin", "accuracy", "drawings"]
EVAL_COST_COLUMNS = ["guesser", "variant", "cost_usd", "correct_drawings", "cost_per_correct"]

RATING_BASE = 1500.0
RATING_SCALE = 400.0
PRIOR_GAMES = 1.0  # virtual wins, and as many losses, against an average opponent
FRACTION_EPS = 1e-9  # a frame at fraction 0.5000000001 still belongs to the 0.5 bin


class BadBins(ValueError):
    """Fraction bins must be increasing numbers in (0, 1]."""


def _empty(columns: list[str]) -> pd.DataFrame:
    """An empty DataFrame with these columns."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _flag(series: pd.Series) -> pd.Series:
    """A 0/1/bool/NaN column as booleans (NaN is False)."""
    return pd.to_numeric(series, errors="coerce").fillna(0).astype(bool)


def outcomes(rows: pd.DataFrame) -> pd.Series:
    """Each guess row's outcome kind (core.guess_rows.OUTCOMES); a missing one is an answer."""
    if "outcome" not in rows:
        return pd.Series(ANSWER, index=rows.index, dtype=object)
    return rows["outcome"].where(rows["outcome"].map(lambda v: isinstance(v, str)), ANSWER)


def _has_text(series: pd.Series) -> pd.Series:
    """Whether each value is a non-empty string."""
    return series.map(lambda v: isinstance(v, str) and v != "").astype(bool)


def _finished(games: pd.DataFrame) -> pd.DataFrame:
    """The games that are over (any status but active)."""
    return games[games["status"] != ACTIVE]


def _finished_guesses(games: pd.DataFrame, guesses: pd.DataFrame) -> pd.DataFrame:
    """Guess rows of finished games, joined with their game's word, start and winner."""
    done = _finished(games)[["id", "word", "started_at", "winner"]].rename(columns={"id": "game_id"})
    return guesses.merge(done, on="game_id", how="inner")


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion; (0.0, 1.0) when trials == 0 (nothing is known)."""
    if trials <= 0:
        return (0.0, 1.0)
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _percentile(values: pd.Series, q: float) -> float:
    """The q-th percentile (linear interpolation) of the non-missing values, NaN if none."""
    v = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    return float(np.percentile(v, q)) if len(v) else math.nan


def _first_correct(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (guesser, game): the earliest correct guess (by reply time, then frame, then id)."""
    hits = rows[_flag(rows["correct"])]
    hits = hits.sort_values(["created_at", "frame_seq", "id"], kind="mergesort")
    return hits.drop_duplicates(["guesser", "game_id"], keep="first")


def standard_length(games: pd.DataFrame, guesses: pd.DataFrame,
                    standard: float) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The games of the standard length and their guesses (speed and win figures compare those only: a player's
    "more time" gives the models longer), and how many longer games were left out."""
    if len(games) == 0 or "game_seconds" not in games:
        return games, guesses, 0
    longer = games["game_seconds"].map(lambda v: is_more_time(None if pd.isna(v) else float(v), standard))
    kept = games[~longer.astype(bool)]
    if len(guesses) and "game_id" in guesses:
        guesses = guesses[guesses["game_id"].isin(kept["id"])]
    return kept, guesses, int(longer.sum())


PEOPLE = "People"


def people_as_one_guesser(games: pd.DataFrame, guesses: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every person's guesses and wins counted under one guesser, "People", beside each model."""
    if len(guesses) and "human" in guesses:
        guesses = guesses.assign(guesser=guesses["guesser"].where(~_flag(guesses["human"]), PEOPLE))
    if len(games) and "winner_human" in games:
        games = games.assign(winner=games["winner"].where(~_flag(games["winner_human"]), PEOPLE))
    return games, guesses


def guesser_summary(games: pd.DataFrame, guesses: pd.DataFrame) -> pd.DataFrame:
    """One row per guesser over finished games: wins, rates, speed, tokens, cost, errors and latency.

    right_rate and first-correct times count late (stale) correct guesses too. Rates and latency are
    over calls that were not cancelled; error_rate counts every error but refusals (timeouts and rate
    limits included). cost_per_game/cost_per_win are NaN when cost_known is False: a call reported
    tokens but has no cost.
    """
    if len(games) == 0 or len(guesses) == 0:
        return _empty(SUMMARY_COLUMNS)
    rows = _finished_guesses(games, guesses)
    if len(rows) == 0:
        return _empty(SUMMARY_COLUMNS)
    outcome = outcomes(rows)
    rows = rows.assign(
        correct_flag=_flag(rows["correct"]),
        cancelled=outcome == CANCELLED,
        timed_out=outcome == "timeout",
        refusal=_flag(rows["refused"]) | (outcome == REFUSED),
        has_error=outcome.isin((CANCELLED, *FAILURES)),
        tokens=pd.to_numeric(rows["input_tokens"], errors="coerce").fillna(0)
        + pd.to_numeric(rows["output_tokens"], errors="coerce").fillna(0),
        cost=pd.to_numeric(rows["cost_usd"], errors="coerce"),
        # A call that reported tokens is billed; without a known cost its price is unknown, not zero.
        priced=pd.to_numeric(rows["input_tokens"], errors="coerce").notna()
        | pd.to_numeric(rows["output_tokens"], errors="coerce").notna(),
    )
    first = _first_correct(rows)
    first = first.assign(seconds=first["created_at"] - first["started_at"])
    out = []
    for name, mine in rows.groupby("guesser", sort=True):
        played = mine.drop_duplicates("game_id")
        n_games = len(played)
        wins = int((played["winner"] == name).sum())
        lo, hi = wilson_interval(wins, n_games)
        right_games = mine.loc[mine["correct_flag"], "game_id"].nunique()
        my_first = first[first["guesser"] == name]
        cost_known = not bool((mine["priced"] & mine["cost"].isna()).any())
        spend = float(mine["cost"].sum()) if cost_known else math.nan
        calls = mine[~mine["cancelled"]]
        n_calls = len(calls)

        def rate(mask: pd.Series) -> float:
            return float(mask.sum()) / n_calls if n_calls else math.nan

        out.append({
            "guesser": name,
            "games": n_games,
            "wins": wins,
            "win_rate": wins / n_games,
            "win_lo": lo,
            "win_hi": hi,
            "right_rate": right_games / n_games,
            "median_s_to_first_correct": float(my_first["seconds"].median()) if len(my_first) else math.nan,
            "median_frames_to_first_correct": float(my_first["frame_seq"].median()) if len(my_first) else math.nan,
            "tokens_per_game": float(mine["tokens"].sum()) / n_games,
            "cost_per_game": spend / n_games,
            "cost_per_win": spend / wins if wins else math.nan,
            "cost_known": cost_known,
            "error_rate": rate(calls["has_error"] & ~calls["refusal"]),
            "refusal_rate": rate(calls["refusal"]),
            "timeout_rate": rate(calls["timed_out"]),
            "calls": n_calls,
            "latency_p50_ms": _percentile(calls["latency_ms"], 50),
            "latency_p95_ms": _percentile(calls["latency_ms"], 95),
        })
    summary = pd.DataFrame(out, columns=SUMMARY_COLUMNS)
    summary = summary.sort_values(["win_rate", "guesser"], ascending=[False, True], kind="mergesort")
    return summary.reset_index(drop=True)


def spend_by_day(guesses: pd.DataFrame, budget_usd: float | None) -> pd.DataFrame:
    """Known spend per UTC day (days without calls are 0), its running total, and whether the day hit the budget."""
    if len(guesses) == 0:
        return _empty(SPEND_COLUMNS)
    when = pd.to_datetime(pd.to_numeric(guesses["created_at"], errors="coerce"), unit="s", utc=True)
    cost = pd.to_numeric(guesses["cost_usd"], errors="coerce").fillna(0.0)
    frame = pd.DataFrame({"day": when.dt.floor("D"), "cost": cost}).dropna(subset=["day"])
    if len(frame) == 0:
        return _empty(SPEND_COLUMNS)
    daily = frame.groupby("day")["cost"].sum()
    days = pd.date_range(daily.index.min(), daily.index.max(), freq="D")
    daily = daily.reindex(days, fill_value=0.0)
    spend = daily.to_numpy(dtype=float)
    over = spend >= budget_usd if budget_usd is not None else np.zeros(len(spend), dtype=bool)
    return pd.DataFrame({
        "day": [d.date() for d in days],
        "spend_usd": spend,
        "cumulative_usd": np.cumsum(spend),
        "over_budget": over.astype(bool),
    }, columns=SPEND_COLUMNS)


def word_guesser_success(games: pd.DataFrame, guesses: pd.DataFrame) -> pd.DataFrame:
    """Per word and guesser: finished games it played, games it was ever correct in, and that share."""
    if len(games) == 0 or len(guesses) == 0:
        return _empty(WORD_COLUMNS)
    rows = _finished_guesses(games, guesses)
    if len(rows) == 0:
        return _empty(WORD_COLUMNS)
    per_game = (rows.assign(correct_flag=_flag(rows["correct"]))
                .groupby(["word", "guesser", "game_id"], sort=True)["correct_flag"].any().reset_index())
    table = per_game.groupby(["word", "guesser"], sort=True).agg(
        games=("game_id", "size"), correct_games=("correct_flag", "sum")).reset_index()
    table["correct_games"] = table["correct_games"].astype(int)
    table["success_rate"] = table["correct_games"] / table["games"]
    return table[WORD_COLUMNS].reset_index(drop=True)


def _races(games: pd.DataFrame, guesses: pd.DataFrame) -> tuple[list[str], list[tuple[int, list[int]]]]:
    """Guesser names, and per rated race (winner index, loser indices), in game order."""
    rows = _finished_guesses(games, guesses)
    players = rows.groupby("game_id")["guesser"].agg(lambda s: sorted(set(s)))
    done = _finished(games)
    done = done[done["id"].isin(players.index)].sort_values(["started_at", "id"], kind="mergesort")
    raw = []
    for gid, winner in zip(done["id"], done["winner"]):
        who = players[gid]
        # Only a winner that played can be rated; a winner without guess rows is inconsistent data.
        if len(who) >= 2 and isinstance(winner, str) and winner in who:
            raw.append((winner, [p for p in who if p != winner]))
    names = sorted({w for w, _ in raw} | {p for _, ls in raw for p in ls})
    index = {n: i for i, n in enumerate(names)}
    return names, [(index[w], [index[p] for p in ls]) for w, ls in raw]


def _bradley_terry(wins: np.ndarray, prior: float = PRIOR_GAMES, tol: float = 1e-9,
                   max_iter: int = 10000) -> np.ndarray:
    """Bradley-Terry strengths by Hunter's (2004) MM iteration; wins[i, j] counts i beating j.

    A virtual average player gets `prior` wins and `prior` losses against everyone, which keeps
    every strength finite (even for a guesser that always wins) and connects the comparison graph.
    """
    k = wins.shape[0]
    full = np.zeros((k + 1, k + 1))
    full[:k, :k] = wins
    full[:k, k] = prior
    full[k, :k] = prior
    pairs = full + full.T
    won = full.sum(axis=1)
    p = np.ones(k + 1)
    for _ in range(max_iter):
        new = won / (pairs / (p[:, None] + p[None, :])).sum(axis=1)
        new /= np.exp(np.log(new).mean())  # the likelihood ignores scale; fixing it speeds convergence
        done = np.max(np.abs(np.log(new) - np.log(p))) < tol
        p = new
        if done:
            break
    return p[:k]


def _elo(strength: np.ndarray) -> np.ndarray:
    """Strengths on an Elo-like scale: 1500 is the geometric mean, +400 is ten times stronger."""
    logs = np.log10(strength)
    return RATING_BASE + RATING_SCALE * (logs - logs.mean())


def head_to_head(games: pd.DataFrame, guesses: pd.DataFrame, rng: np.random.Generator,
                 n_boot: int = 200) -> pd.DataFrame:
    """Bradley-Terry ratings from races (the winner beats every rival that played), with bootstrap 95% intervals.

    `rng` is a numpy Generator (np.random.default_rng(seed)); games are resampled with replacement
    `n_boot` times. Only guessers in at least one race (a finished game with a winner and >= 2
    guessers) are rated; `races` counts those games. A guesser missing from a resample keeps only
    the prior there (an average rating), which widens rather than drops its interval.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a numpy Generator, e.g. np.random.default_rng(seed)")
    if len(games) == 0 or len(guesses) == 0:
        return _empty(RATING_COLUMNS)
    names, races = _races(games, guesses)
    if not races:
        return _empty(RATING_COLUMNS)
    k, n = len(names), len(races)
    race_of = np.array([r for r, (_, losers) in enumerate(races) for _ in losers])
    winner = np.array([w for w, losers in races for _ in losers])
    loser = np.array([lo for _, losers in races for lo in losers])
    in_races = np.zeros(k, dtype=int)
    for w, losers in races:
        in_races[[w, *losers]] += 1

    def ratings(weights: np.ndarray) -> np.ndarray:
        wins = np.zeros((k, k))
        np.add.at(wins, (winner, loser), weights[race_of])
        return _elo(_bradley_terry(wins))

    point = ratings(np.ones(n))
    if n_boot > 0:
        boot = np.array([ratings(np.bincount(rng.integers(0, n, size=n), minlength=n).astype(float))
                         for _ in range(n_boot)])
        lo, hi = np.percentile(boot, [2.5, 97.5], axis=0)
    else:
        lo = hi = np.full(k, math.nan)
    table = pd.DataFrame({"guesser": names, "rating": point, "lo": lo, "hi": hi, "races": in_races},
                         columns=RATING_COLUMNS)
    return table.sort_values(["rating", "guesser"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _first_correct_fraction(eval_results: pd.DataFrame) -> pd.DataFrame:
    """Per (guesser, variant, run, drawing): the smallest fraction at which it was correct (inf if never)."""
    rows = eval_results.assign(
        hit_at=np.where(_flag(eval_results["correct"]), pd.to_numeric(eval_results["fraction"], errors="coerce"),
                        np.inf))
    return rows.groupby(["guesser", "variant", "run_id", "drawing"], sort=True)["hit_at"].min().reset_index()


def eval_accuracy_by_fraction(eval_results: pd.DataFrame,
                              bins: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0)) -> pd.DataFrame:
    """Per guesser, variant and bin: the share of drawings it had named by that fraction of the strokes.

    A drawing is one (run_id, drawing) pair, so the same drawing in two runs counts twice.
    """
    bins = tuple(float(b) for b in bins)
    if not bins or any(not 0 < b <= 1 for b in bins) or list(bins) != sorted(set(bins)):
        raise BadBins(f"bad fraction bins {bins!r}")
    if len(eval_results) == 0:
        return _empty(EVAL_ACCURACY_COLUMNS)
    first = _first_correct_fraction(eval_results)
    out = []
    for (guesser, variant), g in first.groupby(["guesser", "variant"], sort=True):
        for b in bins:
            out.append({"guesser": guesser, "variant": variant, "fraction_bin": b,
                        "accuracy": float((g["hit_at"] <= b + FRACTION_EPS).mean()), "drawings": len(g)})
    return pd.DataFrame(out, columns=EVAL_ACCURACY_COLUMNS)


def eval_cost_per_correct(eval_results: pd.DataFrame) -> pd.DataFrame:
    """Per guesser and variant: total cost, drawings named at some frame, and cost per named drawing.

    cost_usd is NaN (unknown, not zero) when a billed call has no known cost. A call counts as billed
    when it reported tokens if the table has input_tokens/output_tokens columns, else when it did not error.
    """
    if len(eval_results) == 0:
        return _empty(EVAL_COST_COLUMNS)
    if {"input_tokens", "output_tokens"} <= set(eval_results.columns):
        billed = (pd.to_numeric(eval_results["input_tokens"], errors="coerce").notna()
                  | pd.to_numeric(eval_results["output_tokens"], errors="coerce").notna())
    else:
        billed = ~_has_text(eval_results["error"])
    rows = eval_results.assign(cost=pd.to_numeric(eval_results["cost_usd"], errors="coerce"), billed=billed)
    first = _first_correct_fraction(eval_results)
    named = (first.assign(hit=np.isfinite(first["hit_at"]))
             .groupby(["guesser", "variant"], sort=True)["hit"].sum())
    out = []
    for (guesser, variant), g in rows.groupby(["guesser", "variant"], sort=True):
        known = not bool((g["billed"] & g["cost"].isna()).any())
        cost = float(g["cost"].sum()) if known else math.nan
        correct = int(named.get((guesser, variant), 0))
        out.append({"guesser": guesser, "variant": variant, "cost_usd": cost, "correct_drawings": correct,
                    "cost_per_correct": cost / correct if correct else math.nan})
    return pd.DataFrame(out, columns=EVAL_COST_COLUMNS)


def summary_title(field: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A summary column's readable title in `lang` (in English, SUMMARY_TITLES's)."""
    return t(lang, f"stats.col_{field}")


def summary_table(summary: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The guesser summary with readable column titles in `lang`, the win interval as one "lo–hi" cell."""
    titles = {field: summary_title(field, lang) for field in SUMMARY_TITLES}
    if len(summary) == 0:
        return pd.DataFrame(columns=list(titles.values()))
    table = summary.assign(win_interval=[f"{lo:.2f}–{hi:.2f}" for lo, hi in zip(summary["win_lo"], summary["win_hi"])])
    return table[list(SUMMARY_TITLES)].rename(columns=titles)
