"""The one short user message every provider gets with the drawing (no system prompt)."""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

PROMPT_TEMPLATE = (
    "We are playing Pictionary. The image is a drawing in progress of one secret word or short phrase. "
    "What is it? Reply with only your guess: one word or a short phrase, no explanation."
    "{past}"
)
PAST_TEMPLATE = "\nAlready guessed wrong, so do not repeat: {guesses}."

MAX_PAST_GUESSES = 12  # the most recent distinct guesses; older ones add tokens and little else
MAX_GUESS_CHARS = 40  # past guesses are model output: cut long ramblings before echoing them back

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_past_guess(text: str) -> str:
    """One past guess as it may appear in the prompt: one line, no control characters, short."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = _CONTROL.sub(" ", text)
    text = _SPACE.sub(" ", text).strip().strip("\"'`*.,;:!?")
    text = text.strip()
    if len(text) > MAX_GUESS_CHARS:
        text = text[:MAX_GUESS_CHARS].rstrip() + "…"
    return text


def recent_distinct(past_guesses: Sequence[str], limit: int = MAX_PAST_GUESSES) -> list[str]:
    """The last `limit` distinct cleaned guesses (case-insensitive), oldest first."""
    seen: set[str] = set()
    picked: list[str] = []
    for raw in reversed(list(past_guesses or ())):
        text = clean_past_guess(raw)
        key = text.casefold()
        if not text or key in seen:
            continue
        seen.add(key)
        picked.append(text)
        if len(picked) >= limit:
            break
    return picked[::-1]


def build_prompt(past_guesses: Sequence[str]) -> str:
    """The user message: the fixed instruction plus this game's earlier wrong guesses, if any."""
    guesses = recent_distinct(past_guesses)
    past = PAST_TEMPLATE.format(guesses=", ".join(guesses)) if guesses else ""
    return PROMPT_TEMPLATE.format(past=past)
