"""Decide whether a reply (a model's or a person's) names the secret word, and say why.

Reasons never contain the secret word: a wrong guess's reason is shown to people who are still
guessing. One guess is one answer: a reply that names several words of the game's vocabulary
("cat dog house") counts for none of them.

Every language folds case and accents ("Éléphant" is "elephant", "Straße" is "strasse") and drops its
articles ("der Hund", "l'éléphant"). English plurals come from inflect; German, French, Spanish and
Italian have their regular plural endings here (irregular ones are aliases in core/wordpacks/). A German
compound counts by its head ("Schäferhund" names "Hund") unless it is itself another word of the game
("Geburtstagskuchen" is not "Kuchen").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import inflect

ARTICLES = frozenset({"a", "an", "the"})
LANGUAGE_ARTICLES = {
    "en": ARTICLES,
    "de": frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"}),
    "fr": frozenset({"le", "la", "les", "l", "un", "une", "des", "du"}),
    "es": frozenset({"el", "la", "los", "las", "un", "una", "unos", "unas", "lo"}),
    "it": frozenset({"il", "lo", "la", "i", "gli", "le", "l", "un", "uno", "una", "dei", "degli", "delle"}),
}
ELIDING = frozenset({"fr", "it"})  # an apostrophe parts two words ("l'éléphant"); elsewhere it joins them ("it's")
MAX_SPAN = 4  # the longest run of guess tokens glued together when matching "firetruck" to "fire truck"
MIN_HEAD = 4  # a German compound counts by its head only when the head has this many letters ("Arm" is not in "Alarm")
MIN_MODIFIER = 3  # ... and the part before it at least this many

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[^\w]+|_+")
_UNMARKED = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
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


def fold(text: str) -> str:
    """Case and accents folded away: "Éléphant" -> "elephant", "Straße" -> "strasse", "Œil" -> "oeil"."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    if text.isascii():
        return text
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.translate(_UNMARKED)


@lru_cache(maxsize=65536)
def tokens(text: str, lang: str = "en") -> tuple[str, ...]:
    """Folded word tokens of `text`, with markdown, punctuation and the language's articles removed."""
    text = fold(text)
    text = _MD_LINK.sub(r"\1", text)
    text = _APOSTROPHE.sub(" " if lang in ELIDING else "", text)
    articles = LANGUAGE_ARTICLES.get(lang, ARTICLES)
    return tuple(t for t in _NON_WORD.split(text) if t and t not in articles)


def normalize(text: str, lang: str = "en") -> str:
    """The guess as the judge reads it: tokens joined by single spaces."""
    return " ".join(tokens(text, lang))


def canonical(text: str, lang: str = "en") -> str:
    """The singular, normalized form used to tell whether two words are the same word."""
    if lang == "en":
        return " ".join(_singular(t) for t in tokens(text))
    return " ".join(tokens(text, lang))


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


# Regular plural endings: (singular ending, plural ending). A word token may take any of them and a
# guess token may drop any of them; since both sides keep their spelling too, a match is any shared form.
_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    # Umlaut plurals fold to the same letters ("Mäuse" -> "mause" = maus + e; "Äpfel" -> "apfel").
    "de": (("", "e"), ("", "en"), ("", "n"), ("", "er"), ("", "s"), ("in", "innen")),
    "fr": (("", "s"), ("", "x"), ("al", "aux"), ("ail", "aux")),
    "es": (("", "s"), ("", "es"), ("z", "ces")),
    "it": (("o", "i"), ("a", "e"), ("e", "i"), ("io", "i"), ("co", "chi"), ("co", "ci"), ("go", "ghi"),
           ("go", "gi"), ("ca", "che"), ("ga", "ghe"), ("cia", "ce"), ("gia", "ge"), ("cia", "cie"), ("gia", "gie")),
}


@lru_cache(maxsize=65536)
def _other_plurals(token: str, lang: str) -> frozenset[str]:
    """The token with each plural ending of `lang` put on."""
    if not token.isalpha() or len(token) < 3:
        return frozenset()
    if lang == "de" and token.endswith(("e", "el", "er", "en")):
        return frozenset({token + "n", token + "s"})  # Ente -> Enten, Gabel -> Gabeln, Teller -> Teller(n)
    return frozenset(token[: len(token) - len(one)] + many for one, many in _ENDINGS[lang] if token.endswith(one))


@lru_cache(maxsize=65536)
def _other_singulars(token: str, lang: str) -> frozenset[str]:
    """The token with each plural ending of `lang` taken off (what it may be the plural of)."""
    if not token.isalpha() or len(token) < 4:
        return frozenset()
    return frozenset(token[: len(token) - len(many)] + one for one, many in _ENDINGS[lang]
                     if token.endswith(many) and len(token) - len(many) + len(one) >= 3)


