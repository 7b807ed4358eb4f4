"""Eval: drawings replay frame by frame; first-right is recorded; variants and the dollar cap hold."""
from __future__ import annotations

import asyncio
import gzip
import io
import json
import sqlite3
import zipfile

import pytest
from scripted import ScriptedGuesser

from core.eval import EvalError, from_strokes, main, run_and_store, run_eval, summarize
from core.export import database_zip, rows_to_csv, table_csv
from core.guessers.base import GuessResult
from core.strokes import parse_strokes
from core.words import Word

WORDS = (Word("square"), Word("circle"), Word("triangle"))
VOCAB = tuple(w.text for w in WORDS)
SQUARE = [[[0, 100], [0, 0]], [[100, 100], [0, 100]], [[100, 0], [100, 100]], [[0, 0], [100, 0]]]
TRIANGLE = [[[50, 100], [0, 90]], [[100, 0], [90, 90]], [[0, 50], [90, 0]]]
CIRCLE = [[[50 + 40 * __import__("math").cos(t / 10 * 6.283) for t in range(11)],
           [50 + 40 * __import__("math").sin(t / 10 * 6.283) for t in range(11)]]]


def stroke_lines():
    return [json.dumps({"word": w, "key_id": k, "drawing": d}) for w, k, d in
            [("square", "s1", SQUARE), ("triangle", "t1", TRIANGLE), ("circle", "c1", CIRCLE),
             ("banana", "b1", SQUARE)]]


def drawings():
    raw, _ = parse_strokes(stroke_lines())
    return from_strokes(raw, WORDS)


def run(guessers, variants=("history",), max_usd=10.0, cost=lambda m, i, o: None):
    return asyncio.run(run_eval(drawings(), guessers, variants, VOCAB, max_usd=max_usd, timeout=2, cost=cost))


def test_words_outside_the_list_are_skipped_and_frames_follow_the_strokes():
    ds = drawings()
    assert [d.word.text for d in ds] == ["square", "triangle", "circle"]
    assert ds[0].fractions == (0.25, 0.5, 0.75, 1.0) and ds[2].fractions == (1.0,)


def test_first_correct_frame_is_recorded_and_the_guesser_stops_there():
    g = ScriptedGuesser("g", [(0, "dog"), (0, "square"), (0, "x"), (0, "triangle"), (0, "circle")])
    out = run([g])
    square = [r for r in out.rows if r["drawing"] == "s1"]
    assert [(r["frame_index"], r["correct"]) for r in square] == [(1, 0), (2, 1)]
    assert summarize(out.rows)[0]["correct"] >= 1 and out.drawings_done == 3


def test_history_variant_sends_past_guesses_and_no_history_does_not():
    with_history = ScriptedGuesser("h", [(0, "dog"), (0, "cat"), (0, "sun")])
    without = ScriptedGuesser("n", [(0, "dog"), (0, "cat"), (0, "sun")])
    asyncio.run(run_eval(drawings()[:1], [with_history], ["history"], VOCAB, max_usd=1, timeout=2,
                         cost=lambda *a: None))
    asyncio.run(run_eval(drawings()[:1], [without], ["no-history"], VOCAB, max_usd=1, timeout=2,
                         cost=lambda *a: None))
    assert with_history.calls[2].past == ("dog", "cat")
    assert all(c.past == () for c in without.calls)


def test_final_only_variant_makes_one_call_on_the_whole_drawing():
    g = ScriptedGuesser("g", [(0, "nope")])
    out = run([g], variants=("final-only",))
    assert len(g.calls) == 3 and all(r["fraction"] == 1.0 for r in out.rows)


def test_dollar_cap_stops_the_run_between_drawings():
    g = ScriptedGuesser("paid", [(0, "nope")], paid=True)
    out = run([g], max_usd=0.0001, cost=lambda m, i, o: 0.001)
    assert out.drawings_done == 1 and out.status.startswith("stopped at the $0.0001 limit")


