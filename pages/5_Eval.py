"""Eval: replay drawings against the guessers outside live games, to compare models and prompts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.access import eval_refusal
from core.charts import eval_accuracy_chart, eval_cost_chart
from core.eval import VARIANTS, EvalError, from_games, from_strokes, run_and_store, summarize
from core.export import rows_to_csv
from core.resources import client_address, get_engine, page_style
from core.stats import eval_accuracy_by_fraction, eval_cost_per_correct
from core.strokes import STROKE_LIMITS, StrokeFileError, read_stroke_file
from core.words import find_word

st.set_page_config(page_title="Pictionary Arena: eval", page_icon="🧪", layout="wide")
page_style()
engine = get_engine()
st.title("🧪 Eval")
st.caption("Replays drawings frame by frame, as a live game would, and records when each guesser first "
           "gets it right. Runs with paid models cost money: they count toward the daily budget.")


def results(run_id: int) -> None:
    """A run's summary, its charts and its rows as CSV."""
    rows = engine.store.eval_results(run_id)
    if not rows:
        st.info("This run has no results.")
        return
    st.dataframe(pd.DataFrame(summarize(rows)), hide_index=True)
    frame = pd.DataFrame(rows)
    left, right = st.columns(2)
    left.altair_chart(eval_accuracy_chart(eval_accuracy_by_fraction(frame)), width="stretch")
    right.altair_chart(eval_cost_chart(eval_cost_per_correct(frame)), width="stretch")
    st.download_button("Download the rows (CSV)", lambda: rows_to_csv(rows), file_name=f"eval-{run_id}.csv",
                       mime="text/csv", key=f"csv-{run_id}")


with st.expander("Run a new eval", expanded=not engine.store.eval_runs(1)):
    if refusal := eval_refusal(bool(engine.settings.ADMIN_PASSWORD), bool(st.session_state.get("admin")),
                               client_address()):
        st.info(refusal)
    else:
        source = st.radio("Drawings", ["Recorded games", "A stroke file"], horizontal=True)
        upload = st.file_uploader("Quick, Draw! strokes (.ndjson or .ndjson.gz)", type=["ndjson", "gz"],
                                  help=f"Up to {STROKE_LIMITS.describe()}.") if source == "A stroke file" else None
        variants = st.multiselect("Variants", VARIANTS, default=["history", "final-only"])
        limit = st.number_input("At most this many drawings", 1, 500, 10)
        max_usd = st.number_input("Stop once this many dollars are spent", 0.0, 50.0, 0.50, step=0.10)
        if st.button("Run", type="primary"):
            try:
                if upload is not None:
                    raw, skipped = read_stroke_file(upload.getvalue(), max_drawings=int(limit),
                                                    keep=lambda d: find_word(engine.words, d.word) is not None)
                    drawings = from_strokes(raw, engine.words)[: int(limit)]
                    if skipped:
                        st.warning(f"Skipped {skipped} malformed line(s) in the file.")
                elif source == "A stroke file":
                    raise EvalError("choose a stroke file first")
                else:
                    drawings = from_games(engine.store, engine.words, int(limit))
                if not drawings:
                    raise EvalError("there is no drawing of a word in the word list to replay")
                bar = st.progress(0.0, text="Starting...")
                run_id, outcome = run_and_store(
                    engine, drawings, variants, float(max_usd), source if upload is None else upload.name,
                    on_progress=lambda d, t: bar.progress(d / t, text=f"{d} of {t} drawings"))
                st.success(f"Run {run_id}: {outcome.drawings_done} drawings, ${outcome.spend_usd:.4f}, {outcome.status}.")
                st.session_state.eval_run = run_id
            except (EvalError, StrokeFileError) as exc:
                st.error(f"Cannot run the eval: {exc}")

runs = engine.store.eval_runs()
if not runs:
    st.info("No eval has run yet.")
else:
    labels = {r["id"]: f"run {r['id']}: {r['source']} · {r['drawings_done']} drawings · ${r['spend_usd'] or 0:.4f} · "
                       f"{r['status']}" for r in runs}
    chosen = st.selectbox("Run", list(labels), format_func=labels.get,
                          index=list(labels).index(st.session_state.get("eval_run", runs[0]["id"]))
                          if st.session_state.get("eval_run") in labels else 0)
    results(chosen)
