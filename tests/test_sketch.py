"""The offline sketch guesser: preprocessing, the committed model, guessing rules, training inputs."""
from __future__ import annotations

import asyncio
import gzip
import importlib.util
import json
import math
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.guessers.base import Guesser
from core.images import CANVAS_SIZE, BadImage, canvas_png, encode_png, render_strokes
from core.judge import normalize
from core.sketch import (
    INPUT_SIZE,
    MODEL_PATH,
    WORDS_PATH,
    SketchGuesser,
    SketchModel,
    half_strokes,
    load_model,
    main,
    preprocess,
    render_drawing,
    skeleton,
)
from core.wordbook import WordBook
from core.words import load_words, parse_words

REPO = Path(__file__).resolve().parent.parent


def square(x0=100.0, y0=120.0, side=260.0, wobble=6.0):
    """A hand-ish square: one stroke round four corners, slightly off."""
    xs = [x0, x0 + side + wobble, x0 + side, x0 - wobble, x0 + 2]
    ys = [y0, y0 + 3, y0 + side, y0 + side - wobble, y0 + 4]
    return [[xs, ys]]


def circle(cx=250.0, cy=260.0, r=150.0, n=48):
    """A closed circle as one stroke."""
    ts = [2 * math.pi * i / n for i in range(n + 1)]
    return [[[cx + r * math.cos(t) for t in ts], [cy + r * math.sin(t) * 0.97 for t in ts]]]


def triangle():
    """A triangle drawn as three strokes."""
    a, b, c = (250.0, 80.0), (420.0, 400.0), (80.0, 395.0)
    return [[[a[0], b[0]], [a[1], b[1]]], [[b[0], c[0]], [b[1], c[1]]], [[c[0], a[0]], [c[1], a[1]]]]


SHAPES = {"square": square(), "circle": circle(), "triangle": triangle()}


def frame_png(strokes) -> bytes:
    """The PNG the app makes from a canvas showing these strokes (canvas coordinates)."""
    return image_png(render_strokes(strokes))


def image_png(im) -> bytes:
    """The PNG the app makes from a canvas looking like `im` (RGBA, transparent background)."""
    grey = np.asarray(im, dtype=np.uint8)
    rgba = np.zeros((CANVAS_SIZE, CANVAS_SIZE, 4), dtype=np.uint8)
    rgba[..., 3] = 255 - grey  # black pen whose alpha is its coverage, as the browser canvas gives it
    return canvas_png(rgba)


def blank_png() -> bytes:
    return canvas_png(np.zeros((CANVAS_SIZE, CANVAS_SIZE, 4), dtype=np.uint8))


def guess(g: SketchGuesser, png: bytes, past=()):
    return asyncio.run(g.guess(png, list(past)))


@pytest.fixture(scope="module")
def words():
    return load_words(WORDS_PATH)


@pytest.fixture(scope="module")
def train_script():
    spec = importlib.util.spec_from_file_location("train_sketch", REPO / "scripts" / "train_sketch.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sys.modules.setdefault("train_sketch", mod)  # so its worker pool can pickle the job functions
    return mod


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_drawn_frame_preprocesses_exactly_like_training_render(name):
    canvas = render_drawing(SHAPES[name])  # what training and `evaluate` render from raw strokes
    from_frame = preprocess(image_png(canvas))
    from_training = preprocess(canvas)
    assert from_frame.shape == (INPUT_SIZE, INPUT_SIZE)
    assert from_frame.dtype == np.float32
    np.testing.assert_array_equal(from_frame, from_training)
    assert from_frame.max() == pytest.approx(1.0)


def test_render_drawing_places_strokes_like_a_player_filling_the_canvas():
    strokes = SHAPES["triangle"]
    im = render_drawing(strokes)
    assert im.size == (CANVAS_SIZE, CANVAS_SIZE)
    np.testing.assert_array_equal(preprocess(im), preprocess(encode_png(im)))


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_pen_width_does_not_change_what_the_net_sees(name):
    thin = preprocess(render_drawing(SHAPES[name], pen_width=3))
    thick = preprocess(render_drawing(SHAPES[name], pen_width=12))
    # Lines are thinned to their centre and redrawn at one width, so a 4x wider pen leaves about as
    # much ink (without thinning: 1.7 to 2.2 times as much); the crop still moves by the pen's width.
    assert abs(float(thick.sum()) / float(thin.sum()) - 1.0) < 0.1
    assert np.abs(thin - thick).mean() < 0.08


def test_skeleton_makes_a_thick_bar_one_pixel_wide_and_keeps_a_lone_dot():
    bar = np.zeros((20, 40), dtype=bool)
    bar[8:13, 5:35] = True
    line = skeleton(bar)
    assert line.any() and line.sum(axis=0)[10:30].max() == 1  # one pixel across, along its middle
    assert line[:, 10:30].any(axis=0).all()  # and unbroken
    dot = np.zeros((8, 8), dtype=bool)
    dot[3:5, 3:5] = True
    assert preprocess(Image.fromarray(np.where(np.kron(dot, np.ones((4, 4))) > 0, 0, 255).astype(np.uint8))).max() == 1.0


def test_half_drawing_keeps_at_least_one_stroke():
    assert [half_strokes([[[0], [0]]] * n) for n in (1, 2, 3, 4, 9)] == [1, 1, 1, 2, 4]


def test_committed_model_loads_and_knows_exactly_the_words_of_words_txt(words):
    model = SketchModel(MODEL_PATH)
    assert sorted(model.classes) == sorted(w.text for w in words) and len(set(model.classes)) == len(model.classes)
    assert len(model.classes) >= 200
    probs = model.predict(frame_png(SHAPES["circle"]))
    assert list(probs) == list(model.classes)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)
    assert MODEL_PATH.stat().st_size < 25_000_000  # three nets of 1.6 M float32 weights


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_simple_drawn_shape_is_in_the_top_three(name):
    probs = load_model().predict(frame_png(SHAPES[name]))
    top3 = sorted(probs, key=probs.get, reverse=True)[:3]
    assert name in top3


