"""Nicknames: length and control characters checked; HTML and Markdown always shown as text."""
from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.nicknames import (
    MAX_NICKNAME,
    BadNickname,
    ImpostorName,
    as_markdown_text,
    check_nickname,
    clean_nickname,
    generated_nickname,
    is_impostor,
    reserved_names,
)


@pytest.mark.parametrize("raw, expected", [
    ("  Ada  ", "Ada"),
    ("Ada   Lovelace", "Ada Lovelace"),
    ("🎨 Picasso", "🎨 Picasso"),
    ("Ｆｕｌｌ", "Full"),
    ("<b>bold</b>", "<b>bold</b>"),
])
def test_good_nicknames_are_tidied(raw, expected):
    assert clean_nickname(raw) == expected


@pytest.mark.parametrize("raw, message", [
    ("", "type a nickname"),
    ("   ", "type a nickname"),
    (None, "type a nickname"),
    ("x" * (MAX_NICKNAME + 1), "at most"),
    ("bad\x00name", "control"),
    ("new\nline", "control"),
    ("rtl\u202eevil", "control"),
    ("zero\u200bwidth", "control"),
])
def test_bad_nicknames_are_refused_with_a_reason(raw, message):
    with pytest.raises(BadNickname, match=message):
        clean_nickname(raw)


@given(st.text(max_size=100))
def test_any_input_gives_a_clean_name_or_bad_nickname(raw):
    try:
        name = clean_nickname(raw)
    except BadNickname:
        return
    assert 0 < len(name) <= MAX_NICKNAME and name == name.strip()
    assert all(ch.isprintable() for ch in name)


@pytest.mark.parametrize("text", ["**bold**", "[link](http://x)", "<script>alert(1)</script>", "# title", "`code`"])
def test_markdown_escaping_leaves_no_live_markup(text):
    escaped = as_markdown_text(text)
    for ch in "*[]()<>#`":
        assert escaped.count(ch) == escaped.count("\\" + ch)


LINEUP = ["Sketch CNN (offline)", "Claude (claude-haiku-5-5)", "GPT (gpt-6-luna)", "Gemini (gemini-2.5-flash-lite)"]
RESERVED = reserved_names(LINEUP)


@pytest.mark.parametrize("name", [
    "Sketch CNN (offline)", "sketch cnn", "SKETCHCNN", "Claude", "claude", "C l a u d e", "C1aude", "Claude 2",
    "Сlaude",  # a Cyrillic С
    "Ｃｌａｕｄｅ", "Cláude", "the real Claude", "Claude bot", "GPT", "G.P.T.", "gpt-6-luna", "GPT4", "Gemini",
    "Gemini Pro", "claude-haiku-5-5", "admin", "Admin1", "HOST", "moderator", "I am host",
])
def test_a_nickname_that_is_or_looks_like_a_guesser_or_a_role_is_refused(name):
    assert is_impostor(clean_nickname(name), RESERVED)
    with pytest.raises(ImpostorName):
        check_nickname(name, RESERVED, "moderate")


@pytest.mark.parametrize("name", ["Maya", "Claudia", "Simon", "Theo", "Imogen", "Geminiano Rossi", "Hostetler",
                                  "Modesty", "Sam the Great", "🎨 Picasso", "Ada Lovelace", "Gupta"])
def test_ordinary_nicknames_pass(name):
    assert check_nickname(name, RESERVED, "strict") == name


@pytest.mark.parametrize("seed", range(20))
def test_a_generated_nickname_is_friendly_and_passes_every_check(seed):
    name = generated_nickname(random.Random(seed))
    assert check_nickname(name, RESERVED, "strict") == name and len(name.split()) == 2
