"""The judge: chatter, markdown, plurals and aliases count; categories and other words do not."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.judge import judge_guess, mentions, normalize
from core.settings import ROOT
from core.words import load_words, shipped_translations

WORDS = load_words(ROOT / "words.txt")
BY_TEXT = {w.text: w for w in WORDS}
VOCAB = tuple(n for w in WORDS for n in w.names)


def verdict(reply, word):
    w = BY_TEXT[word]
    return judge_guess(reply, w.text, w.aliases, VOCAB)


REPLIES = [
    # (reply, word, counts)
    ("cat", "cat", True),
    ("I think it's a cat.", "cat", True),
    ("Cats!", "cat", True),
    ("**Cat**", "cat", True),
    ("a cat sitting", "cat", True),
    ("It looks like a CAT to me", "cat", True),
    ("`cat`", "cat", True),
    ("# Cat", "cat", True),
    ("_cat_", "cat", True),
    ("[cat](http://example.com)", "cat", True),
    ("The answer is: cat", "cat", True),
    ("animal", "cat", False),
    ("kitten?", "cat", False),
    ("catfish", "cat", False),
    ("A bicycle", "bicycle", True),
    ("bike", "bicycle", True),
    ("Bikes.", "bicycle", True),
    ("buses", "bus", True),
    ("a school bus", "bus", False),
    ("School bus!", "school bus", True),
    ("house plant", "house", False),
    ("a potted plant", "house plant", True),
    ("firetruck", "firetruck", True),
    ("Fire truck", "firetruck", True),
    ("fire engine", "firetruck", True),
    ("teddy bear", "teddy-bear", True),
    ("Teddy-bear", "teddy-bear", True),
    ("T-shirt", "t-shirt", True),
    ("tshirt", "t-shirt", True),
    ("the Eiffel Tower", "The Eiffel Tower", True),
    ("Eiffel tower in Paris", "The Eiffel Tower", True),
    ("tower", "The Eiffel Tower", False),
    ("hot dogs", "hot dog", True),
    ("hotdog", "hot dog", True),
    ("dog", "hot dog", False),
    ("a hot dog", "dog", False),
    ("mice", "mouse", True),
    ("cacti", "cactus", True),
    ("wine glasses", "wine glass", True),
    ("glasses", "eyeglasses", True),
    ("flip-flops", "flip flops", True),
    ("seesaw", "see saw", True),
    ("a pair of scissors", "scissors", True),
    ("TV", "television", True),
    ("smartphone", "cell phone", True),
    ("phone", "cell phone", False),
    ("a motorcycle", "motorbike", True),
    ("vehicle", "car", False),
    ("fruit", "apple", False),
    ("apples", "apple", True),
    ("", "apple", False),
    ("...", "apple", False),
    ("I'm not sure.", "apple", False),
]


@pytest.mark.parametrize("reply, word, counts", REPLIES)
def test_real_replies_are_judged_like_a_person_would(reply, word, counts):
    assert verdict(reply, word).correct is counts


def test_verdict_explains_itself():
    v = verdict("It's **Fire Engine**!", "firetruck")
    assert v.normalized == "its fire engine"
    assert v.reason == "names the alias 'fire engine'" and v.matched == "fire engine"
    assert "different word" in verdict("house plant", "house").reason


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WORDS), st.sampled_from(["", "a ", "the ", "I think it's a ", "**", "It is "]),
       st.sampled_from(["", ".", "!", "**", " maybe", "?"]), st.booleans())
def test_every_word_is_recognized_in_chatter(word, prefix, suffix, upper):
    text = word.text.upper() if upper else word.text
    assert judge_guess(f"{prefix}{text}{suffix}", word.text, word.aliases, VOCAB).correct


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(WORDS))
def test_every_alias_counts_for_its_word(word):
    for alias in word.aliases:
        assert judge_guess(alias, word.text, word.aliases, VOCAB).correct


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_judge_never_crashes_and_normalizes_idempotently(text):
    v = judge_guess(text, "cat")
    assert isinstance(v.correct, bool)
    assert normalize(v.normalized) == v.normalized


def test_no_word_of_the_list_counts_for_another():
    wrong = [(a.text, b.text) for a in WORDS for b in WORDS
             if a is not b and judge_guess(a.text, b.text, b.aliases, VOCAB).correct]
    assert wrong == []


@pytest.mark.parametrize("reply, word", [
    ("cat dog rhinoceros house", "rhinoceros"), ("cat or dog", "cat"), ("dog, cat", "cat"), ("bike car", "bicycle"),
    ("a cat sitting on a chair", "cat"), ("Is it a hot dog or a hamburger?", "hot dog"),
])
def test_a_guess_that_names_several_words_is_one_guess_and_does_not_win(reply, word):
    v = verdict(reply, word)
    assert not v.correct and "one guess, one answer" in v.reason


@pytest.mark.parametrize("reply, word", [
    ("bicycle bike", "bicycle"), ("cat cat cat", "cat"), ("hot dog", "hot dog"), ("a school bus", "school bus"),
    ("a pair of scissors", "scissors"), ("Eiffel tower in Paris", "The Eiffel Tower"), ("glasses", "eyeglasses"),
])
def test_the_word_with_its_own_aliases_or_a_longer_name_of_it_is_still_one_answer(reply, word):
    assert verdict(reply, word).correct


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(WORDS), st.text(max_size=60))
def test_no_reason_ever_carries_the_secret_word_unless_the_guess_is_right(word, text):
    v = judge_guess(text, word.text, word.aliases, VOCAB)
    if not v.correct:
        assert word.text.casefold() not in v.reason.casefold() or "different word" in v.reason


@pytest.mark.parametrize("reply, word, named", [("cat or dog", "cat", True), ("house plant", "house", True),
                                                ("catfish", "cat", False), ("Kittens", "cat", False),
                                                ("a big KITTY", "cat", True)])
def test_mentions_finds_the_word_or_an_alias_anywhere_in_a_guess(reply, word, named):
    assert mentions(reply, word, ("kitty",) if word == "cat" else ()) is named


# --- the other languages: words from core/wordpacks/, judged in the game's language ------------------------

TRANSLATIONS = shipped_translations()
LANG_VOCAB = {lang: tuple(n for w in table.values() for n in w.names) for lang, table in TRANSLATIONS.items()}


def lang_verdict(lang, reply, concept, vocabulary=None):
    w = TRANSLATIONS[lang][concept]
    return judge_guess(reply, w.text, w.aliases, LANG_VOCAB[lang] if vocabulary is None else vocabulary, lang)


LANG_REPLIES = [
    # (lang, reply, concept, counts)
    # accents and case
    ("de", "elefant", "elephant", True), ("de", "ELEFANT", "elephant", True), ("de", "Strasse", "streetlight", False),
    ("de", "Straßenlaterne", "streetlight", True), ("de", "Strassenlaterne", "streetlight", True),
    ("de", "Loewe", "lion", True), ("de", "Lowe", "lion", True),
    ("fr", "Éléphant", "elephant", True), ("fr", "elephant", "elephant", True), ("fr", "HERISSON", "hedgehog", True),
    ("es", "leon", "lion", True), ("es", "Tiburon", "shark", True), ("es", "pinguino", "penguin", True),
    ("it", "falo", "campfire", True), ("it", "SOFÀ", "couch", True),
    # articles (and French and Italian elision)
    ("de", "der Hund", "dog", True), ("de", "Es ist eine Katze!", "cat", True),
    ("fr", "un chat", "cat", True), ("fr", "l'éléphant", "elephant", True),
    ("fr", "C'est la tour Eiffel", "The Eiffel Tower", True),
    ("es", "el perro", "dog", True), ("es", "Es una manzana.", "apple", True),
    ("it", "il cane", "dog", True), ("it", "l'elefante", "elephant", True), ("it", "un'ape", "bee", True),
    # plurals: German -e/-en/-n/-er/-s and umlauts, French -s/-x, Spanish -s/-es/-ces, Italian -i/-e
    ("de", "Hunde", "dog", True), ("de", "Enten", "duck", True), ("de", "Bücher", "book", True),
    ("de", "Mäuse", "mouse", True), ("de", "Maeuse", "mouse", True), ("de", "Äpfel", "apple", True),
    ("de", "Autos", "car", True), ("de", "Zähne", "tooth", True), ("de", "Gabeln", "fork", True),
    ("fr", "chiens", "dog", True), ("fr", "des chevaux", "horse", True), ("fr", "gâteaux", "cake", True),
    ("fr", "les oiseaux", "bird", True), ("fr", "tortues de mer", "sea turtle", True),
    ("es", "perros", "dog", True), ("es", "ratones", "mouse", True), ("es", "lápices", "pencil", True),
    ("es", "peces", "fish", True), ("es", "flores", "flower", True),
    ("it", "cani", "dog", True), ("it", "gatti", "cat", True), ("it", "mele", "apple", True),
    ("it", "funghi", "mushroom", True), ("it", "orologi", "clock", True), ("it", "le braccia", "arm", True),
    # aliases (synonyms, regional words, irregular plurals)
    ("de", "Rechner", "computer", True), ("de", "Handy", "cell phone", True), ("de", "Velo", "bicycle", True),
    ("fr", "ordi", "computer", True), ("fr", "yeux", "eye", True), ("fr", "bagnole", "car", True),
    ("es", "computadora", "computer", True), ("es", "carro", "car", True), ("es", "celular", "cell phone", True),
    ("it", "pc", "computer", True), ("it", "dita", "finger", True), ("it", "auto", "car", True),
    # German compounds: glued or apart, and by their head unless another word of the game
    ("de", "Feuerwehrauto", "firetruck", True), ("de", "Feuerwehr Auto", "firetruck", True),
    ("de", "Feuerwehr-Auto", "firetruck", True), ("de", "Schäferhund", "dog", True),
    ("de", "Geburtstagskuchen", "cake", False), ("de", "Fledermaus", "mouse", False), ("de", "Hundehütte", "dog", False),
    ("de", "Glühbirne", "pear", False), ("de", "Teddybär", "bear", False), ("de", "Alarm", "arm", False),
    # a longer word of the game around the name, and one guess, one answer
    ("fr", "chauve-souris", "mouse", False), ("es", "perro caliente", "dog", False), ("it", "torta di compleanno", "cake", False),
    ("de", "Katze oder Hund", "dog", False), ("fr", "chat ou chien", "cat", False),
    # a word that is another word of the game is not a plural of this one
    ("de", "Burger", "castle", False), ("de", "Burg", "hamburger", False), ("es", "cascos", "helmet", False),
]


@pytest.mark.parametrize("lang, reply, concept, counts", LANG_REPLIES)
def test_each_language_folds_accents_drops_articles_and_knows_its_plurals_aliases_and_compounds(lang, reply, concept, counts):
    assert lang_verdict(lang, reply, concept).correct is counts


@pytest.mark.parametrize("reply, counts", [("dog", False), ("Hund", True), ("the dog", False), ("doggy", False)])
def test_an_english_guess_in_a_german_game_is_judged_by_german_and_its_aliases(reply, counts):
    assert lang_verdict("de", reply, "dog").correct is counts
    assert lang_verdict("de", "computer", "computer").correct  # a loan word German lists as an alias counts


def test_a_compound_of_another_word_says_which_word_it_names():
    assert "different word" in lang_verdict("de", "Hundehütte", "dog", LANG_VOCAB["de"] + ("Hundehütte",)).reason
    assert lang_verdict("de", "Schäferhund", "dog").reason == "names 'Hund' (a compound)"


@pytest.mark.parametrize("lang, reply, word, named", [
    ("de", "Hundehütte", "Hund", True), ("de", "Geburtstagskuchen", "Kuchen", True), ("de", "Katze", "Hund", False),
    ("fr", "chauve-souris", "souris", True), ("fr", "les souris", "souris", True), ("es", "PERROS", "perro", True),
    ("it", "il cane e il gatto", "gatto", True),
])
def test_mentions_reads_the_game_language(lang, reply, word, named):
    assert mentions(reply, word, lang=lang) is named


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(TRANSLATIONS))
def test_every_name_of_a_language_counts_for_its_own_word_and_no_other(lang):
    words = list(TRANSLATIONS[lang].values())
    vocab = LANG_VOCAB[lang]
    missed = [n for w in words for n in w.names if not judge_guess(n, w.text, w.aliases, vocab, lang).correct]
    wrong = [(n, b.text) for a in words for n in a.names for b in words
             if b is not a and judge_guess(n, b.text, b.aliases, vocab, lang).correct]
    assert missed == [] and wrong == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(TRANSLATIONS)), st.text(max_size=80))
def test_the_judge_never_crashes_in_any_language_and_normalizes_idempotently(lang, text):
    v = judge_guess(text, "Hund", ("Köter",), LANG_VOCAB[lang][:50], lang)
    assert isinstance(v.correct, bool)
    assert normalize(v.normalized, lang) == v.normalized
