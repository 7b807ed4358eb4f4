"""Charts: the Vega-Lite each builder produces has the right marks, fields, types, titles and tooltips."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_stats import EVAL_COLUMNS, GAME_COLUMNS, GUESS_COLUMNS, empty, sample_eval, sample_games, sample_guesses

from core.charts import (
    eval_accuracy_chart,
    eval_cost_chart,
    heatmap_chart,
    latency_chart,
    latency_percentiles,
    rating_chart,
    spend_chart,
    time_to_win_chart,
    top_words,
    win_rate_chart,
)
from core.stats import (
    eval_accuracy_by_fraction,
    eval_cost_per_correct,
    guesser_summary,
    head_to_head,
    spend_by_day,
    word_guesser_success,
)

TYPES = {"N": "nominal", "Q": "quantitative", "T": "temporal", "O": "ordinal"}


def layers(spec: dict) -> list[dict]:
    """The single-view specs of a chart, whether it is layered or not."""
    return spec["layer"] if "layer" in spec else [spec]


def marks(spec: dict) -> list[str]:
    return [(v["mark"]["type"] if isinstance(v["mark"], dict) else v["mark"]) for v in layers(spec)]


def field(encoding: dict) -> str:
    """'name:T' for an encoding, T as the shorthand letter of its type."""
    letter = {v: k for k, v in TYPES.items()}[encoding["type"]]
    return f"{encoding['field']}:{letter}"


def data_rows(spec: dict) -> list[dict]:
    """The rows of the chart's main (top-level or first layer's) dataset."""
    name = (spec.get("data") or layers(spec)[0]["data"])["name"]
    return spec["datasets"][name]


def assert_titled_with_tooltips(spec: dict) -> None:
    """A chart title; x and y on the first layer; every x and y titled; every layer with titled tooltips."""
    assert isinstance(spec.get("title"), str) and spec["title"]
    assert {"x", "y"} <= set(layers(spec)[0]["encoding"])
    for view in layers(spec):
        enc = view["encoding"]
        for channel in {"x", "y"} & set(enc):
            assert enc[channel].get("title"), f"{channel} of {view['mark']} has no title"
        assert enc["tooltip"] and all(t.get("field") and t.get("title") for t in enc["tooltip"])


@pytest.fixture(scope="module")
def summary():
    return guesser_summary(sample_games(), sample_guesses())


def test_win_rate_chart_is_bars_with_wilson_error_bars(summary):
    spec = win_rate_chart(summary).to_dict()
    assert_titled_with_tooltips(spec)
    bars, errors = layers(spec)
    assert marks(spec) == ["bar", "rule"]
    assert field(bars["encoding"]["x"]) == "win_rate:Q" and field(bars["encoding"]["y"]) == "guesser:N"
    assert field(errors["encoding"]["x"]) == "win_lo:Q" and errors["encoding"]["x2"]["field"] == "win_hi"
    assert bars["encoding"]["y"]["sort"] == ["A", "B", "C"]  # best first
    assert {t["field"] for t in bars["encoding"]["tooltip"]} >= {"wins", "games", "win_lo", "win_hi"}


def test_time_to_win_chart_puts_the_fastest_first_and_never_right_last(summary):
    spec = time_to_win_chart(summary).to_dict()
    assert_titled_with_tooltips(spec)
    assert marks(spec) == ["bar"]
    enc = spec["encoding"]
    assert field(enc["x"]) == "median_s_to_first_correct:Q"
    # A and B both take a median of 10 s (name breaks the tie); C was never right.
    assert enc["y"]["sort"] == ["A", "B", "C"]


def test_latency_percentiles_leave_out_cancelled_calls():
    table = latency_percentiles(sample_guesses()).set_index("guesser")
    assert table.loc["B", "calls"] == 3 and table.loc["B", "p50"] == 400.0  # not 5 calls, not the 800/900 ms
    assert table.loc["B", "p95"] == pytest.approx(490.0)


def test_latency_chart_is_a_box_per_guesser():
    spec = latency_chart(sample_guesses()).to_dict()
    assert_titled_with_tooltips(spec)
    assert marks(spec) == ["rule", "bar", "tick"]
    whisker, box, median = layers(spec)
    assert (field(whisker["encoding"]["x"]), whisker["encoding"]["x2"]["field"]) == ("p5:Q", "p95")
    assert (field(box["encoding"]["x"]), box["encoding"]["x2"]["field"]) == ("p25:Q", "p75")
    assert field(median["encoding"]["x"]) == "p50:Q"
    assert median["encoding"]["y"]["sort"] == ["C", "A", "B"]  # fastest median first: 65, 225, 400 ms


@pytest.mark.parametrize("budget", [0.5, None])
def test_spend_chart_bars_by_utc_day_and_a_rule_at_the_budget(budget):
    guesses = sample_guesses()
    spec = spend_chart(spend_by_day(guesses, budget), budget).to_dict()
    assert_titled_with_tooltips(spec)
    bars = layers(spec)[0]
    assert field(bars["encoding"]["x"]) == "day:T" and bars["encoding"]["x"]["timeUnit"] == "utcyearmonthdate"
    assert field(bars["encoding"]["y"]) == "spend_usd:Q"
    assert field(bars["encoding"]["color"]) == "over_budget:N"
    assert data_rows(spec)[0]["day"] == "2026-11-16"  # a UTC date, not a local timestamp
    if budget is None:
        assert marks(spec) == ["bar", "point"]
    else:
        assert marks(spec) == ["bar", "point", "rule"]
        rule = layers(spec)[2]
        assert field(rule["encoding"]["y"]) == "budget_usd:Q"
        assert spec["datasets"][rule["data"]["name"]] == [{"budget_usd": 0.5}]


def test_the_spend_chart_says_over_budget_in_words_of_its_language():
    spend = pd.DataFrame({"day": ["2026-11-16", "2026-11-17"], "spend_usd": [0.2, 0.7], "cumulative_usd": [0.2, 0.9],
                          "over_budget": [False, True]})
    for lang, words in (("en", ["no", "yes"]), ("fr", ["non", "oui"])):
        spec = spend_chart(spend, 0.5, lang).to_dict()
        bars, points = layers(spec)[:2]
        assert bars["encoding"]["color"]["scale"]["domain"] == words == points["encoding"]["shape"]["scale"]["domain"]
        assert [r["over_budget"] for r in data_rows(spec)] == words


def word_table(n_words: int) -> pd.DataFrame:
    """Word w<i> played i+1 times by each of two guessers."""
    rows = [{"word": f"w{i:02d}", "guesser": g, "games": i + 1, "correct_games": i // 2,
             "success_rate": (i // 2) / (i + 1)} for i in range(n_words) for g in ("A", "B")]
    return pd.DataFrame(rows)


def test_heatmap_is_words_by_guessers_coloured_by_success_rate():
    spec = heatmap_chart(word_guesser_success(sample_games(), sample_guesses())).to_dict()
    assert_titled_with_tooltips(spec)
    assert marks(spec) == ["rect", "text"]
    enc = layers(spec)[0]["encoding"]
    assert field(enc["x"]) == "guesser:N" and field(enc["y"]) == "word:N"
    assert field(enc["color"]) == "success_rate:Q" and enc["color"]["scale"]["domain"] == [0, 1]
    assert {t["field"] for t in enc["tooltip"]} >= {"games", "correct_games", "success_rate"}


def test_heatmap_keeps_only_the_most_played_words():
    table = word_table(40)
    spec = heatmap_chart(table, top_n=5).to_dict()
    expected = ["w39", "w38", "w37", "w36", "w35"]
    assert layers(spec)[0]["encoding"]["y"]["sort"] == expected
    assert sorted({r["word"] for r in data_rows(spec)}) == sorted(expected)
    assert top_words(table, 3) == expected[:3]


def test_rating_chart_is_points_with_interval_bars():
    ratings = head_to_head(sample_games(), sample_guesses(), np.random.default_rng(0), n_boot=20)
    spec = rating_chart(ratings).to_dict()
    assert_titled_with_tooltips(spec)
    assert marks(spec) == ["rule", "point"]
    interval, point = layers(spec)
    assert field(interval["encoding"]["x"]) == "lo:Q" and interval["encoding"]["x2"]["field"] == "hi"
    assert field(point["encoding"]["x"]) == "rating:Q"
    assert point["encoding"]["y"]["sort"] == list(ratings["guesser"])
    assert point["encoding"]["x"]["scale"]["zero"] is False  # ratings sit around 1500, not 0


def test_eval_accuracy_chart_is_a_line_per_guesser_and_variant():
    spec = eval_accuracy_chart(eval_accuracy_by_fraction(sample_eval())).to_dict()
    assert_titled_with_tooltips(spec)
    assert marks(spec) == ["line"]
    enc = spec["encoding"]
    assert field(enc["x"]) == "fraction_bin:Q" and field(enc["y"]) == "accuracy:Q"
    assert field(enc["color"]) == "guesser:N" and field(enc["strokeDash"]) == "variant:N"


def test_eval_cost_chart_is_a_bar_per_guesser_and_variant_without_unknown_costs():
    cost = eval_cost_per_correct(sample_eval())
    unknown = pd.DataFrame([{"guesser": "Y", "variant": "history", "cost_usd": np.nan, "correct_drawings": 1,
                             "cost_per_correct": np.nan}])
    spec = eval_cost_chart(pd.concat([cost, unknown], ignore_index=True)).to_dict()
    assert_titled_with_tooltips(spec)
    assert marks(spec) == ["bar"]
    enc = spec["encoding"]
    assert field(enc["x"]) == "cost_per_correct:Q" and field(enc["y"]) == "guesser:N"
    assert field(enc["yOffset"]) == "variant:N" and field(enc["color"]) == "variant:N"
    assert {r["guesser"] for r in data_rows(spec)} == {"X"}


def test_every_chart_builds_from_an_empty_database():
    games, guesses, evals = empty(GAME_COLUMNS), empty(GUESS_COLUMNS), empty(EVAL_COLUMNS)
    summary = guesser_summary(games, guesses)
    charts = [
        win_rate_chart(summary), time_to_win_chart(summary), latency_chart(guesses),
        spend_chart(spend_by_day(guesses, 1.0), 1.0), heatmap_chart(word_guesser_success(games, guesses)),
        rating_chart(head_to_head(games, guesses, np.random.default_rng(0))),
        eval_accuracy_chart(eval_accuracy_by_fraction(evals)), eval_cost_chart(eval_cost_per_correct(evals)),
    ]
    for chart in charts:
        assert_titled_with_tooltips(chart.to_dict())


def colour_fields(spec: dict) -> set[str]:
    """The fields a chart's layers colour by (a colour from a condition or a constant is no field)."""
    return {view["encoding"][c]["field"] for view in layers(spec) for c in ("color", "fill", "stroke")
            if "field" in view["encoding"].get(c, {})}


