"""Eval: replay drawings against the guessers outside live games, to compare models and prompts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.access import EVAL_SIGN_IN, EVAL_THIS_MACHINE_ONLY, eval_refusal
from core.charts import eval_accuracy_chart, eval_cost_chart
from core.eval import VARIANTS, EvalError, from_games, from_strokes, run_and_store, summarize
from core.export import rows_to_csv
from core.i18n import t
from core.resources import client_address, current_language, get_engine, language_chooser, page_style
from core.stats import eval_accuracy_by_fraction, eval_cost_per_correct
from core.strokes import STROKE_LIMITS, StrokeFileError, read_stroke_file
from core.words import find_word

lang = current_language()
st.set_page_config(page_title=t(lang, "eval.page_title"), page_icon="🧪", layout="wide")
page_style()
language_chooser(lang)
engine = get_engine()
st.title(t(lang, "eval.title"))
st.caption(t(lang, "eval.intro"))
REFUSALS = {EVAL_SIGN_IN: "eval.sign_in", EVAL_THIS_MACHINE_ONLY: "eval.this_machine"}  # core.access's, in English
SOURCES = {"games": t("en", "eval.recorded_games"), "strokes": t("en", "eval.stroke_file")}  # as a run records them
SUMMARY = {"guesser": "stats.chart_guesser", "variant": "stats.chart_variant", "drawings": "stats.chart_drawings",
           "correct": "stats.chart_drawings_named", "accuracy": "stats.chart_accuracy",
           "mean_fraction_when_right": "admin.eval_shown_when_right", "cost_usd": "stats.chart_total_cost",
           "cost_per_correct": "stats.chart_cost_per_named"}  # core.eval.summarize's columns, in the charts' words


def results(run_id: int) -> None:
    """A run's summary, its charts and its rows as CSV."""
    rows = engine.store.eval_results(run_id)
    if not rows:
        st.info(t(lang, "eval.no_results"))
        return
    st.dataframe(pd.DataFrame(summarize(rows)).rename(columns=lambda c: t(lang, SUMMARY[c])), hide_index=True)
    frame = pd.DataFrame(rows)
    left, right = st.columns(2)
    left.altair_chart(eval_accuracy_chart(eval_accuracy_by_fraction(frame), lang), width="stretch")
    right.altair_chart(eval_cost_chart(eval_cost_per_correct(frame), lang), width="stretch")
    st.download_button(t(lang, "eval.download"), lambda: rows_to_csv(rows), file_name=f"eval-{run_id}.csv",
                       mime="text/csv", key=f"csv-{run_id}")


with st.expander(t(lang, "eval.new_run"), expanded=not engine.store.eval_runs(1)):
    if refusal := eval_refusal(bool(engine.settings.ADMIN_PASSWORD), bool(st.session_state.get("admin")),
                               client_address()):
        st.info(t(lang, REFUSALS[refusal]) if refusal in REFUSALS else refusal)
    else:
        source = st.radio(t(lang, "eval.drawings"), list(SOURCES), horizontal=True,
                          format_func=lambda s: t(lang, "eval.recorded_games" if s == "games" else "eval.stroke_file"))
        upload = st.file_uploader(t(lang, "eval.upload"), type=["ndjson", "gz"],
                                  help=t(lang, "eval.upload_help", limits=STROKE_LIMITS.describe())) \
            if source == "strokes" else None
        variants = st.multiselect(t(lang, "eval.variants"), VARIANTS, default=["history", "final-only"])
        limit = st.number_input(t(lang, "eval.limit"), 1, 500, 10)
        max_usd = st.number_input(t(lang, "eval.max_usd"), 0.0, 50.0, 0.50, step=0.10)
        if st.button(t(lang, "eval.run"), type="primary"):
            try:
                if upload is not None:
                    raw, skipped = read_stroke_file(upload.getvalue(), max_drawings=int(limit),
                                                    keep=lambda d: find_word(engine.words, d.word) is not None)
                    drawings = from_strokes(raw, engine.words)[: int(limit)]
                    if skipped:
                        st.warning(t(lang, "eval.skipped", count=skipped))
                elif source == "strokes":
                    raise EvalError(t(lang, "eval.no_file"))
                else:
                    drawings = from_games(engine.store, engine.words, int(limit))
                if not drawings:
                    raise EvalError(t(lang, "eval.no_drawing"))
                bar = st.progress(0.0, text=t(lang, "eval.starting"))
                run_id, outcome = run_and_store(
                    engine, drawings, variants, float(max_usd), SOURCES[source] if upload is None else upload.name,
                    on_progress=lambda d, n: bar.progress(d / n, text=t(lang, "eval.progress", done=d, total=n)))
                st.success(t(lang, "eval.done", run=run_id, drawings=outcome.drawings_done, usd=f"${outcome.spend_usd:.4f}",
                             status=outcome.status))
                st.session_state.eval_run = run_id
            except (EvalError, StrokeFileError) as exc:
                st.error(t(lang, "eval.failed", error=exc))

runs = engine.store.eval_runs()
if not runs:
    st.info(t(lang, "eval.none"))
else:
    labels = {r["id"]: t(lang, "eval.run_label", run=r["id"], source=r["source"], drawings=r["drawings_done"],
                         usd=f"${r['spend_usd'] or 0:.4f}", status=r["status"]) for r in runs}
    chosen = st.selectbox(t(lang, "eval.pick_run"), list(labels), format_func=labels.get,
                          index=list(labels).index(st.session_state.get("eval_run", runs[0]["id"]))
                          if st.session_state.get("eval_run") in labels else 0)
    results(chosen)
