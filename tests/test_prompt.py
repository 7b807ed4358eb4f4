"""The one prompt every provider gets: fixed text plus this game's earlier guesses, trimmed and deduplicated."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.guessers.prompt import (
    MAX_GUESS_CHARS,
    MAX_PAST_GUESSES,
    PAST_TEMPLATE,
    PROMPT_TEMPLATE,
    PROMPTS,
    build_prompt,
    clean_past_guess,
    recent_distinct,
)
from core.i18n import LANGUAGES

BASE = PROMPT_TEMPLATE.format(past="")


def test_prompt_without_guesses_is_the_readable_constant():
    assert build_prompt([]) == BASE
    assert "one word or a short phrase" in BASE
    assert len(BASE) < 300


def test_past_guesses_are_listed_after_the_instruction():
    prompt = build_prompt(["dog", "house"])
    assert prompt.startswith(BASE)
    assert prompt.endswith("dog, house.")


@pytest.mark.parametrize("past, listed", [
    (["dog", "Dog", "DOG "], ["DOG"]),  # the latest spelling
    (["dog", "cat", "dog"], ["cat", "dog"]),
    (['"Dog."', "dog"], ["dog"]),
    (["", "   ", None], []),
    (["a\nhouse\twith  a roof"], ["a house with a roof"]),
])
def test_past_guesses_are_cleaned_and_deduplicated(past, listed):
    assert recent_distinct(past) == listed


def test_only_the_most_recent_guesses_are_kept():
    past = [f"guess{i}" for i in range(30)]
    kept = recent_distinct(past)
    assert len(kept) == MAX_PAST_GUESSES
    assert kept[-1] == "guess29" and kept[0] == f"guess{30 - MAX_PAST_GUESSES}"


def test_long_guess_is_cut():
    cleaned = clean_past_guess("a very long rambling explanation " * 10)
    assert len(cleaned) <= MAX_GUESS_CHARS + 1


def test_braces_in_guesses_do_not_break_the_template():
    assert "{past}" in build_prompt(["{past}"])


@given(st.lists(st.text(max_size=200), max_size=40))
def test_prompt_stays_short_and_two_lines_at_most(past):
    prompt = build_prompt(past)
    assert prompt.startswith(BASE)
    assert prompt.count("\n") <= 1
    assert len(prompt) <= len(BASE) + 60 + MAX_PAST_GUESSES * (MAX_GUESS_CHARS + 3)
    assert not any(ord(ch) < 32 and ch != "\n" for ch in prompt)


@pytest.mark.parametrize("lang, asks", [
    ("de", "Antworte nur mit deinem Tipp, auf Deutsch"),
    ("fr", "Réponds uniquement par ta proposition, en français"),
    ("es", "Responde solo con tu respuesta, en español"),
    ("it", "Rispondi solo con la tua ipotesi, in italiano"),
])
def test_a_game_in_another_language_asks_for_the_answer_in_it(lang, asks):
    prompt = build_prompt(["Katze", "Katze "], lang)
    assert asks in prompt and "Pictionary" in prompt
    assert prompt.count("\n") == 1 and prompt.endswith(": Katze.")
    assert "guess" not in prompt.lower(), "no English left in it"
    assert len(build_prompt([], lang)) < 300


def test_every_language_the_app_speaks_has_its_prompt():
    assert set(PROMPTS) == set(LANGUAGES)
    assert PROMPTS["en"] == (PROMPT_TEMPLATE, PAST_TEMPLATE), "the English prompt is unchanged"


@pytest.mark.parametrize("lang", ["xx", "", None, "DE-at"])
def test_a_language_without_a_prompt_gets_the_english_one(lang):
    assert build_prompt([], lang) == BASE
