"""Stroke files: valid drawings are read, malformed lines are skipped and counted, never fatal."""
from __future__ import annotations

import gzip
import json
import time
import tracemalloc
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.images import decode_png, ink_bbox
from core.strokes import MAX_STROKES, STROKE_LIMITS, StrokeFileError, parse_strokes, read_stroke_file, stroke_frames
from core.uploads import Limits, UploadRefused, bounded_lines

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
def test_any_text_parses_without_crashing_and_every_line_is_a_drawing_or_skipped(text):
    lines = text.splitlines()
    drawings, skipped = parse_strokes(lines)
    assert len(drawings) + skipped == sum(1 for x in lines if x.strip()) and all(d.strokes for d in drawings)


def test_frames_grow_stroke_by_stroke_and_end_with_the_whole_drawing():
    frames = stroke_frames(SQUARE)
    assert [f for f, _ in frames] == [0.25, 0.5, 0.75, 1.0]
    widths = [ink_bbox(decode_png(png))[2] - ink_bbox(decode_png(png))[0] for _, png in frames]
    assert widths[0] < widths[-1] or widths == sorted(widths)


def test_long_drawings_are_sampled_to_the_frame_cap_keeping_the_last():
    many = [[[i, i + 5], [0, 50]] for i in range(0, 300, 10)]
    frames = stroke_frames(many, max_frames=6)
    assert len(frames) <= 7 and frames[-1][0] == 1.0


def gzip_bomb(byte: bytes, expanded: int) -> bytes:
    """A small gzip file of `expanded` bytes of one byte: one compressed member repeated (gzip allows that)."""
    member_size = 64 * 1024 * 1024
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = c.compress(byte * member_size) + c.flush()
    return member * (expanded // member_size)


@pytest.fixture(scope="module")
def bombs():
    return {"newlines": gzip_bomb(b"\n", 2 << 30), "one long line": gzip_bomb(b"0", 2 << 30)}


@pytest.mark.parametrize("kind, message", [("newlines", "more than 20,000 lines"), ("one long line", "more than 32 MB")])
def test_a_gzip_bomb_is_refused_while_it_is_read_in_little_memory(bombs, kind, message):
    bomb = bombs[kind]
    assert len(bomb) < 3 * 1024 * 1024, "about a megabyte or two on the wire, 2 GiB unpacked"
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(StrokeFileError, match=message):
        read_stroke_file(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB: the file is never unpacked whole"
    assert time.process_time() - started < 5, "refused long before 2 GiB were unpacked"


def test_the_line_cap_holds_while_streaming(tmp_path):
    limits = Limits(max_bytes=10_000_000, max_lines=5, max_line=10_000)
    five = ("\n".join(line(key=f"k{i}") for i in range(5)) + "\n").encode()
    assert len(read_stroke_file(five, limits)[0]) == 5
    with pytest.raises(StrokeFileError, match="more than 5 lines"):
        read_stroke_file(five + line(key="k5").encode() + b"\n", limits)


def test_an_overlong_line_is_skipped_and_reading_goes_on():
    limits = Limits(max_bytes=10_000_000, max_lines=100, max_line=500)
    data = (line(key="a") + "\n" + "x" * 5000 + "\n" + line(key="b") + "\n").encode()
    drawings, skipped = read_stroke_file(gzip.compress(data), limits)
    assert [d.key for d in drawings] == ["a", "b"] and skipped == 1


def test_drawings_with_too_many_strokes_or_points_are_skipped_as_they_are_read():
    many_strokes = [[[0, 1], [0, 1]]] * (MAX_STROKES + 1)
    many_points = [[list(range(60_000)), list(range(60_000))]]
    data = "\n".join([line(drawing=many_strokes, key="s"), line(drawing=many_points, key="p"), line(key="ok")])
    drawings, skipped = read_stroke_file(data.encode())
    assert [d.key for d in drawings] == ["ok"] and skipped == 2


def test_reading_stops_at_the_drawings_wanted_so_the_rest_is_never_unpacked(bombs):
    head = ("\n".join(line(key=f"k{i}") for i in range(3)) + "\n").encode()
    drawings, _ = read_stroke_file(gzip.compress(head) + bombs["one long line"], max_drawings=3)
    assert len(drawings) == 3


def test_drawings_of_other_words_are_passed_over_not_counted_as_malformed():
    data = "\n".join([line("cat", key="a"), line("square", key="b"), line("dog", key="c")]).encode()
    drawings, skipped = read_stroke_file(data, keep=lambda d: d.word == "square")
    assert [d.key for d in drawings] == ["b"] and skipped == 0
    with pytest.raises(StrokeFileError, match="word list"):
        read_stroke_file(data, keep=lambda d: False)


@pytest.mark.parametrize("data, message", [
    (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "cannot read"), (gzip.compress(b"ok\n", mtime=0)[:-12], "cannot read"),
    (b"\xff\xfe\xfd\n", "not UTF-8"),
])
def test_broken_files_get_a_clear_message(data, message):
    with pytest.raises(StrokeFileError, match=message):
        read_stroke_file(data)


def test_the_upload_caps_describe_themselves_for_the_page():
    assert STROKE_LIMITS.describe() == "at most 32 MB of text once unpacked, 20,000 lines, 1 MB a line"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.booleans())
def test_any_bytes_give_drawings_or_a_stroke_file_error(data, packed):
    try:
        drawings, skipped = read_stroke_file(gzip.compress(data) if packed else data)
    except StrokeFileError:
        return
    assert drawings and skipped <= data.count(b"\n") + 1, "at most every line is skipped, once"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_the_line_reader_raises_nothing_but_upload_refused(data):
    try:
        for _ in bounded_lines(data, Limits(max_bytes=2000, max_lines=50, max_line=100)):
            pass
    except UploadRefused:
        pass
