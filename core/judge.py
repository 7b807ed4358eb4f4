"""Decide whether a reply (a model's or a person's) names the secret word, and say why.

Reasons never contain the secret word: a wrong guess's reason is shown to people who are still
guessing. One guess is one answer: a reply that names several words of the game's vocabulary
("cat dog house") counts for none of them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import inflect

ARTICLES = frozenset({"a", "an", "the"})
MAX_SPAN = 4  # the longest run of guess tokens glued together when matching "firetruck" to "fire truck"

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[^\w]+|_+")
_inflect = inflect.engine()
_classical = inflect.engine()
_classical.classical(all=True)  # "cacti", "octopi": people and models use both plurals


@dataclass(frozen=True)
class Verdict:
    """The judge's answer: whether the guess counts, the normalized guess, and the reason."""

    correct: bool
    normalized: str
    reason: str
    matched: str | None = None


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of `text`, with markdown, punctuation and articles removed."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _MD_LINK.sub(r"\1", text)
    text = _APOSTROPHE.sub("", text)
    return tuple(t for t in _NON_WORD.split(text) if t and t not in ARTICLES)


def normalize(text: str) -> str:
    """The guess as the judge reads it: tokens joined by single spaces."""
    return " ".join(tokens(text))


def canonical(text: str) -> str:
    """The singular, normalized form used to tell whether two words are the same word."""
    return " ".join(_singular(t) for t in tokens(text))


@lru_cache(maxsize=65536)
def _singular(token: str) -> str:
    if not token.isalpha() or len(token) < 3:
        return token
    s = _inflect.singular_noun(token)
    return s if s else token


@lru_cache(maxsize=65536)
def _plurals(token: str) -> frozenset[str]:
    if not token.isalpha() or len(token) < 2:
        return frozenset()
    return frozenset({_inflect.plural_noun(token), _classical.plural_noun(token)})


@lru_cache(maxsize=65536)
def _guess_forms(token: str) -> frozenset[str]:
    """The ways a guess token may be read: itself and its singular."""
    return frozenset({token, _singular(token)})


@lru_cache(maxsize=65536)
def _word_forms(token: str) -> frozenset[str]:
    """The ways a word token may be written: itself, its singular and its plural.

    inflect is not an oracle ("bus" -> "bu"), so both sides keep their spelling and a match is
    any shared form.
    """
    return frozenset({token, _singular(token)}) | _plurals(token)


def _spans(guess: Sequence[str]) -> Iterable[tuple[int, int]]:
    for i in range(len(guess)):
        for j in range(i + 1, min(len(guess), i + MAX_SPAN) + 1):
            yield i, j


def _phrase_at(guess: Sequence[str], phrase: Sequence[str]) -> list[tuple[int, int]]:
    """Where `phrase` occurs in `guess`, token by token or with its spaces removed."""
    hits: list[tuple[int, int]] = []
    n = len(phrase)
    for i in range(len(guess) - n + 1):
        if all(_guess_forms(guess[i + k]) & _word_forms(phrase[k]) for k in range(n)):
            hits.append((i, i + n))
    glued_heads = "".join(phrase[:-1])
    glued = {glued_heads + f for f in _word_forms(phrase[-1])}
    for i, j in _spans(guess):
        if j - i == n and (i, j) in hits:
            continue
        joined = "".join(guess[i:j])
        if joined in glued or _singular(joined) in glued:
            hits.append((i, j))
    return hits


NOT_IT = "not the word"
SEVERAL = "names more than one word: one guess, one answer"
EMPTY = "empty reply"