def test_sketch_guesser_is_a_free_guesser():
    g = SketchGuesser(load_words(WORDS_PATH))
    assert isinstance(g, Guesser)
    assert g.paid is False
    assert g.name == "Sketch CNN (offline)"
    r = guess(g, frame_png(SHAPES["circle"]))
    assert (r.input_tokens, r.output_tokens) == (0, 0)


def test_in_a_german_game_it_answers_the_concept_in_german_and_reads_german_past_guesses(words):
    shapes = [w for w in words if w.text in ("square", "circle", "triangle")]
    english = SketchGuesser(shapes, min_confidence=0.0)
    german = english.in_language(WordBook(None, words, table={}, known=frozenset()).translations("de"))
    assert isinstance(german, Guesser) and (german.name, german.paid) == (english.name, False)
    png = frame_png(SHAPES["circle"])
    assert guess(english, png).text == "circle"
    assert guess(german, png).text == "Kreis"
    again = guess(german, png, ["kreis"]).text
    assert again in ("Quadrat", "Dreieck"), "a German past guess counts as its concept"


def test_guesser_never_repeats_a_past_guess(words):
    g = SketchGuesser(words, min_confidence=0.0)
    png = frame_png(SHAPES["square"])
    past: list[str] = []
    for _ in range(12):
        r = guess(g, png, past)
        assert r.text is not None
        assert normalize(r.text) not in {normalize(p) for p in past}
        past.append(r.text.upper())  # past guesses come back in any case or spacing
    assert len(set(map(normalize, past))) == 12


def test_guesser_skips_a_word_guessed_by_its_alias(words):
    g = SketchGuesser(words, min_confidence=0.0)
    png = frame_png(SHAPES["circle"])
    first = guess(g, png).text
    word = next(w for w in words if w.text == first)
    other_name = word.aliases[0] if word.aliases else word.text
    assert guess(g, png, [f"the {other_name}"]).text != first


def test_guesser_answers_only_words_of_its_list():
    g = SketchGuesser(parse_words("square\ncircle\ntriangle\nnot a quickdraw word\n"), min_confidence=0.0)
    assert g.words == ("circle", "square", "triangle")  # model order; unknown words are skipped
    for name, strokes in SHAPES.items():
        assert guess(g, frame_png(strokes)).text == name


def test_guesser_passes_when_every_word_was_guessed():
    g = SketchGuesser(parse_words("square\ncircle\n"), min_confidence=0.0)
    r = guess(g, frame_png(SHAPES["square"]), ["Square", " the CIRCLE"])
    assert r.passed


def test_guesser_passes_below_its_confidence_threshold(words):
    g = SketchGuesser(words, min_confidence=1.01)
    assert guess(g, frame_png(SHAPES["circle"])).passed


def test_blank_canvas_is_a_pass(words):
    r = guess(SketchGuesser(words), blank_png())
    assert r.passed and r.input_tokens == 0


def test_broken_png_raises_bad_image(words):
    g = SketchGuesser(words)
    with pytest.raises(BadImage):
        guess(g, b"\x89PNG\r\n\x1a\nnot really")
    with pytest.raises(BadImage):
        guess(g, frame_png(SHAPES["circle"])[:200])


