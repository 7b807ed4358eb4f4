"""Nicknames: length and control characters checked; HTML and Markdown always shown as text."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.nicknames import MAX_NICKNAME, BadNickname, as_markdown_text, clean_nickname


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
