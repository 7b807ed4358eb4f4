"""words.txt: comments, aliases, and a clear line number for every malformed line."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.settings import ROOT
from core.wordbook import WordBook
from core.words import (
    TRANSLATED,
    MissingConcept,
    NoWordsLeft,
    UnknownConcept,
    Word,
    WordsFileError,
    load_translations,
    load_words,
    parse_translations,
    parse_words,
    pick_word,
    shipped_translations,
)


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


# --- core/wordpacks/: words.txt's concepts in German, French, Spanish and Italian ----------------------------

SHIPPED = load_words(ROOT / "words.txt")
SMALL = parse_words("# pack: animals\ncat | kitty\ndog\n# pack: home\ncomputer\n")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_shipped_concept_has_every_language(lang):
    table = load_translations(SHIPPED, languages=(lang,))[lang]
    assert set(table) == {w.text for w in SHIPPED}
    assert all(t.concept == c and t.packs == by.packs for (c, t), by in zip(table.items(), SHIPPED))


@pytest.mark.parametrize("lang, concept, text, alias", [
    ("de", "computer", "Computer", "Rechner"), ("de", "dog", "Hund", None), ("fr", "eye", "œil", "yeux"),
    ("es", "car", "coche", "carro"), ("it", "finger", "dito", "dita"),
])
def test_a_translated_word_keeps_its_concept_and_packs(lang, concept, text, alias):
    word = shipped_translations()[lang][concept]
    english = {w.text: w for w in SHIPPED}[concept]
    assert (word.text, word.concept, word.packs) == (text, concept, english.packs)
    assert alias is None or alias in word.aliases


def test_a_translations_file_is_parsed_with_comments_and_aliases():
    table = parse_translations("# Deutsch\ncat = Katze | Mieze  # Kater too\n\ndog = Hund\ncomputer = Computer\n",
                               SMALL, "de")
    assert table["cat"] == Word("Katze", ("Mieze",), ("animals",), "cat")
    assert table["computer"] == Word("Computer", (), ("home",), "computer")


@pytest.mark.parametrize("text, error, line, what", [
    ("cat = Katze\ndog = Hund\nfish = Fisch\ncomputer = Computer\n", UnknownConcept, 3, "not a word of words.txt"),
    ("cat = Katze\ndog = Hund\n", MissingConcept, None, "no translation for 1 word(s) of words.txt: computer"),
    ("cat = Katze\ndog Hund\ncomputer = PC\n", WordsFileError, 2, "concept = word | alias"),
    ("cat = Katze\ncat = Mieze\ndog = Hund\ncomputer = PC\n", WordsFileError, 2, "translated twice"),
    ("cat = Katze |\ndog = Hund\ncomputer = PC\n", WordsFileError, 1, "empty word or alias"),
    ("cat = Katze\ndog = KATZE\ncomputer = PC\n", WordsFileError, 2, "duplicates line 1"),
    ("cat = Katze\ndog = der\ncomputer = PC\n", WordsFileError, 2, "normalizes to nothing"),
    ("cat = Katze\ndog = Hu\x07nd\ncomputer = PC\n", WordsFileError, 2, "control character"),
    ("Cat = Katze\ndog = Hund\ncomputer = PC\n", UnknownConcept, 1, "write it as words.txt does"),
])
def test_a_malformed_translations_file_fails_with_a_named_error_and_its_line(text, error, line, what):
    with pytest.raises(error) as err:
        parse_translations(text, SMALL, "de", source="de.txt")
    assert (f"de.txt:{line}:" if line else "de.txt:") in str(err.value) and what in str(err.value)


def test_a_missing_language_file_fails_clearly(tmp_path):
    with pytest.raises(WordsFileError, match="cannot read"):
        load_translations(SMALL, directory=tmp_path, languages=("de",))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_either_parses_as_translations_or_fails_with_a_words_file_error(text):
    try:
        table = parse_translations(text, SMALL, "fr", source="fr.txt")
    except WordsFileError as exc:
        assert str(exc).startswith("fr.txt")
    else:
        assert set(table) == {"cat", "dog", "computer"}


@pytest.mark.parametrize("lang, text, shown", [
    ("de", "dog", "Hund"), ("de", "Hund", "Hund"), ("fr", "hot dog", "hot-dog"), ("en", "dog", "dog"),
    ("es", "bicycle", "bicicleta"), ("it", "The Eiffel Tower", "torre Eiffel"), ("xx", "dog", "dog"),
])
def test_the_word_book_gives_a_words_txt_word_in_the_game_language(lang, text, shown):
    book = WordBook(None, SHIPPED)
    word = book.word_of(text, lang=lang)
    assert word.text == shown and word.packs == {w.text: w for w in SHIPPED}[word.concept or word.text].packs
    vocabulary = book.vocabulary(lang=lang)
    assert shown in vocabulary and len(vocabulary) == sum(len(w.names) for w in book.translations(lang).values()
                                                         or SHIPPED)


def test_an_event_list_word_is_used_as_written_in_any_language():
    class Lists:
        def word_list(self, list_id):
            return {"name": "Fête", "body": "dog | toutou\nbaguette\n"}

    book = WordBook(Lists(), SHIPPED)
    assert book.word_of("dog", "event-1", lang="de") == Word("dog", ("toutou",))
    assert {"baguette", "Hund"} <= set(book.vocabulary("event-1", lang="de"))