def test_evaluate_cli_prints_one_figure_per_line(tmp_path, capsys):
    path = tmp_path / "mine.ndjson.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i, (word, strokes) in enumerate(SHAPES.items()):
            f.write(json.dumps({"word": word, "key_id": str(i), "drawing": strokes}) + "\n")
        f.write(json.dumps({"word": "no such word", "key_id": "9", "drawing": SHAPES["circle"]}) + "\n")
    assert main(["evaluate", "--strokes", str(path)]) == 0
    lines = capsys.readouterr().out.split()
    figures = dict(line.split("=") for line in lines)
    assert set(figures) == {"drawings", "top1_full", "top3_full", "top1_half", "top3_half"}
    assert figures["drawings"] == "3"
    assert float(figures["top3_full"]) == 1.0


def test_finished_game_frames_become_labelled_training_inputs(tmp_path, train_script, words):
    db = tmp_path / "arena.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE games (id TEXT PRIMARY KEY, word TEXT, status TEXT)")
    con.execute(
        "CREATE TABLE frames (id INTEGER PRIMARY KEY, game_id TEXT, seq INTEGER, created_at REAL,"
        " width INTEGER, height INTEGER, png BLOB)"
    )
    games = [("g1", "circle", "won"), ("g2", "Triangle", "timeout"), ("g3", "square", "playing"),
             ("g4", "not a class", "quit")]
    con.executemany("INSERT INTO games VALUES (?, ?, ?)", games)
    frames = [
        ("g1", 1, frame_png(SHAPES["circle"])),
        ("g1", 2, blank_png()),  # no ink: skipped
        ("g2", 1, frame_png(SHAPES["triangle"][:2])),
        ("g2", 2, b"broken"),  # not a PNG: skipped
        ("g3", 1, frame_png(SHAPES["square"])),  # game still playing: skipped
        ("g4", 1, frame_png(SHAPES["square"])),  # word the model does not know: skipped
    ]
    con.executemany(
        "INSERT INTO frames (game_id, seq, created_at, width, height, png) VALUES (?, ?, 0, 512, 512, ?)", frames
    )
    con.commit()
    con.close()
    classes = [w.text for w in words]
    x, y = train_script.games_db_samples(db, classes)
    assert x.shape == (2, INPUT_SIZE, INPUT_SIZE) and x.dtype == np.uint8
    assert [classes[i] for i in y] == ["circle", "triangle"]
    expected = np.rint(preprocess(frame_png(SHAPES["circle"])) * 255)
    np.testing.assert_array_equal(x[0], expected)


def test_wobbled_strokes_keep_the_first_stroke_and_never_vanish(train_script):
    import random

    rng = random.Random(3)
    strokes = SHAPES["triangle"]
    lengths = set()
    for _ in range(300):
        out = train_script.wobble_strokes(strokes, rng)
        lengths.add(len(out))
        assert all(len(xs) == len(ys) == 2 for xs, ys in out)
        assert math.dist((out[0][0][0], out[0][1][0]), (strokes[0][0][0], strokes[0][1][0])) < 100
    assert 3 in lengths and lengths <= {1, 2, 3}
    assert len(train_script.wobble_strokes(strokes[:2], rng)) == 2  # two strokes: none left out


def test_unrecognized_drawings_are_left_out_of_training_but_not_of_the_heldout_split(tmp_path, train_script, words):
    drawings = [{"word": "circle", "key_id": str(k), "recognized": k % 2 == 0, "drawing": SHAPES["circle"]}
                for k in range(40)]
    with gzip.open(tmp_path / "strokes.ndjson.gz", "wt") as f:
        f.write("\n".join(json.dumps(d) for d in drawings) + "\n")
    names = np.array(["circle"])
    np.savez(tmp_path / "bitmaps.npz", x=np.zeros((0, 28, 28), np.uint8), y=np.zeros((0,), np.int64), names=names)
    args = type("Args", (), {"data": str(tmp_path), "stroke_variants": 1, "bitmap_variants": 0, "workers": 1,
                             "games_db": None})()
    _x, y, heldout, stats = train_script.build_bank(args, [w.text for w in words])
    keys = [str(k) for k in range(40)]
    held = [k for k in keys if train_script.is_heldout(k)]
    trained = [k for k in keys if not train_script.is_heldout(k) and int(k) % 2 == 0]
    assert heldout == sorted(held)
    assert stats["train_drawings_strokes"] == len(trained) == len(y)
    assert stats["unrecognized_left_out"] == len(keys) - len(held) - len(trained)


def test_heldout_split_is_a_fixed_function_of_key_id(train_script):
    keys = [str(k) for k in range(5000000000000000, 5000000000002000)]
    held = [k for k in keys if train_script.is_heldout(k)]
    assert held == [k for k in keys if train_script.is_heldout(k)]
    assert 0.15 < len(held) / len(keys) < 0.25
