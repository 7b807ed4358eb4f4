"""Stats: hand-computed rates, Wilson intervals, daily spend, word success, ratings and the offline eval tables."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from core.stats import (
    EVAL_ACCURACY_COLUMNS,
    EVAL_COST_COLUMNS,
    RATING_COLUMNS,
    SPEND_COLUMNS,
    SUMMARY_COLUMNS,
    WORD_COLUMNS,
    BadBins,
    eval_accuracy_by_fraction,
    eval_cost_per_correct,
    guesser_summary,
    head_to_head,
    spend_by_day,
    wilson_interval,
    word_guesser_success,
)

T0 = dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc).timestamp()  # a Monday, 00:00 UTC
DAY = 86400.0
NAN = math.nan

GAME_COLUMNS = ["id", "word", "player_id", "status", "started_at", "ended_at", "winner", "duration_s", "hidden"]
GUESS_COLUMNS = ["id", "game_id", "frame_seq", "guesser", "model", "text", "correct", "won", "stale", "refused",
                 "error", "created_at", "requested_at", "latency_ms", "input_tokens", "output_tokens", "cost_usd", "outcome"]
EVAL_COLUMNS = ["run_id", "drawing", "word", "guesser", "variant", "frame_index", "frames_total", "fraction",
                "correct", "cost_usd", "latency_ms", "error"]


def make_games(rows: list[tuple]) -> pd.DataFrame:
    """Games from (id, word, status, started_at, winner)."""
    return pd.DataFrame([
        {"id": gid, "word": word, "player_id": "p1", "status": status, "started_at": start,
         "ended_at": NAN if status == "active" else start + 60, "winner": winner,
         "duration_s": NAN if status == "active" else 60.0, "hidden": 0}
        for gid, word, status, start, winner in rows], columns=GAME_COLUMNS)


def make_guesses(rows: list[tuple], starts: dict[str, float]) -> pd.DataFrame:
    """Guesses from (game, frame, guesser, correct, won, stale, refused, error, seconds after start,
    latency_ms, input_tokens, output_tokens, cost_usd)."""
    out = []
    for i, (gid, frame, who, correct, won, stale, refused, error, after, latency, tin, tout, cost) in enumerate(rows):
        created = starts[gid] + after
        out.append({"id": i + 1, "game_id": gid, "frame_seq": frame, "guesser": who, "model": f"model-{who}",
                    "text": None if error else "guess", "correct": correct, "won": won, "stale": stale,
                    "refused": refused, "error": error, "created_at": created,
                    "requested_at": created - latency / 1000, "latency_ms": latency,
                    "input_tokens": tin, "output_tokens": tout, "cost_usd": cost,
                    "outcome": OUTCOME_OF.get((error or "").split(":")[0].split(" after")[0], "error" if error else
                                              ("refused" if refused else "answer"))})
    return pd.DataFrame(out, columns=GUESS_COLUMNS)


OUTCOME_OF = {"timeout": "timeout", "cancelled": "cancelled", "refused": "refused", "rate limited": "rate_limited"}
STARTS = {f"g{i}": T0 + 3600 * i for i in range(1, 7)}
TIMEOUT = "timeout after 20s"
CANCELLED = "cancelled: the game ended"


def sample_games() -> pd.DataFrame:
    """Five finished games and one active one (whose guesses must be ignored)."""
    return make_games([
        ("g1", "cat", "won", STARTS["g1"], "A"),
        ("g2", "cat", "won", STARTS["g2"], "B"),
        ("g3", "dog", "timeout", STARTS["g3"], None),
        ("g4", "dog", "won", STARTS["g4"], "A"),
        ("g5", "sun", "won", STARTS["g5"], "A"),
        ("g6", "sun", "active", STARTS["g6"], None),
    ])


def sample_guesses() -> pd.DataFrame:
    """Three guessers over the five finished games; every rate below is worked out by hand."""
    return make_guesses([
        # game frame who  cor won stale ref error                    after latency tin  tout cost
        ("g1", 1, "A", 0, 0, 0, 0, None, 5, 100, 100, 10, 0.001),
        ("g1", 2, "A", 1, 1, 0, 0, None, 10, 200, 100, 10, 0.001),
        ("g1", 1, "B", 0, 0, 0, 0, None, 6, 300, 100, 10, 0.002),
        ("g1", 2, "B", 1, 0, 1, 0, None, 12, 400, 100, 10, 0.002),  # right but too late
        ("g1", 1, "C", 0, 0, 1, 0, TIMEOUT, 21, 20000, NAN, NAN, NAN),
        ("g2", 1, "A", 0, 0, 0, 1, "refused: safety", 4, 150, 100, 0, 0.001),
        ("g2", 1, "B", 1, 1, 0, 0, None, 8, 500, 100, 10, NAN),  # billed, but the price is unknown
        ("g3", 1, "A", 0, 0, 0, 0, None, 5, 250, 100, 10, 0.001),
        ("g3", 1, "C", 0, 0, 0, 0, None, 7, 50, 20, 5, 0.0005),
        ("g3", 2, "C", 0, 0, 0, 0, "rate limited: 429", 9, 60, NAN, NAN, NAN),
        ("g4", 3, "A", 1, 1, 0, 0, None, 30, 300, 100, 10, 0.001),
        ("g4", 3, "B", 0, 0, 1, 0, CANCELLED, 31, 900, NAN, NAN, NAN),
        ("g4", 1, "C", 0, 0, 0, 0, None, 15, 70, 20, 5, 0.0005),
        ("g5", 1, "A", 1, 1, 0, 0, None, 6, 350, 100, 10, 0.001),
        ("g5", 1, "B", 0, 0, 1, 0, CANCELLED, 7, 800, 100, 0, 0.002),  # cut off, but billed
        ("g6", 1, "A", 1, 0, 0, 0, None, 3, 999, 100, 10, 0.001),  # active game: ignored
    ], STARTS)


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in columns})


# Wilson interval ------------------------------------------------------------------------------

@pytest.mark.parametrize("successes, trials, lo, hi", [
    (0, 10, 0.0, 0.2775),
    (5, 10, 0.2366, 0.7634),
    (10, 10, 0.7225, 1.0),
    (1, 2, 0.0945, 0.9055),
    (50, 100, 0.4038, 0.5962),
])
def test_wilson_interval_matches_known_values(successes, trials, lo, hi):
    got = wilson_interval(successes, trials)
    assert got == pytest.approx((lo, hi), abs=1e-4)


def test_wilson_interval_with_no_trials_is_the_whole_range():
    assert wilson_interval(0, 0) == (0.0, 1.0)


@pytest.mark.parametrize("rate", [0.0, 0.2, 0.5, 0.9, 1.0])
def test_small_samples_are_wider_than_large_ones_with_the_same_rate(rate):
    small, large = wilson_interval(round(rate * 10), 10), wilson_interval(round(rate * 1000), 1000)
    assert small[1] - small[0] > large[1] - large[0]
    assert small[0] <= rate <= small[1] and large[0] <= rate <= large[1]


# Guesser summary ------------------------------------------------------------------------------

def summary_row(name: str) -> pd.Series:
    s = guesser_summary(sample_games(), sample_guesses())
    return s.set_index("guesser").loc[name]


def test_summary_has_one_row_per_guesser_sorted_by_win_rate():
    s = guesser_summary(sample_games(), sample_guesses())
    assert list(s.columns) == SUMMARY_COLUMNS
    assert list(s["guesser"]) == ["A", "B", "C"]  # win rates 3/5, 1/4, 0/3


def test_ties_in_win_rate_are_sorted_by_name():
    games = make_games([("g1", "cat", "timeout", T0, None)])
    guesses = make_guesses([("g1", 1, who, 0, 0, 0, 0, None, 1, 10, 1, 1, 0.0) for who in ("Zed", "Amy", "Max")],
                           {"g1": T0})
    assert list(guesser_summary(games, guesses)["guesser"]) == ["Amy", "Max", "Zed"]


# A plays g1..g5 and wins g1, g4, g5; it is right in exactly those games, first at 10 s (frame 2),
# 30 s (frame 3) and 6 s (frame 1); six calls, one a refusal; tokens 110*5 + 100 = 650; cost 6 x 0.001;
# latencies 100, 150, 200, 250, 300, 350 -> p50 225, p95 300 + 0.75 * 50 = 337.5.
# B plays g1, g2, g4, g5 and wins g2; right in g1 (too late, still right) and g2, at 12 s (frame 2) and
# 8 s (frame 1); its g2 call reported tokens but has no price, so its cost is unknown. Its two cancelled
# rows are not calls: three calls at 300, 400, 500 ms -> p50 400, p95 400 + 0.9 * 100 = 490; their tokens
# still count: 110 * 3 + 100 = 430.
# C plays g1, g3, g4 and never wins or names the word; of four calls one timed out and one was rate
# limited (both errors); its two unpriced calls reported no tokens, so its known cost 0.001 is complete;
# latencies 50, 60, 70, 20000 -> p50 65, p95 70 + 0.85 * 19930 = 17010.5.
@pytest.mark.parametrize("name, expected", [
    ("A", dict(games=5, wins=3, win_rate=0.6, right_rate=0.6, median_s_to_first_correct=10.0,
               median_frames_to_first_correct=2.0, tokens_per_game=130.0, cost_per_game=0.0012,
               cost_per_win=0.002, cost_known=True, error_rate=0.0, refusal_rate=1 / 6, timeout_rate=0.0,
               calls=6, latency_p50_ms=225.0, latency_p95_ms=337.5)),
    ("B", dict(games=4, wins=1, win_rate=0.25, right_rate=0.5, median_s_to_first_correct=10.0,
               median_frames_to_first_correct=1.5, tokens_per_game=107.5, cost_per_game=NAN,
               cost_per_win=NAN, cost_known=False, error_rate=0.0, refusal_rate=0.0, timeout_rate=0.0,
               calls=3, latency_p50_ms=400.0, latency_p95_ms=490.0)),
    ("C", dict(games=3, wins=0, win_rate=0.0, right_rate=0.0, median_s_to_first_correct=NAN,
               median_frames_to_first_correct=NAN, tokens_per_game=50 / 3, cost_per_game=0.001 / 3,
               cost_per_win=NAN, cost_known=True, error_rate=0.5, refusal_rate=0.0, timeout_rate=0.25,
               calls=4, latency_p50_ms=65.0, latency_p95_ms=17010.5)),
])
def test_summary_matches_hand_computed_rates(name, expected):
    row = summary_row(name)
    for column, value in expected.items():
        got = row[column]
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(got), column
        else:
            assert got == pytest.approx(value), column


@pytest.mark.parametrize("name, wins, games", [("A", 3, 5), ("B", 1, 4), ("C", 0, 3)])
def test_summary_win_interval_is_wilson(name, wins, games):
    row = summary_row(name)
    assert (row["win_lo"], row["win_hi"]) == pytest.approx(wilson_interval(wins, games))
    assert row["win_lo"] <= row["win_rate"] <= row["win_hi"]


def test_active_games_do_not_count():
    games, guesses = sample_games(), sample_guesses()
    only_active = guesser_summary(games[games["status"] == "active"], guesses)
    assert only_active.empty and list(only_active.columns) == SUMMARY_COLUMNS


def test_unknown_cost_is_not_counted_as_zero():
    row = summary_row("B")
    assert not row["cost_known"]
    assert math.isnan(row["cost_per_game"]) and math.isnan(row["cost_per_win"])


def test_cancelled_calls_are_not_errors_and_not_calls():
    games = make_games([("g1", "cat", "won", T0, "A")])
    guesses = make_guesses([
        ("g1", 1, "A", 1, 1, 0, 0, None, 5, 100, 10, 1, 0.001),
        ("g1", 1, "B", 0, 0, 0, 0, None, 3, 100, 10, 1, 0.001),
        ("g1", 2, "B", 0, 0, 1, 0, CANCELLED, 6, 5000, 10, 1, 0.001),
    ], {"g1": T0})
    b = guesser_summary(games, guesses).set_index("guesser").loc["B"]
    assert b["calls"] == 1 and b["error_rate"] == 0.0 and b["timeout_rate"] == 0.0
    assert b["latency_p95_ms"] == 100.0  # the 5000 ms cut-off call is left out
    assert b["tokens_per_game"] == 22.0 and b["cost_per_game"] == pytest.approx(0.002)  # but its cost counts


def test_a_guesser_with_only_cancelled_calls_has_no_rates():
    games = make_games([("g1", "cat", "won", T0, "A")])
    guesses = make_guesses([
        ("g1", 1, "A", 1, 1, 0, 0, None, 5, 100, 10, 1, 0.001),
        ("g1", 1, "B", 0, 0, 1, 0, CANCELLED, 6, 5000, NAN, NAN, NAN),
    ], {"g1": T0})
    b = guesser_summary(games, guesses).set_index("guesser").loc["B"]
    assert b["games"] == 1 and b["calls"] == 0
    assert all(math.isnan(b[c]) for c in ("error_rate", "refusal_rate", "timeout_rate", "latency_p50_ms"))


def test_first_correct_is_the_earliest_reply_not_the_lowest_frame():
    games = make_games([("g1", "cat", "won", T0, "A")])
    guesses = make_guesses([
        ("g1", 3, "A", 1, 1, 0, 0, None, 9, 100, 10, 1, 0.001),
        ("g1", 2, "A", 1, 0, 1, 0, None, 20, 100, 10, 1, 0.001),  # an older frame that came back later
    ], {"g1": T0})
    a = guesser_summary(games, guesses).iloc[0]
    assert a["median_s_to_first_correct"] == 9.0 and a["median_frames_to_first_correct"] == 3.0


# Spend by day ---------------------------------------------------------------------------------

def test_spend_is_summed_per_utc_day_with_gaps_filled_and_a_running_total():
    guesses = make_guesses([
        ("g1", 1, "A", 0, 0, 0, 0, None, 60, 10, 1, 1, 0.10),
        ("g1", 1, "A", 0, 0, 0, 0, None, DAY - 1, 10, 1, 1, 0.20),  # 23:59:59 UTC, still day one
        ("g1", 1, "B", 0, 0, 0, 0, None, DAY - 2, 10, 1, 1, NAN),  # unknown price: not spend
        ("g1", 1, "A", 0, 0, 0, 0, None, 2 * DAY, 10, 1, 1, 0.50),  # day three, 00:00 UTC
    ], {"g1": T0})
    out = spend_by_day(guesses, budget_usd=0.5)
    assert list(out.columns) == SPEND_COLUMNS
    assert list(out["day"]) == [dt.date(2026, 11, 16), dt.date(2026, 11, 17), dt.date(2026, 11, 18)]
    assert list(out["spend_usd"]) == pytest.approx([0.3, 0.0, 0.5])
    assert list(out["cumulative_usd"]) == pytest.approx([0.3, 0.3, 0.8])
    assert list(out["over_budget"]) == [False, False, True]  # reaching the budget counts as over


def test_spend_without_a_budget_is_never_over():
    guesses = make_guesses([("g1", 1, "A", 0, 0, 0, 0, None, 60, 10, 1, 1, 9.0)], {"g1": T0})
    assert not spend_by_day(guesses, None)["over_budget"].any()


# Word x guesser success -----------------------------------------------------------------------

def test_word_success_counts_games_played_and_games_named():
    out = word_guesser_success(sample_games(), sample_guesses())
    assert list(out.columns) == WORD_COLUMNS
    # cat = g1, g2; dog = g3, g4; sun = g5 (g6 is active). B "played" g4 although its only call was cancelled.
    expected = [
        ("cat", "A", 2, 1, 0.5), ("cat", "B", 2, 2, 1.0), ("cat", "C", 1, 0, 0.0),
        ("dog", "A", 2, 1, 0.5), ("dog", "B", 1, 0, 0.0), ("dog", "C", 2, 0, 0.0),
        ("sun", "A", 1, 1, 1.0), ("sun", "B", 1, 0, 0.0),
    ]
    got = [(r.word, r.guesser, r.games, r.correct_games, r.success_rate) for r in out.itertuples()]
    assert got == expected


# Head-to-head ratings -------------------------------------------------------------------------

def dominance(n: int = 30) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A beats B and C in every game; B and C take turns beating each other."""
    games, rows, starts = [], [], {}
    for i in range(n):
        gid = f"r{i}"
        starts[gid] = T0 + i * 100
        if i % 3 == 2:
            winner, players = ("B" if i % 2 else "C"), ["B", "C"]
        else:
            winner, players = "A", ["A", "B", "C"]
        games.append((gid, "cat", "won", starts[gid], winner))
        for who in players:
            won = int(who == winner)
            rows.append((gid, 1, who, won, won, 0, 0, None, 5, 100, 10, 1, 0.001))
    return make_games(games), make_guesses(rows, starts)


