"""The word list: parsing words.txt and picking a word a player has not had."""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from core.judge import canonical, normalize

MAX_WORD_LENGTH = 60


class WordsFileError(Exception):
    """The words file is malformed."""


class NoWordsLeft(Exception):
    """You have drawn every word we have."""


@dataclass(frozen=True)
class Word:
    """A secret word and the other names that also count as right."""

    text: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The word followed by its aliases."""
        return (self.text, *self.aliases)


def parse_words(text: str, source: str = "words.txt") -> tuple[Word, ...]:
    """Parse the words file format; raise WordsFileError naming the line of the first problem."""
    words: list[Word] = []
    seen: dict[str, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        where = f"{source}:{lineno}"
        if any(not p for p in parts):
            raise WordsFileError(f"{where}: empty word or alias in {raw.strip()!r}")
        for p in parts:
            if len(p) > MAX_WORD_LENGTH:
                raise WordsFileError(f"{where}: {p[:20]!r}... is longer than {MAX_WORD_LENGTH} characters")
            if any(not ch.isprintable() for ch in p):
                raise WordsFileError(f"{where}: {p!r} has a control character")
            key = canonical(p)
            if not key:
                raise WordsFileError(f"{where}: {p!r} normalizes to nothing")
            if key in seen:
                raise WordsFileError(f"{where}: {p!r} duplicates line {seen[key]}")
            seen[key] = lineno
        words.append(Word(parts[0], tuple(parts[1:])))
    if not words:
        raise WordsFileError(f"{source}: no words")
    return tuple(words)


def load_words(path: str | Path) -> tuple[Word, ...]:
    """Read and parse a words file; raise WordsFileError if it is missing or malformed."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WordsFileError(f"{p}: cannot read the words file ({exc.__class__.__name__})") from exc
    return parse_words(text, source=str(p))


def fresh_words(words: Sequence[Word], seen: Iterable[str]) -> list[Word]:
    """The words the player has not had yet."""
    used = {normalize(s) for s in seen}
    return [w for w in words if normalize(w.text) not in used]


def pick_word(words: Sequence[Word], seen: Iterable[str], rng: random.Random) -> Word:
    """A random word the player has not had; raise NoWordsLeft when every word is used."""
    fresh = fresh_words(words, seen)
    if not fresh:
        raise NoWordsLeft()
    return rng.choice(fresh)


def find_word(words: Sequence[Word], text: str) -> Word | None:
    """The word whose text normalizes like `text`, if any."""
    key = normalize(text)
    for w in words:
        if normalize(w.text) == key:
            return w
    return None