def test_errors_refusals_and_timeouts_become_rows_not_crashes():
    g = ScriptedGuesser("bad", [(0, ZeroDivisionError()), (0, GuessResult(None, 5, 0, refused=True,
                                                                          refusal_reason="SAFETY")), (5, "late")])
    out = asyncio.run(run_eval(drawings()[:1], [g], ["history"], VOCAB, max_usd=1, timeout=0.1,
                               cost=lambda *a: None))
    assert [r["error"] for r in out.rows[:3]] == ["unexpected ZeroDivisionError", "refused: SAFETY",
                                                  "timeout after 0.1s"]


def test_unknown_variant_is_refused():
    with pytest.raises(EvalError):
        run([ScriptedGuesser("g")], variants=("sideways",))


@pytest.fixture
def engine(make_engine, tmp_path, monkeypatch):
    """The engine on three shapes; the CLI (`main`) reads the same data dir and words from the environment."""
    e = make_engine([ScriptedGuesser("a")], "square\ncircle\ntriangle\n", PRICES_JSON='{"priced": [1000, 1000]}')
    monkeypatch.setenv("PICTIONARY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WORDS_FILE", str(tmp_path / "words.txt"))
    return e


def test_runs_and_rows_are_saved_and_count_toward_the_budget(engine):
    g = ScriptedGuesser("paid", [(0, "square")], paid=True, model="priced")
    run_id, out = run_and_store(engine, drawings(), ["history"], 1.0, "test", guessers=[g])
    (run,) = engine.store.eval_runs()
    assert run["id"] == run_id and run["status"] == "done" and run["drawings_done"] == 3
    assert len(engine.store.eval_results(run_id)) == len(out.rows)
    # It always says "square": right on the square's first frame (1 call), wrong on all 3 frames of the
    # triangle and the circle's only frame: 5 calls of 10 + 2 tokens at $1000 per million = $0.06.
    assert run["spend_usd"] == pytest.approx(0.06)
    assert engine.store.spend_since(0) == pytest.approx(0.06), "eval spend counts toward the daily budget"


def test_cli_replays_a_stroke_file_with_the_offline_model(engine, tmp_path, capsys):
    path = tmp_path / "shapes.ndjson.gz"
    path.write_bytes(gzip.compress(("\n".join(stroke_lines()) + "\nnot json\n").encode()))
    engine.close()
    assert main(["--strokes", str(path), "--variants", "history,final-only", "--csv", str(tmp_path / "o.csv")]) == 0
    out = capsys.readouterr()
    assert "skipped 1 malformed line" in out.err
    assert "Sketch CNN (offline) [history]: accuracy=" in out.out
    assert "Sketch CNN (offline) [final-only]: accuracy=" in out.out
    assert (tmp_path / "o.csv").read_text().startswith("drawing,word,guesser")


def test_cli_says_what_is_wrong_with_a_bad_file(engine, tmp_path, capsys):
    engine.close()
    (tmp_path / "bad.ndjson").write_text("garbage\n")
    assert main(["--strokes", str(tmp_path / "bad.ndjson")]) == 2
    assert "error: no drawing in the file" in capsys.readouterr().err


def test_csv_export_encodes_images_and_redacts_secrets():
    data = rows_to_csv([{"id": 1, "png": b"\x89PNG", "error": "bad key " + "sk-ant-" + "abcdefghijklmnopqrstuvwxyz123"}],
                       secrets=["hunter2"])
    text = data.decode()
    assert "iVBORw==" in text and "sk-ant-" not in text and "[redacted]" in text


def test_database_zip_is_a_consistent_copy(engine):
    engine.lobby.join("player-export1", now=1.0)
    z = zipfile.ZipFile(io.BytesIO(database_zip(engine.store)))
    path = z.extract("pictionary.db", path=engine.settings.data_dir / "x")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM games").fetchone()[0] == 1
    assert table_csv(engine.store, "games").decode().startswith("id,word,player_id")
    with pytest.raises(ValueError):
        table_csv(engine.store, "sqlite_master")


def test_summary_cost_is_unknown_when_a_billed_call_has_no_price():
    rows = [{"guesser": "g", "variant": "history", "drawing": "d", "correct": 1, "fraction": 1.0,
             "cost_usd": None, "input_tokens": 10}]
    (s,) = summarize(rows)
    assert s["cost_usd"] is None and s["cost_per_correct"] is None
