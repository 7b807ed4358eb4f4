"""words.txt: comments, aliases, and a clear line number for every malformed line."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.settings import ROOT
from core.words import NoWordsLeft, Word, WordsFileError, load_words, parse_words, pick_word


def test_shipped_words_file_is_valid_and_large_enough():
    words = load_words(ROOT / "words.txt")
    assert len(words) >= 200
    assert {"square", "circle", "triangle", "cat", "bicycle"} <= {w.text for w in words}
    assert dict((w.text, w.aliases) for w in words)["bicycle"] == ("bike",)


def test_comments_blank_lines_and_aliases_are_parsed():
    words = parse_words("# a comment\n\nbicycle | bike   # trailing comment\n  cat  \n")
    assert words == (Word("bicycle", ("bike",)), Word("cat"))


@pytest.mark.parametrize("text, line, what", [
    ("cat\ndog\ncat\n", 3, "duplicates line 1"),
    ("cat\nCats!\n", 2, "duplicates line 1"),
    ("bicycle | bike\nbike\n", 2, "duplicates line 1"),
    ("cat |\n", 1, "empty word or alias"),
    ("| cat\n", 1, "empty word or alias"),
    ("cat\nthe\n", 2, "normalizes to nothing"),
    ("cat\n!!!\n", 2, "normalizes to nothing"),
    ("cat\nbad\x07word\n", 2, "control character"),
    ("x" * 61 + "\n", 1, "longer than"),
])
def test_malformed_file_fails_with_the_line_number(text, line, what):
    with pytest.raises(WordsFileError) as err:
        parse_words(text, source="w.txt")
    assert f"w.txt:{line}:" in str(err.value) and what in str(err.value)


def test_empty_or_missing_file_fails_clearly(tmp_path):
    with pytest.raises(WordsFileError, match="no words"):
        parse_words("# nothing\n\n")
    with pytest.raises(WordsFileError, match="cannot read"):
        load_words(tmp_path / "missing.txt")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9\n")
    with pytest.raises(WordsFileError, match="cannot read"):
        load_words(tmp_path / "latin1.txt")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_either_parses_or_fails_with_a_words_file_error(text):
    try:
        words = parse_words(text)
    except WordsFileError as exc:
        assert str(exc).startswith("words.txt")
    else:
        assert words and all(w.text.strip() == w.text and w.text for w in words)


def test_pick_word_never_repeats_and_says_when_none_are_left():
    words = parse_words("cat\ndog\nsun\n")
    rng = random.Random(3)
    seen = []
    for _ in range(3):
        seen.append(pick_word(words, seen, rng).text)
    assert sorted(seen) == ["cat", "dog", "sun"]
    with pytest.raises(NoWordsLeft):
        pick_word(words, seen, rng)


def test_pick_word_is_deterministic_for_a_seeded_rng():
    words = parse_words("\n".join(f"w{i}" for i in range(50)))
    assert pick_word(words, [], random.Random(5)) == pick_word(words, [], random.Random(5))