@lru_cache(maxsize=65536)
def _guess_forms(token: str, lang: str = "en") -> frozenset[str]:
    """The ways a guess token may be read: itself and its singular (German "ae" also as "ä", folded)."""
    if lang == "en" or lang not in _ENDINGS:
        return frozenset({token, _singular(token)})
    forms = {token} | _other_singulars(token, lang)
    if lang == "de" and ("ae" in token or "oe" in token or "ue" in token):
        typed = token.replace("ae", "a").replace("oe", "o").replace("ue", "u")  # "Maeuse" typed for "Mäuse"
        forms |= {typed} | _other_singulars(typed, lang)
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _word_forms(token: str, lang: str = "en") -> frozenset[str]:
    """The ways a word token may be written: itself, its singular and its plural.

    inflect is not an oracle ("bus" -> "bu"), so both sides keep their spelling and a match is
    any shared form.
    """
    if lang == "en" or lang not in _ENDINGS:
        return frozenset({token, _singular(token)}) | _plurals(token)
    return frozenset({token}) | _other_singulars(token, lang) | _other_plurals(token, lang)


def _spans(guess: Sequence[str]) -> Iterable[tuple[int, int]]:
    for i in range(len(guess)):
        for j in range(i + 1, min(len(guess), i + MAX_SPAN) + 1):
            yield i, j


def _phrase_at(guess: Sequence[str], phrase: Sequence[str], lang: str = "en") -> list[tuple[int, int]]:
    """Where `phrase` occurs in `guess`, token by token or with its spaces removed."""
    hits: list[tuple[int, int]] = []
    n = len(phrase)
    for i in range(len(guess) - n + 1):
        if all(_guess_forms(guess[i + k], lang) & _word_forms(phrase[k], lang) for k in range(n)):
            hits.append((i, i + n))
    glued_heads = "".join(phrase[:-1])
    glued = {glued_heads + f for f in _word_forms(phrase[-1], lang)}
    for i, j in _spans(guess):
        if j - i == n and (i, j) in hits:
            continue
        joined = "".join(guess[i:j])
        if joined in glued or not _guess_forms(joined, lang).isdisjoint(glued):
            hits.append((i, j))
    return hits


def _compound_at(guess: Sequence[str], phrase: Sequence[str], lang: str) -> list[tuple[int, int, bool]]:
    """German guess tokens that hold a one-word name inside them: (i, i + 1, whether it is the compound's head)."""
    if lang != "de" or len(phrase) != 1 or len(phrase[0]) < MIN_HEAD:
        return []
    forms = _word_forms(phrase[0], lang)
    hits = []
    for i, token in enumerate(guess):
        for read in _guess_forms(token, lang):
            if read in forms:
                break  # the name itself, not a compound
            if any(f in read for f in forms):
                head = any(read.endswith(f) and len(read) - len(f) >= MIN_MODIFIER for f in forms)
                hits.append((i, i + 1, head))
                break
    return hits


NOT_IT = "not the word"
SEVERAL = "names more than one word: one guess, one answer"
EMPTY = "empty reply"


def judge_guess(
    guess: str, word: str, aliases: Sequence[str] = (), vocabulary: Sequence[str] = (), lang: str = "en"
) -> Verdict:
    """Whether `guess` names `word` (or one of its aliases), read in the game's language `lang`.

    A name that sits inside a longer, different word of the vocabulary does not count: for the
    word "house", the reply "house plant" names another word (in German, "Geburtstagskuchen" for "Kuchen").
    Nor does a guess that names more than one word of the vocabulary (the word's own aliases, and the
    longer phrase around it, aside).
    """
    g = tokens(guess, lang)
    normalized = " ".join(g)
    if not g:
        return Verdict(False, normalized, EMPTY)
    vocab = tuple(vocabulary)
    targets = [(name, tokens(name, lang)) for name in (word, *aliases)]
    target_set = {t for _, t in targets}
    longer = _phrases(vocab, lang)
    for name, phrase in targets:
        if not phrase:
            continue
        for i, j in _phrase_at(g, phrase, lang):
            blocker = _covering_word(g, i, j, longer, target_set, len(phrase), lang) or (
                lang != "en" and _exact_word(tuple(g[i:j]), vocab, frozenset(target_set), lang))
            if blocker:
                return Verdict(False, normalized, f"names '{blocker}', a different word")
            if _concepts(g, vocab, frozenset(target_set), lang) > 1:
                return Verdict(False, normalized, SEVERAL)
            how = "names" if name == word else "names the alias"
            return Verdict(True, normalized, f"{how} '{name}'", matched=name)
    for name, phrase in targets:
        for i, _, head in (_compound_at(g, phrase, lang) if phrase else ()):
            other = _vocabulary_word(g[i], vocab, frozenset(target_set), lang)
            if other:
                return Verdict(False, normalized, f"names '{other}', a different word")
            if head:
                if _concepts(g, vocab, frozenset(target_set), lang) > 0:
                    return Verdict(False, normalized, SEVERAL)
                how = "names" if name == word else "names the alias"
                return Verdict(True, normalized, f"{how} '{name}' (a compound)", matched=name)
    if _concepts(g, vocab, frozenset(target_set), lang) > 1:
        return Verdict(False, normalized, SEVERAL)
    return Verdict(False, normalized, NOT_IT)


