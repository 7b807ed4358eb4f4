"""Altair charts for the Stats page: pure builders from the tables in core.stats to charts (never rendered here)."""
from __future__ import annotations

from typing import Callable

import altair as alt
import numpy as np
import pandas as pd

from core.guess_rows import CANCELLED
from core.i18n import DEFAULT_LANGUAGE, t
from core.stats import outcomes

ROW_STEP = 22  # pixels per guesser or word row, so long lists stay readable
OVER_BUDGET_COLOUR = "#e45756"
UNDER_BUDGET_COLOUR = "#4c78a8"
LATENCY_COLUMNS = ["guesser", "calls", "p5", "p25", "p50", "p75", "p95"]


def _words(lang: str) -> Callable[..., str]:
    """The charts' words in `lang` (core/locales/stats.py "stats.chart_*"): w("guesser") -> "Rater" in German."""
    return lambda key, **values: t(lang, f"stats.chart_{key}", **values)


def _order(df: pd.DataFrame, by: str, name: str = "guesser", largest_first: bool = True) -> list[str]:
    """Names sorted by a column (ties and missing values by name, last), for an explicit axis order."""
    if len(df) == 0:
        return []
    ordered = df.sort_values([by, name], ascending=[not largest_first, True], na_position="last", kind="mergesort")
    return [str(v) for v in ordered[name].drop_duplicates()]