def judge_guess(
    guess: str, word: str, aliases: Sequence[str] = (), vocabulary: Sequence[str] = (), lang: str = "en"
) -> Verdict:
    """Whether `guess` names `word` (or one of its aliases).

    A name that sits inside a longer, different word of the vocabulary does not count: for the
    word "house", the reply "house plant" names another word. Nor does a guess that names more than one
    word of the vocabulary (the word's own aliases, and the longer phrase around it, aside).
    """
    g = tokens(guess)
    normalized = " ".join(g)
    if not g:
        return Verdict(False, normalized, EMPTY)
    targets = [(name, tokens(name)) for name in (word, *aliases)]
    target_set = {t for _, t in targets}
    longer = _phrases(tuple(vocabulary))
    for name, phrase in targets:
        if not phrase:
            continue
        for i, j in _phrase_at(g, phrase):
            blocker = _covering_word(g, i, j, longer, target_set, len(phrase))
            if blocker:
                return Verdict(False, normalized, f"names '{blocker}', a different word")
            if _concepts(g, tuple(vocabulary), frozenset(target_set)) > 1:
                return Verdict(False, normalized, SEVERAL)
            how = "names" if name == word else "names the alias"
            return Verdict(True, normalized, f"{how} '{name}'", matched=name)
    if _concepts(g, tuple(vocabulary), frozenset(target_set)) > 1:
        return Verdict(False, normalized, SEVERAL)
    return Verdict(False, normalized, NOT_IT)


def mentions(guess: str, word: str, aliases: Sequence[str] = (), lang: str = "en") -> bool:
    """Whether `guess` has the word or an alias in it anywhere, counted or not ("house plant" mentions "house")."""
    g = tokens(guess)
    return bool(g) and any(phrase and _phrase_at(g, phrase) for phrase in (tokens(n) for n in (word, *aliases)))


@lru_cache(maxsize=64)
def _vocabulary_index(vocabulary: tuple[str, ...]) -> tuple[dict[str, set[tuple[str, ...]]], dict[str, set[tuple[str, ...]]]]:
    """Every vocabulary name by the forms of its first token, and by its letters glued together (any plural)."""
    by_head: dict[str, set[tuple[str, ...]]] = {}
    glued: dict[str, set[tuple[str, ...]]] = {}
    for name in vocabulary:
        phrase = tokens(name)
        if not phrase:
            continue
        for form in _word_forms(phrase[0]):
            by_head.setdefault(form, set()).add(phrase)
        head = "".join(phrase[:-1])
        for form in _word_forms(phrase[-1]):
            glued.setdefault(head + form, set()).add(phrase)
    return by_head, glued


def _concepts(guess: Sequence[str], vocabulary: tuple[str, ...], targets: frozenset) -> int:
    """How many different words of the vocabulary the guess names: the widest match at each place counts, and the
    secret word with its aliases counts once."""
    if not vocabulary:
        return 0
    by_head, glued = _vocabulary_index(vocabulary)
    hits: set[tuple[int, int, tuple[str, ...]]] = set()
    for i in range(len(guess)):
        for form in _guess_forms(guess[i]):
            for phrase in by_head.get(form, ()):
                n = len(phrase)
                if i + n <= len(guess) and all(_guess_forms(guess[i + k]) & _word_forms(phrase[k]) for k in range(n)):
                    hits.add((i, i + n, phrase))
        for j in range(i + 1, min(len(guess), i + MAX_SPAN) + 1):
            joined = "".join(guess[i:j])
            for key in {joined, _singular(joined)}:
                for phrase in glued.get(key, ()):
                    hits.add((i, j, phrase))
    spans: dict[tuple[int, int], set[tuple[str, ...]]] = {}
    for i, j, phrase in hits:
        spans.setdefault((i, j), set()).add(phrase)
    widest = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
    # One place read as two names ("glasses": eyeglasses or glass) is one answer; the word and its aliases are one.
    return len({"the word" if spans[s] & targets else frozenset(spans[s]) for s in widest})


@lru_cache(maxsize=64)
def _phrases(vocabulary: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Each multi-word vocabulary phrase with its glued head, for a cheap substring pre-check."""
    out = []
    for v in vocabulary:
        t = tokens(v)
        if len(t) > 1:
            out.append((t, "".join(t[:-1])))
    return tuple(out)


def _covering_word(
    guess: Sequence[str], i: int, j: int, vocabulary: Sequence[tuple[tuple[str, ...], str]], targets: set, n: int
) -> str | None:
    glued = "".join(guess)
    for other, head in vocabulary:
        if len(other) <= n or other in targets or head not in glued:
            continue
        for a, b in _phrase_at(guess, other):
            if a <= i and j <= b and (b - a) > (j - i):
                return " ".join(other)
    return None