def mentions(guess: str, word: str, aliases: Sequence[str] = (), lang: str = "en") -> bool:
    """Whether `guess` has the word or an alias in it anywhere, counted or not ("house plant" mentions "house";
    in German, "Hundehütte" mentions "Hund")."""
    g = tokens(guess, lang)
    return bool(g) and any(phrase and (_phrase_at(g, phrase, lang) or _compound_at(g, phrase, lang))
                           for phrase in (tokens(n, lang) for n in (word, *aliases)))


@lru_cache(maxsize=64)
def _vocabulary_index(vocabulary: tuple[str, ...], lang: str = "en") -> tuple[
        dict[str, set[tuple[str, ...]]], dict[str, set[tuple[str, ...]]]]:
    """Every vocabulary name by the forms of its first token, and by its letters glued together (any plural)."""
    by_head: dict[str, set[tuple[str, ...]]] = {}
    glued: dict[str, set[tuple[str, ...]]] = {}
    for name in vocabulary:
        phrase = tokens(name, lang)
        if not phrase:
            continue
        for form in _word_forms(phrase[0], lang):
            by_head.setdefault(form, set()).add(phrase)
        head = "".join(phrase[:-1])
        for form in _word_forms(phrase[-1], lang):
            glued.setdefault(head + form, set()).add(phrase)
    return by_head, glued


def _exact_word(span: tuple[str, ...], vocabulary: tuple[str, ...], targets: frozenset, lang: str) -> str | None:
    """The other vocabulary name the span is written as, letter for letter: "Burger" is not a plural of "Burg"
    when "Burger" is a word of the game."""
    if not vocabulary or span in targets:
        return None
    exact = _exact_index(vocabulary, lang)
    names = exact.get(span, set()) | exact.get("".join(span), set())
    return " ".join(span) if names and not names & targets else None


@lru_cache(maxsize=64)
def _exact_index(vocabulary: tuple[str, ...], lang: str) -> dict:
    """Every vocabulary name by its tokens, and by its tokens glued."""
    out: dict = {}
    for name in vocabulary:
        t = tokens(name, lang)
        out.setdefault(t, set()).add(t)
        out.setdefault("".join(t), set()).add(t)
    return out


def _vocabulary_word(token: str, vocabulary: tuple[str, ...], targets: frozenset, lang: str) -> str | None:
    """The vocabulary name, other than the targets, that a guess token is written as (glued or not), if any."""
    if not vocabulary:
        return None
    _, glued = _vocabulary_index(vocabulary, lang)
    for read in _guess_forms(token, lang):
        for phrase in glued.get(read, ()):
            if phrase not in targets:
                return " ".join(phrase)
    return None


def _concepts(guess: Sequence[str], vocabulary: tuple[str, ...], targets: frozenset, lang: str = "en") -> int:
    """How many different words of the vocabulary the guess names: the widest match at each place counts, and the
    secret word with its aliases counts once."""
    if not vocabulary:
        return 0
    by_head, glued = _vocabulary_index(vocabulary, lang)
    hits: set[tuple[int, int, tuple[str, ...]]] = set()
    for i in range(len(guess)):
        for form in _guess_forms(guess[i], lang):
            for phrase in by_head.get(form, ()):
                n = len(phrase)
                if i + n <= len(guess) and all(
                        _guess_forms(guess[i + k], lang) & _word_forms(phrase[k], lang) for k in range(n)):
                    hits.add((i, i + n, phrase))
        for j in range(i + 1, min(len(guess), i + MAX_SPAN) + 1):
            joined = "".join(guess[i:j])
            for key in {joined} | _guess_forms(joined, lang):
                for phrase in glued.get(key, ()):
                    hits.add((i, j, phrase))
    spans: dict[tuple[int, int], set[tuple[str, ...]]] = {}
    for i, j, phrase in hits:
        spans.setdefault((i, j), set()).add(phrase)
    widest = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
    # One place read as two names ("glasses": eyeglasses or glass) is one answer; the word and its aliases are one.
    return len({"the word" if spans[s] & targets else frozenset(spans[s]) for s in widest})


@lru_cache(maxsize=64)
def _phrases(vocabulary: tuple[str, ...], lang: str = "en") -> tuple[tuple[tuple[str, ...], str], ...]:
    """Each multi-word vocabulary phrase with its glued head, for a cheap substring pre-check."""
    out = []
    for v in vocabulary:
        t = tokens(v, lang)
        if len(t) > 1:
            out.append((t, "".join(t[:-1])))
    return tuple(out)


def _covering_word(
    guess: Sequence[str], i: int, j: int, vocabulary: Sequence[tuple[tuple[str, ...], str]], targets: set, n: int,
    lang: str = "en",
) -> str | None:
    glued = "".join(guess)
    for other, head in vocabulary:
        if len(other) <= n or other in targets or head not in glued:
            continue
        for a, b in _phrase_at(guess, other, lang):
            if a <= i and j <= b and (b - a) > (j - i):
                return " ".join(other)
    return None