def test_a_guesser_that_always_wins_ranks_first_far_above_with_finite_intervals():
    games, guesses = dominance()
    out = head_to_head(games, guesses, np.random.default_rng(7))
    assert list(out.columns) == RATING_COLUMNS
    assert out["guesser"].iloc[0] == "A"
    a, others = out.iloc[0], out.iloc[1:]
    assert (a["rating"] - others["rating"] > 400).all()  # more than ten times the odds
    assert np.isfinite(out[["rating", "lo", "hi"]].to_numpy(dtype=float)).all()
    assert a["lo"] > others["hi"].max()
    assert ((out["lo"] <= out["rating"]) & (out["rating"] <= out["hi"])).all()


def test_ratings_are_centred_on_1500():
    games, guesses = dominance()
    out = head_to_head(games, guesses, np.random.default_rng(0), n_boot=0)
    assert out["rating"].mean() == pytest.approx(1500.0)


def test_ratings_are_deterministic_for_a_seed():
    games, guesses = dominance()
    first = head_to_head(games, guesses, np.random.default_rng(42))
    again = head_to_head(games, guesses, np.random.default_rng(42))
    other = head_to_head(games, guesses, np.random.default_rng(43))
    pd.testing.assert_frame_equal(first, again)
    assert list(first["rating"]) == list(other["rating"])  # the point estimate ignores the rng
    assert not np.allclose(first[["lo", "hi"]].to_numpy(dtype=float), other[["lo", "hi"]].to_numpy(dtype=float))


