"""The word list: parsing words.txt (its packs too) and picking a word a player has not had."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from core.judge import canonical, normalize

MAX_WORD_LENGTH = 60
MAX_WORDS = 5000
PACK_LINE = re.compile(r"^\s*#\s*pack\s*:(.*)$", re.IGNORECASE)
PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")
RESERVED_PACKS = ("any", "all", "none")


class WordsFileError(Exception):
    """The words file is malformed."""


class NoWordsLeft(Exception):
    """You have drawn every word we have."""


@dataclass(frozen=True)
class Word:
    """A secret word and the other names that also count as right."""

    text: str
    aliases: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The word followed by its aliases."""
        return (self.text, *self.aliases)


def _pack_names(spec: str, where: str) -> tuple[str, ...]:
    """The pack names of a `# pack:` line, checked."""
    names = [n.strip().lower() for n in spec.split(",")]
    if not any(names):
        raise WordsFileError(f"{where}: a pack line needs a name, like '# pack: animals'")
    for n in names:
        if not PACK_NAME.match(n):
            raise WordsFileError(f"{where}: pack name {n[:40]!r} must be 1 to 30 lower-case letters, digits "
                                 "or dashes, starting with a letter or digit")
        if n in RESERVED_PACKS:
            raise WordsFileError(f"{where}: {n!r} cannot be a pack name (it means every word)")
    if len(set(names)) != len(names):
        raise WordsFileError(f"{where}: a pack is named twice on one line")
    return tuple(names)


def parse_words(text: str, source: str = "words.txt") -> tuple[Word, ...]:
    """Parse the words file format (with its `# pack:` sections); raise WordsFileError naming the line of
    the first problem."""
    words: list[Word] = []
    seen: dict[str, int] = {}
    packs: tuple[str, ...] = ()
    section: tuple[int, int] | None = None  # (line of the pack line, words when it was read)
    for lineno, raw in enumerate(text.splitlines(), start=1):
        where = f"{source}:{lineno}"
        if m := PACK_LINE.match(raw):
            if section is not None and section[1] == len(words):
                raise WordsFileError(f"{source}:{section[0]}: the pack line has no words under it")
            packs, section = _pack_names(m.group(1).split("#", 1)[0], where), (lineno, len(words))
            continue
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if any(not p for p in parts):
            raise WordsFileError(f"{where}: empty word or alias in {raw.strip()[:80]!r}")
        for p in parts:
            if len(p) > MAX_WORD_LENGTH:
                raise WordsFileError(f"{where}: {p[:20]!r}... is longer than {MAX_WORD_LENGTH} characters")
            if any(not ch.isprintable() for ch in p):
                raise WordsFileError(f"{where}: {p[:40]!r} has a control character")
            key = canonical(p)
            if not key:
                raise WordsFileError(f"{where}: {p[:40]!r} normalizes to nothing")
            if key in seen:
                raise WordsFileError(f"{where}: {p[:40]!r} duplicates line {seen[key]}")
            seen[key] = lineno
        words.append(Word(parts[0], tuple(parts[1:]), packs))
        if len(words) > MAX_WORDS:
            raise WordsFileError(f"{where}: more than {MAX_WORDS} words")
    if section is not None and section[1] == len(words):
        raise WordsFileError(f"{source}:{section[0]}: the pack line has no words under it")
    if not words:
        raise WordsFileError(f"{source}: no words")
    return tuple(words)


def pack_names(words: Sequence[Word]) -> list[str]:
    """The packs of a list, in the order they first appear."""
    return list(dict.fromkeys(p for w in words for p in w.packs))


def in_pack(words: Sequence[Word], pack: str | None) -> list[Word]:
    """The words of one pack (every word when `pack` is None)."""
    return list(words) if pack is None else [w for w in words if pack in w.packs]


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
