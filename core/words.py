"""The word list: parsing words.txt (its packs too), its translations in core/wordpacks/, and picking a word a
player has not had."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from core.judge import canonical, fold, normalize

MAX_WORD_LENGTH = 60
MAX_WORDS = 5000
PACK_LINE = re.compile(r"^\s*#\s*pack\s*:(.*)$", re.IGNORECASE)
PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")
RESERVED_PACKS = ("any", "all", "none")
WORDPACKS = Path(__file__).with_name("wordpacks")  # <lang>.txt: words.txt's concepts in that language
SHIPPED_WORDS = Path(__file__).resolve().parent.parent / "words.txt"
TRANSLATED = ("de", "fr", "es", "it")  # the languages core/wordpacks/ has; English is words.txt itself


class WordsFileError(Exception):
    """The words file is malformed."""


class NoWordsLeft(Exception):
    """You have drawn every word we have."""


class UnknownConcept(WordsFileError):
    """A translated words file names a concept that words.txt does not have."""


class MissingConcept(WordsFileError):
    """A translated words file leaves out a concept of words.txt."""


@dataclass(frozen=True)
class Word:
    """A secret word and the other names that also count as right."""

    text: str
    aliases: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    concept: str = ""  # for a translated word, the words.txt word it stands for ("" in words.txt itself)

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


def _names(line: str, where: str) -> list[str]:
    """The '|'-separated names of a line, each checked as words.txt checks them."""
    parts = [p.strip() for p in line.split("|")]
    if any(not p for p in parts):
        raise WordsFileError(f"{where}: empty word or alias in {line.strip()[:80]!r}")
    for p in parts:
        if len(p) > MAX_WORD_LENGTH:
            raise WordsFileError(f"{where}: {p[:20]!r}... is longer than {MAX_WORD_LENGTH} characters")
        if any(not ch.isprintable() for ch in p):
            raise WordsFileError(f"{where}: {p[:40]!r} has a control character")
    return parts


def parse_translations(text: str, words: Sequence[Word], lang: str, source: str = "wordpacks") -> dict[str, Word]:
    """Parse a translated words file (`concept = Wort | alias | alias`, one line per concept of `words`):
    {concept: the Word in that language, with the concept's packs}. WordsFileError (UnknownConcept,
    MissingConcept) names the line of the first problem."""
    by_concept = {w.text: w for w in words}
    out: dict[str, Word] = {}
    lines: dict[str, int] = {}
    seen: dict[str, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        where = f"{source}:{lineno}"
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        concept, eq, names = line.partition("=")
        concept = concept.strip()
        if not eq or not concept:
            raise WordsFileError(f"{where}: a line is 'concept = word | alias', not {raw.strip()[:80]!r}")
        if concept not in by_concept:
            raise UnknownConcept(f"{where}: {concept[:40]!r} is not a word of words.txt (write it as words.txt does)")
        if concept in lines:
            raise WordsFileError(f"{where}: {concept[:40]!r} is translated twice (line {lines[concept]})")
        parts = _names(names, where)
        for p in parts:
            key = canonical(p, lang)
            if not key:
                raise WordsFileError(f"{where}: {p[:40]!r} normalizes to nothing")
            if key in seen:
                raise WordsFileError(f"{where}: {p[:40]!r} duplicates line {seen[key]}")
            seen[key] = lineno
        lines[concept] = lineno
        out[concept] = Word(parts[0], tuple(parts[1:]), by_concept[concept].packs, concept)
    missing = [w.text for w in words if w.text not in out]
    if missing:
        raise MissingConcept(f"{source}: no translation for {len(missing)} word(s) of words.txt: "
                             f"{', '.join(missing[:5])}{'...' if len(missing) > 5 else ''}")
    return out


def load_translations(words: Sequence[Word], directory: str | Path = WORDPACKS,
                      languages: Sequence[str] = TRANSLATED) -> dict[str, dict[str, Word]]:
    """Read and check each language's words file: {lang: {concept: Word}}; WordsFileError if one is missing or
    malformed."""
    out = {}
    for lang in languages:
        p = Path(directory) / f"{lang}.txt"
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise WordsFileError(f"{p}: cannot read the words file ({exc.__class__.__name__})") from exc
        out[lang] = parse_translations(text, words, lang, source=f"core/wordpacks/{lang}.txt")
    return out


@lru_cache(maxsize=1)
def shipped_translations() -> Mapping[str, Mapping[str, Word]]:
    """The translations of the shipped words.txt in every language of core/wordpacks/ (read once)."""
    return load_translations(load_words(SHIPPED_WORDS))


def translate(word: Word, lang: str, translations: Mapping[str, Mapping[str, Word]]) -> Word:
    """A words.txt word in `lang` (its packs kept); unchanged for English or a word with no translation."""
    return translations.get(lang, {}).get(word.concept or word.text, word)


def find_translated(table: Mapping[str, Word], text: str) -> Word | None:
    """The translated word one of whose names folds like `text` ("Hund", "hund" -> dog's), if any."""
    key = fold(" ".join(text.split()))
    for w in table.values():
        if any(fold(n) == key for n in w.names):
            return w
    return None


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