def test_races_count_only_finished_games_with_a_winner_and_two_players():
    # Rated races: g1 (A beats B, C), g2 (B beats A), g4 (A beats B, C), g5 (A beats B). g3 has no winner.
    out = head_to_head(sample_games(), sample_guesses(), np.random.default_rng(1), n_boot=20)
    assert dict(zip(out["guesser"], out["races"])) == {"A": 4, "B": 4, "C": 2}
    assert out["guesser"].iloc[0] == "A"


def test_games_without_a_winner_or_a_rival_do_not_move_ratings():
    games, guesses = dominance()
    extra_games = make_games([("t1", "dog", "timeout", T0 + 9000, None), ("s1", "sun", "won", T0 + 9100, "C"),
                              ("x1", "dog", "active", T0 + 9200, None)])
    extra = make_guesses([("t1", 1, "A", 0, 0, 0, 0, None, 5, 100, 1, 1, 0.0),
                          ("t1", 1, "B", 0, 0, 0, 0, None, 5, 100, 1, 1, 0.0),
                          ("s1", 1, "C", 1, 1, 0, 0, None, 5, 100, 1, 1, 0.0),  # a solo win is no race
                          ("x1", 1, "C", 1, 0, 0, 0, None, 5, 100, 1, 1, 0.0),
                          ("x1", 1, "A", 0, 0, 0, 0, None, 5, 100, 1, 1, 0.0)],
                         {"t1": T0 + 9000, "s1": T0 + 9100, "x1": T0 + 9200})
    before = head_to_head(games, guesses, np.random.default_rng(3), n_boot=0)
    after = head_to_head(pd.concat([games, extra_games]), pd.concat([guesses, extra]),
                         np.random.default_rng(3), n_boot=0)
    pd.testing.assert_frame_equal(before, after)