def win_rate_chart(summary: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """Win rate per guesser as bars, with the Wilson 95% interval as an error bar."""
    w = _words(lang)
    order = _order(summary, "win_rate")
    y = alt.Y("guesser:N", title=w("guesser"), sort=order)
    tooltip = [
        alt.Tooltip("guesser:N", title=w("guesser")),
        alt.Tooltip("wins:Q", title=w("wins")),
        alt.Tooltip("games:Q", title=w("games_played")),
        alt.Tooltip("win_rate:Q", title=w("win_rate"), format=".0%"),
        alt.Tooltip("win_lo:Q", title=w("low95"), format=".0%"),
        alt.Tooltip("win_hi:Q", title=w("high95"), format=".0%"),
    ]
    base = alt.Chart(summary)
    bars = base.mark_bar().encode(
        x=alt.X("win_rate:Q", title=w("win_rate_axis"), axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=y, tooltip=tooltip)
    errors = base.mark_rule(strokeWidth=2, color="black").encode(
        x=alt.X("win_lo:Q", title=w("win_rate_axis")), x2="win_hi:Q", y=y, tooltip=tooltip)
    return alt.layer(bars, errors).properties(title=w("win_rate_title"),
                                              height=alt.Step(ROW_STEP))


def time_to_win_chart(summary: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> alt.Chart:
    """Median seconds from a game's start to each guesser's first correct guess."""
    w = _words(lang)
    order = _order(summary, "median_s_to_first_correct", largest_first=False)  # fastest first
    return alt.Chart(summary).mark_bar().encode(
        x=alt.X("median_s_to_first_correct:Q", title=w("median_s_axis")),
        y=alt.Y("guesser:N", title=w("guesser"), sort=order),
        tooltip=[
            alt.Tooltip("guesser:N", title=w("guesser")),
            alt.Tooltip("median_s_to_first_correct:Q", title=w("median_s"), format=".1f"),
            alt.Tooltip("median_frames_to_first_correct:Q", title=w("median_frames"), format=".1f"),
            alt.Tooltip("right_rate:Q", title=w("named_games"), format=".0%"),
            alt.Tooltip("games:Q", title=w("games_played")),
        ],
    ).properties(title=w("speed_title"), height=alt.Step(ROW_STEP))


def latency_percentiles(guesses: pd.DataFrame) -> pd.DataFrame:
    """Per guesser: calls with a known latency (cancelled calls excluded) and their 5/25/50/75/95th percentiles."""
    if len(guesses) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in LATENCY_COLUMNS})
    cancelled = outcomes(guesses) == CANCELLED
    rows = guesses.loc[~cancelled, ["guesser"]].assign(
        latency=pd.to_numeric(guesses.loc[~cancelled, "latency_ms"], errors="coerce")).dropna()
    out = []
    for name, g in rows.groupby("guesser", sort=True):
        p = np.percentile(g["latency"].to_numpy(dtype=float), [5, 25, 50, 75, 95])
        out.append({"guesser": name, "calls": len(g), **dict(zip(LATENCY_COLUMNS[2:], p.tolist()))})
    return pd.DataFrame(out, columns=LATENCY_COLUMNS)


def latency_chart(guesses: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """Latency per guesser as a box: whiskers 5th-95th, box 25th-75th, tick at the median (cancelled calls left out)."""
    w = _words(lang)
    table = latency_percentiles(guesses)
    order = _order(table, "p50", largest_first=False)  # fastest first
    y = alt.Y("guesser:N", title=w("guesser"), sort=order)
    x_title = w("latency_axis")
    tooltip = [
        alt.Tooltip("guesser:N", title=w("guesser")),
        alt.Tooltip("calls:Q", title=w("calls")),
        alt.Tooltip("p50:Q", title=w("median_ms"), format=",.0f"),
        alt.Tooltip("p95:Q", title=w("p95_ms"), format=",.0f"),
        alt.Tooltip("p5:Q", title=w("p5_ms"), format=",.0f"),
    ]
    base = alt.Chart(table)
    whisker = base.mark_rule().encode(x=alt.X("p5:Q", title=x_title), x2="p95:Q", y=y, tooltip=tooltip)
    box = base.mark_bar(size=14, opacity=0.6).encode(x=alt.X("p25:Q", title=x_title), x2="p75:Q", y=y,
                                                      tooltip=tooltip)
    median = base.mark_tick(color="black", thickness=2, size=16).encode(x=alt.X("p50:Q", title=x_title), y=y,
                                                                        tooltip=tooltip)
    return alt.layer(whisker, box, median).properties(title=w("latency_title"),
                                                      height=alt.Step(ROW_STEP))


def spend_chart(spend: pd.DataFrame, budget_usd: float | None, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """Daily spend as bars (red, and a triangle on top, on days at or over budget; else a circle: readable in grey),
    with a dashed rule at the daily budget; "over budget" says yes or no in `lang`."""
    w = _words(lang)
    said = {False: t(lang, "admin.chart_no"), True: t(lang, "admin.chart_yes")}
    data = spend.assign(day=[str(d)[:10] for d in spend["day"]],
                        over_budget=[said[bool(o)] for o in spend["over_budget"]]) if len(spend) else spend
    tooltip = [
        alt.Tooltip("day:T", title=w("day"), timeUnit="utcyearmonthdate"),
        alt.Tooltip("spend_usd:Q", title=w("spend"), format="$,.2f"),
        alt.Tooltip("cumulative_usd:Q", title=w("running_total"), format="$,.2f"),
        alt.Tooltip("over_budget:N", title=w("over_budget")),
    ]
    y_title = w("spend_axis")
    # Dates are "YYYY-MM-DD" strings, which browsers read as UTC midnight: show them in UTC too.
    x = alt.X("day:T", title=w("day"), timeUnit="utcyearmonthdate")
    y = alt.Y("spend_usd:Q", title=y_title, axis=alt.Axis(format="$,.2f"))
    color = alt.Color("over_budget:N", title=w("over_budget"),
                      scale=alt.Scale(domain=[said[False], said[True]], range=[UNDER_BUDGET_COLOUR, OVER_BUDGET_COLOUR]))
    bars = alt.Chart(data).mark_bar().encode(x=x, y=y, color=color, tooltip=tooltip)
    marks = alt.Chart(data).mark_point(filled=True, size=70, yOffset=-8, opacity=1).encode(
        x=x, y=y, color=color, tooltip=tooltip,
        shape=alt.Shape("over_budget:N", title=w("over_budget"),
                        scale=alt.Scale(domain=[said[False], said[True]], range=["circle", "triangle-up"])))
    layers = [bars, marks]
    if budget_usd is not None:
        rule = alt.Chart(pd.DataFrame({"budget_usd": [float(budget_usd)]})).mark_rule(
            color=OVER_BUDGET_COLOUR, strokeDash=[6, 4]).encode(
            y=alt.Y("budget_usd:Q", title=y_title),
            tooltip=[alt.Tooltip("budget_usd:Q", title=w("daily_budget"), format="$,.2f")])
        layers.append(rule)
    return alt.layer(*layers).properties(title=w("spend_title"))


def top_words(word_guesser: pd.DataFrame, top_n: int) -> list[str]:
    """The `top_n` words with the most games (a word's games: the most any guesser played), most first."""
    if len(word_guesser) == 0 or top_n <= 0:
        return []
    per_word = word_guesser.groupby("word")["games"].max().reset_index()
    return _order(per_word, "games", name="word")[:top_n]


def heatmap_chart(word_guesser: pd.DataFrame, top_n: int = 25, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """Words x guessers coloured by success rate, and labelled with it (readable in grey), limited to the `top_n`
    most played words."""
    w = _words(lang)
    words = top_words(word_guesser, top_n)
    data = word_guesser[word_guesser["word"].isin(words)] if len(word_guesser) else word_guesser
    guessers = sorted(str(g) for g in data["guesser"].unique()) if len(data) else []
    x = alt.X("guesser:N", title=w("guesser"), sort=guessers)
    y = alt.Y("word:N", title=w("word_axis"), sort=words)
    tooltip = [
        alt.Tooltip("word:N", title=w("word")),
        alt.Tooltip("guesser:N", title=w("guesser")),
        alt.Tooltip("correct_games:Q", title=w("named_games")),
        alt.Tooltip("games:Q", title=w("games_played")),
        alt.Tooltip("success_rate:Q", title=w("success_rate"), format=".0%"),
    ]
    cells = alt.Chart(data).mark_rect().encode(
        x=x, y=y,
        color=alt.Color("success_rate:Q", title=w("success_rate"), scale=alt.Scale(domain=[0, 1], scheme="viridis"),
                        legend=alt.Legend(format="%")),
        tooltip=tooltip,
    )
    labels = alt.Chart(data).mark_text(fontSize=11).encode(
        x=x, y=y, text=alt.Text("success_rate:Q", format=".0%"), tooltip=tooltip,
        color=alt.condition("datum.success_rate < 0.45", alt.value("white"), alt.value("black")))  # on viridis
    return alt.layer(cells, labels).properties(title=w("heatmap_title", top=top_n),
                                               height=alt.Step(ROW_STEP))


def rating_chart(ratings: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """Head-to-head rating per guesser as a point, with its bootstrap 95% interval as a bar."""
    w = _words(lang)
    order = _order(ratings, "rating")
    y = alt.Y("guesser:N", title=w("guesser"), sort=order)
    x_title = w("rating_axis")
    tooltip = [
        alt.Tooltip("guesser:N", title=w("guesser")),
        alt.Tooltip("rating:Q", title=w("rating"), format=".0f"),
        alt.Tooltip("lo:Q", title=w("low95"), format=".0f"),
        alt.Tooltip("hi:Q", title=w("high95"), format=".0f"),
        alt.Tooltip("races:Q", title=w("races")),
    ]
    base = alt.Chart(ratings)
    interval = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("lo:Q", title=x_title, scale=alt.Scale(zero=False)), x2="hi:Q", y=y, tooltip=tooltip)
    point = base.mark_point(filled=True, size=80, color="black").encode(
        x=alt.X("rating:Q", title=x_title, scale=alt.Scale(zero=False)), y=y, tooltip=tooltip)
    return alt.layer(interval, point).properties(title=w("rating_title"),
                                                 height=alt.Step(ROW_STEP))


def eval_accuracy_chart(accuracy: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> alt.Chart:
    """Accuracy against the share of strokes shown: a line per guesser (colour, and its points' shape: readable in
    grey) and variant (dash)."""
    w = _words(lang)
    return alt.Chart(accuracy).mark_line(point=True).encode(
        x=alt.X("fraction_bin:Q", title=w("strokes_axis"), axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("accuracy:Q", title=w("named_by_then"), axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("guesser:N", title=w("guesser")),
        shape=alt.Shape("guesser:N", title=w("guesser")),
        strokeDash=alt.StrokeDash("variant:N", title=w("variant")),
        tooltip=[
            alt.Tooltip("guesser:N", title=w("guesser")),
            alt.Tooltip("variant:N", title=w("variant")),
            alt.Tooltip("fraction_bin:Q", title=w("strokes_shown"), format=".0%"),
            alt.Tooltip("accuracy:Q", title=w("accuracy"), format=".0%"),
            alt.Tooltip("drawings:Q", title=w("drawings")),
        ],
    ).properties(title=w("eval_accuracy_title"))


def eval_cost_chart(cost: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> alt.Chart:
    """Cost per correctly named drawing, a bar per guesser and variant (unknown costs are left out)."""
    w = _words(lang)
    data = cost[pd.to_numeric(cost["cost_per_correct"], errors="coerce").notna()] if len(cost) else cost
    guessers = sorted(str(g) for g in data["guesser"].unique()) if len(data) else []
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("cost_per_correct:Q", title=w("cost_axis"), axis=alt.Axis(format="$,.4f")),
        y=alt.Y("guesser:N", title=w("guesser"), sort=guessers),
        yOffset=alt.YOffset("variant:N", title=w("variant")),
        color=alt.Color("variant:N", title=w("variant")),
        tooltip=[
            alt.Tooltip("guesser:N", title=w("guesser")),
            alt.Tooltip("variant:N", title=w("variant")),
            alt.Tooltip("cost_per_correct:Q", title=w("cost_per_named"), format="$,.4f"),
            alt.Tooltip("cost_usd:Q", title=w("total_cost"), format="$,.4f"),
            alt.Tooltip("correct_drawings:Q", title=w("drawings_named")),
        ],
    ).properties(title=w("eval_cost_title"))
