"""Stroke files: valid drawings are read, malformed lines are skipped and counted, never fatal."""
from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.images import decode_png, ink_bbox
from core.strokes import StrokeFileError, parse_strokes, read_stroke_file, stroke_frames

SQUARE = [[[0, 100], [0, 0]], [[100, 100], [0, 100]], [[100, 0], [100, 100]], [[0, 0], [100, 0]]]


def line(word="square", drawing=SQUARE, key="k1"):
    return json.dumps({"word": word, "key_id": key, "drawing": drawing})


def test_gzip_and_plain_files_read_alike(tmp_path):
    text = "\n".join([line(key="a"), line("circle", key="b")]) + "\n"
    (tmp_path / "d.ndjson").write_text(text)
    (tmp_path / "d.ndjson.gz").write_bytes(gzip.compress(text.encode()))
    plain, _ = read_stroke_file(tmp_path / "d.ndjson")
    packed, _ = read_stroke_file(tmp_path / "d.ndjson.gz")
    assert plain == packed and [d.word for d in plain] == ["square", "circle"]


def test_only_an_explicit_false_marks_a_drawing_unrecognized():
    lines = [line(key="a"), json.dumps({"word": "x", "key_id": "b", "recognized": False, "drawing": SQUARE}),
             json.dumps({"word": "x", "key_id": "c", "recognized": True, "drawing": SQUARE})]
    drawings, _ = parse_strokes(lines)
    assert [(d.key, d.recognized) for d in drawings] == [("a", True), ("b", False), ("c", True)]


@pytest.mark.parametrize("bad", [
    "not json", "[]", json.dumps({"word": "x"}), json.dumps({"word": "", "drawing": SQUARE}),
    json.dumps({"word": "x", "drawing": [[[1, 2], [1]]]}), json.dumps({"word": "x", "drawing": [[["a"], ["b"]]]}),
    json.dumps({"word": 5, "drawing": SQUARE}), json.dumps({"word": "x", "drawing": []}),
])
def test_malformed_lines_are_skipped_and_counted(bad):
    drawings, skipped = parse_strokes([line(), bad, line(key="k2")])
    assert len(drawings) == 2 and skipped == 1


@pytest.mark.parametrize("data", [b"", b"\x1f\x8bnot gzip", b"\xff\xfe", b"{}\n[]\n"])
def test_unreadable_or_empty_files_raise_a_clear_error(data):
    with pytest.raises(StrokeFileError):
        read_stroke_file(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_any_text_parses_without_crashing(text):
    drawings, skipped = parse_strokes(text.splitlines())
    assert skipped >= 0 and all(d.strokes for d in drawings)


def test_frames_grow_stroke_by_stroke_and_end_with_the_whole_drawing():
    frames = stroke_frames(SQUARE)
    assert [f for f, _ in frames] == [0.25, 0.5, 0.75, 1.0]
    widths = [ink_bbox(decode_png(png))[2] - ink_bbox(decode_png(png))[0] for _, png in frames]
    assert widths[0] < widths[-1] or widths == sorted(widths)


def test_long_drawings_are_sampled_to_the_frame_cap_keeping_the_last():
    many = [[[i, i + 5], [0, 50]] for i in range(0, 300, 10)]
    frames = stroke_frames(many, max_frames=6)
    assert len(frames) <= 7 and frames[-1][0] == 1.0