def test_solo_games_give_no_ratings():
    games = make_games([("g1", "cat", "won", T0, "A")])
    guesses = make_guesses([("g1", 1, "A", 1, 1, 0, 0, None, 5, 100, 1, 1, 0.0)], {"g1": T0})
    out = head_to_head(games, guesses, np.random.default_rng(0))
    assert out.empty and list(out.columns) == RATING_COLUMNS


# Offline eval ---------------------------------------------------------------------------------

def eval_rows(guesser: str, variant: str, drawing: str, fractions: list[float], correct: list[int],
              cost: float = 0.01, error: str | None = None, run_id: int = 1) -> list[dict]:
    return [{"run_id": run_id, "drawing": drawing, "word": "cat", "guesser": guesser, "variant": variant,
             "frame_index": i + 1, "frames_total": len(fractions), "fraction": f, "correct": c,
             "cost_usd": cost, "latency_ms": 100.0, "error": error}
            for i, (f, c) in enumerate(zip(fractions, correct))]


def sample_eval() -> pd.DataFrame:
    """X/history names d1 from half the strokes, d2 at 0.3 and d3 never; X/final-only names d1 and d2."""
    quarter = [0.25, 0.5, 0.75, 1.0]
    rows = (eval_rows("X", "history", "d1", quarter, [0, 1, 1, 1])
            + eval_rows("X", "history", "d2", [0.3, 0.6, 1.0], [1, 0, 0])
            + eval_rows("X", "history", "d3", quarter, [0, 0, 0, 0])
            + eval_rows("X", "final-only", "d1", [1.0], [1])
            + eval_rows("X", "final-only", "d2", [1.0], [1])
            + eval_rows("X", "final-only", "d3", [1.0], [0]))
    return pd.DataFrame(rows, columns=EVAL_COLUMNS)


