"""The judge: chatter, markdown, plurals and aliases count; categories and other words do not."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.judge import judge_guess, mentions, normalize
from core.settings import ROOT
from core.words import load_words

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
