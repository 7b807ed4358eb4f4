"""Nicknames for the leaderboard: validated at the edge, always shown as plain text."""
from __future__ import annotations

import re
import unicodedata

MAX_NICKNAME = 24
_SPACES = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


class BadNickname(Exception):
    """That nickname cannot be used."""


def clean_nickname(raw: object) -> str:
    """The nickname to store, or BadNickname with a message the player can act on."""
    if not isinstance(raw, str):
        raise BadNickname("Please type a nickname.")
    text = unicodedata.normalize("NFKC", raw)
    for ch in text:
        cat = unicodedata.category(ch)
        if ch not in " \t" and cat in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"):
            raise BadNickname("Nicknames cannot contain control or invisible characters.")
    text = _SPACES.sub(" ", text).strip()
    if not text:
        raise BadNickname("Please type a nickname.")
    if len(text) > MAX_NICKNAME:
        raise BadNickname(f"Nicknames are at most {MAX_NICKNAME} characters.")
    return text


def as_markdown_text(text: str) -> str:
    """Escape text so Markdown shows it literally (HTML and markup stay text)."""
    return _MD_SPECIAL.sub(r"\\\1", text)