def test_accuracy_counts_drawings_named_by_each_fraction():
    out = eval_accuracy_by_fraction(sample_eval())
    assert list(out.columns) == EVAL_ACCURACY_COLUMNS
    got = {(r.variant, r.fraction_bin): (r.accuracy, r.drawings) for r in out.itertuples()}
    # history: d2 named at 0.3 (after 0.25, by 0.5), d1 named at 0.5; d3 never.
    assert got[("history", 0.25)] == (0.0, 3)
    assert got[("history", 0.5)] == pytest.approx((2 / 3, 3))
    assert got[("history", 1.0)] == pytest.approx((2 / 3, 3))
    assert got[("final-only", 0.75)] == (0.0, 3)
    assert got[("final-only", 1.0)] == pytest.approx((2 / 3, 3))


def test_accuracy_never_falls_as_more_strokes_are_shown():
    out = eval_accuracy_by_fraction(sample_eval(), bins=(0.1, 0.3, 0.5, 0.9, 1.0))
    for _, g in out.groupby(["guesser", "variant"]):
        assert g["accuracy"].is_monotonic_increasing


def test_the_same_drawing_in_two_runs_counts_twice():
    rows = eval_rows("X", "history", "d1", [1.0], [1], run_id=1) + eval_rows("X", "history", "d1", [1.0], [0], run_id=2)
    out = eval_accuracy_by_fraction(pd.DataFrame(rows, columns=EVAL_COLUMNS), bins=(1.0,))
    assert out[["accuracy", "drawings"]].values.tolist() == [[0.5, 2]]