def other_fields(spec: dict) -> set[str]:
    """The fields a chart's layers encode in a channel that still reads in grey: position, shape, dash, text..."""
    hue = {"color", "fill", "stroke", "tooltip", "opacity", "fillOpacity", "strokeOpacity", "x", "y"}
    return {enc["field"] for view in layers(spec) for channel, enc in view["encoding"].items()
            if channel not in hue and isinstance(enc, dict) and "field" in enc}


def test_every_coloured_field_is_also_told_another_way_so_charts_read_in_grey():
    summary = guesser_summary(sample_games(), sample_guesses())
    charts = {
        "win rate": win_rate_chart(summary), "time to win": time_to_win_chart(summary),
        "latency": latency_chart(sample_guesses()), "spend": spend_chart(spend_by_day(sample_guesses(), 0.5), 0.5),
        "heatmap": heatmap_chart(word_guesser_success(sample_games(), sample_guesses())),
        "rating": rating_chart(head_to_head(sample_games(), sample_guesses(), np.random.default_rng(0))),
        "eval accuracy": eval_accuracy_chart(eval_accuracy_by_fraction(sample_eval())),
        "eval cost": eval_cost_chart(eval_cost_per_correct(sample_eval())),
    }
    coloured = {name for name, chart in charts.items() if colour_fields(chart.to_dict())}
    assert coloured >= {"spend", "heatmap", "eval accuracy", "eval cost"}, "the charts that use colour are checked"
    for name, chart in charts.items():
        spec = chart.to_dict()
        missing = colour_fields(spec) - other_fields(spec)
        assert not missing, f"the {name} chart tells {missing} by colour alone"
