"""Written words: the matcher that says whether OCR reads spell the secret word, and the OCR on canvas frames."""
from __future__ import annotations

import math

import pytest

import core.writing as writing
from core.images import BadImage, encode_png, render_strokes
from core.writing import WritingCheckUnavailable, load_reader, near_match, read_text, spells_word

# (text, Hershey single-stroke font, px from cap line to descender line, slant): as a player might write them.
WRITTEN = [("banana", "futural", 90, 0.0), ("HAMMER", "rowmans", 80, 0.2), ("tiger", "scripts", 120, 0.15),
           ("stop sign", "futural", 70, 0.1)]


@pytest.mark.parametrize("texts, word, aliases, expected", [
    # The word, an alias, a plural, and the word inside a longer read.
    (["banana"], "banana", (), "banana"),
    (["bike"], "bicycle", ("bike",), "bike"),
    (["Bikes"], "bicycle", ("bike",), "Bikes"),
    (["CATS"], "cat", (), "CATS"),
    (["BUSES"], "bus", (), "BUSES"),
    (["fire trucks"], "firetruck", ("fire engine",), "fire trucks"),
    (["it's a cat!"], "cat", (), "it's a cat!"),
    (["THE EIFFEL TOWER"], "The Eiffel Tower", ("eiffel",), "THE EIFFEL TOWER"),
    # Case, spaces and punctuation do not matter.
    (["B-A-N-A-N-A"], "banana", (), "B-A-N-A-N-A"),
    (["icecream."], "ice cream", (), "icecream."),
    (["Ice  Cream"], "ice cream", (), "Ice  Cream"),
    # Written in two lines or boxes.
    (["stop", "sign"], "stop sign", (), "stop sign"),
    (["aircraft", "carier"], "aircraft carrier", ("carrier",), "carier"),
    (["aircraft", "carrer"], "aircraft carrier", (), "aircraft carrer"),
    # One letter wrong, missing or extra.
    (["elephent"], "elephant", (), "elephent"),
    (["elepant"], "elephant", (), "elepant"),
    (["bananna"], "banana", (), "bananna"),
    (["beer"], "bear", (), "beer"),
    # Most of the letters, in order (at least 60 % of the longer of read and name).
    (["bana"], "banana", (), "bana"),
    (["ELEPH"], "elephant", (), "ELEPH"),
    (["birthday"], "birthday cake", (), "birthday"),
    # Writing that is normal in Pictionary is not the word.
    (["N"], "compass", (), None),
    (["N", "E", "S", "W"], "compass", (), None),
    (["12", "3", "6", "9"], "alarm clock", (), None),
    (["XII", "III", "VI", "IX"], "clock", (), None),
    (["STOP"], "stop sign", (), None),
    (["FIRE"], "firetruck", ("fire engine",), None),
    (["EXIT"], "door", (), None),
    # Other words, short fragments and noise do not count.
    (["dog"], "cat", (), None),
    (["cot"], "cat", (), None),
    (["ca"], "cat", (), None),
    (["ca", "t"], "cat", (), None),
    (["be"], "bee", (), None),
    (["ban"], "banana", (), None),
    (["lll", "oo", "mm"], "mountain", (), None),
    (["bxaxnxaxnxa"], "banana", (), None),  # its letters scattered through a longer read
    # Nothing read.
    ([], "banana", (), None),
    ([""], "banana", (), None),
    (["  ", "?!"], "banana", (), None),
])
def test_reads_that_spell_the_word_are_flagged_and_others_are_not(texts, word, aliases, expected):
    assert spells_word(texts, word, aliases) == expected


@pytest.mark.parametrize("word", ["cat", "sun", "bee", "ant", "ufo"])
def test_a_three_letter_name_counts_only_when_written_in_full(word):
    assert spells_word([word.upper()], word, ()) == word.upper()
    for n in range(len(word)):
        one_wrong = word[:n] + "x" + word[n + 1:]
        assert spells_word([one_wrong], word, ()) is None
        assert spells_word([word[:n] + word[n + 1:]], word, ()) is None


def test_a_read_of_fewer_than_three_letters_never_counts():
    assert spells_word(["OX"], "ox", ()) is None
    assert not near_match("ox", "ox")


def test_blank_canvas_reads_nothing_without_loading_the_ocr(monkeypatch):
    monkeypatch.setattr(writing, "load_reader", lambda: pytest.fail("the OCR was loaded for a blank canvas"))
    assert read_text(encode_png(render_strokes([]))) == []


@pytest.mark.parametrize("data", [b"", b"not a png", b"\x89PNG\r\n\x1a\n" + b"\0" * 30])
def test_broken_bytes_raise_bad_image(data):
    with pytest.raises(BadImage):
        read_text(data)


def test_an_engine_that_cannot_load_is_reported_once_with_its_reason(monkeypatch):
    calls = []

    def broken():
        calls.append(1)
        raise ImportError("libGL.so.1: cannot open shared object file")

    monkeypatch.setattr(writing, "_reader", None)
    monkeypatch.setattr(writing, "_failure", None)
    monkeypatch.setattr(writing, "_make_reader", broken)
    for _ in range(2):
        with pytest.raises(WritingCheckUnavailable, match="libGL"):
            load_reader()
    assert len(calls) == 1  # the failure is remembered: no retry on every frame
    with pytest.raises(WritingCheckUnavailable):
        read_text(encode_png(render_strokes([[[100, 400], [200, 260]]])))


def written(text: str, font: str, size: float, slant: float) -> list:
    """`text` as canvas strokes in a Hershey font, `size` px tall, centred, at most 440 px wide."""
    fonts = pytest.importorskip("HersheyFonts", reason="HersheyFonts (requirements-dev.txt) draws the letters")
    h = fonts.HersheyFonts()
    h.load_default_font(font)
    h.normalize_rendering(1.0)  # 1 unit from the descender line (y = 0) up to the cap line (y = 1)
    lines = [[(x + slant * y, 1 - y) for x, y in s] for s in h.strokes_for_text(text)]
    xs = [x for s in lines for x, _ in s]
    unit = min(size, 440 / (max(xs) - min(xs)))
    left, top = 256 - (max(xs) + min(xs)) / 2 * unit, 256 - unit / 2
    return [[[left + x * unit for x, _ in s], [top + y * unit for _, y in s]] for s in lines]


@pytest.mark.parametrize("text, font, size, slant", WRITTEN, ids=[w[0] for w in WRITTEN])
def test_a_word_written_on_the_canvas_is_flagged(ocr, text, font, size, slant):
    texts = read_text(encode_png(render_strokes(written(text, font, size, slant))))
    assert spells_word(texts, text.lower(), ()), texts


def test_an_honest_drawing_is_not_flagged(ocr):
    house = [[[150, 350, 350, 150, 150], [250, 250, 420, 420, 250]], [[140, 250, 360], [255, 130, 255]],
             [[225, 225, 275, 275], [420, 340, 340, 420]], [[300, 300, 330, 330, 300], [280, 310, 310, 280, 280]]]
    angles = [a * math.pi / 8 for a in range(17)]
    sun = [[[60 + 30 * math.cos(a) for a in angles], [70 + 30 * math.sin(a) for a in angles]]]
    tree = [[[420, 420], [420, 330]], [[380, 420, 460, 380], [340, 260, 340, 340]]]
    png = encode_png(render_strokes(house + sun + tree))
    texts = read_text(png)
    for word in ("house", "sun", "tree", "cat", "bee"):
        assert spells_word(texts, word, ()) is None, texts