@pytest.mark.parametrize("bins", [(), (0.0, 1.0), (0.5, 1.5), (0.75, 0.5), (0.5, 0.5)])
def test_bad_bins_are_refused(bins):
    with pytest.raises(BadBins):
        eval_accuracy_by_fraction(sample_eval(), bins=bins)


def test_cost_per_correct_divides_total_cost_by_drawings_named():
    out = eval_cost_per_correct(sample_eval())
    assert list(out.columns) == EVAL_COST_COLUMNS
    got = out.set_index("variant")
    # history: 4 + 3 + 4 calls at 0.01 for 2 drawings named; final-only: 3 calls for 2.
    assert got.loc["history", "cost_usd"] == pytest.approx(0.11)
    assert got.loc["history", "correct_drawings"] == 2
    assert got.loc["history", "cost_per_correct"] == pytest.approx(0.055)
    assert got.loc["final-only", "cost_per_correct"] == pytest.approx(0.015)


def test_eval_cost_stays_unknown_when_a_reply_has_no_price():
    rows = eval_rows("Y", "history", "d1", [0.5, 1.0], [0, 1]) + eval_rows("Y", "history", "d2", [1.0], [1], cost=NAN)
    out = eval_cost_per_correct(pd.DataFrame(rows, columns=EVAL_COLUMNS)).iloc[0]
    assert math.isnan(out["cost_usd"]) and math.isnan(out["cost_per_correct"]) and out["correct_drawings"] == 2


def test_eval_calls_that_reported_no_tokens_cost_nothing_when_tokens_are_given():
    rows = (eval_rows("Free", "history", "d1", [1.0], [1], cost=NAN)
            + eval_rows("Paid", "history", "d1", [1.0], [1], cost=NAN))
    table = pd.DataFrame(rows, columns=EVAL_COLUMNS).assign(input_tokens=[NAN, 100], output_tokens=[NAN, 5])
    out = eval_cost_per_correct(table).set_index("guesser")
    assert out.loc["Free", "cost_usd"] == 0.0 and out.loc["Free", "cost_per_correct"] == 0.0  # a local model
    assert math.isnan(out.loc["Paid", "cost_usd"])  # billed, price unknown


def test_eval_errors_without_a_price_cost_nothing_and_nothing_named_is_nan():
    rows = (eval_rows("Z", "history", "d1", [1.0], [0])
            + eval_rows("Z", "history", "d2", [1.0], [0], cost=NAN, error="timeout after 20s"))
    out = eval_cost_per_correct(pd.DataFrame(rows, columns=EVAL_COLUMNS)).iloc[0]
    assert out["cost_usd"] == pytest.approx(0.01) and out["correct_drawings"] == 0
    assert math.isnan(out["cost_per_correct"])


# Empty inputs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("call, columns", [
    (lambda g, q, e: guesser_summary(g, q), SUMMARY_COLUMNS),
    (lambda g, q, e: spend_by_day(q, 1.0), SPEND_COLUMNS),
    (lambda g, q, e: word_guesser_success(g, q), WORD_COLUMNS),
    (lambda g, q, e: head_to_head(g, q, np.random.default_rng(0)), RATING_COLUMNS),
    (lambda g, q, e: eval_accuracy_by_fraction(e), EVAL_ACCURACY_COLUMNS),
    (lambda g, q, e: eval_cost_per_correct(e), EVAL_COST_COLUMNS),
])
@pytest.mark.parametrize("with_columns", [True, False])
def test_empty_inputs_give_empty_tables_with_the_right_columns(call, columns, with_columns):
    tables = [empty(c) if with_columns else pd.DataFrame() for c in (GAME_COLUMNS, GUESS_COLUMNS, EVAL_COLUMNS)]
    out = call(*tables)
    assert out.empty and list(out.columns) == columns


def test_games_without_guesses_give_empty_tables():
    games = sample_games()
    assert guesser_summary(games, empty(GUESS_COLUMNS)).empty
    assert word_guesser_success(games, empty(GUESS_COLUMNS)).empty
