"""May the room see this text? The profanity filter for guesses, nicknames and text read from drawings.

The word list is glin-profanity's English dictionary (pinned in requirements.txt), read as data, with
our changes from core/profanity_terms.txt: words it lacks, a mild tier, and entries that are ordinary
words in this game. The matching is ours. glin-profanity 4.1.0 was chosen over better-profanity 0.7.0
by measurement (`python bench/profanity.py --libraries`, docs/PERFORMANCE.md): as they come, its own
check caught more of our 1,548 disguised words (51% against 41%), blocked fewer of 16,981 ordinary
words and names (13 against 69: better-profanity's list holds god, kill, stupid, gay, organ, pot,
weed, virgin...) and was about 15 times faster (118 against 1,821 µs a guess); it is maintained, and
better-profanity's last release is from 2020. better-profanity's list has more of the words people
type (55 of our 62 seed words against 43), which core/profanity_terms.txt makes up for. alt-profanity-check
was not a candidate: it pulls in scikit-learn and a model, and has no words to mask. Neither library
has severity tiers, so we keep two: STRONG (slurs, strong swearing, sexual terms) and MILD (damn,
crap, hell, piss, bloody...).

How a text is read:
1. Each character is folded: NFKD (fullwidth and styled letters become plain, accents come apart),
   combining marks and invisible format characters (zero-width spaces, soft hyphens) are dropped,
   case is folded, and Cyrillic, Greek and small-capital look-alikes become the Latin letter they
   imitate ("а" U+0430 is "a").
2. The text is cut into words at spaces and punctuation, and a word into pieces at soft separators
   (. - _ * ~ ' and dashes); a contraction or possessive tail ('s, 'll, n't) is dropped, so "he'll"
   is not "hell".
3. Each piece, and each run of pieces of a word joined ("f.u.c.k", "fu-ck"), is read with digits and
   symbols as the letters they imitate (4/@ a, 8 b, 3/€ e, 9/6 g, 1/!/| i or l, 0 o, 5/$ s, 7/+ t,
   "ph" f), also without the digits and symbols at its ends ("bitch69", "shit!!"). A reading matches
   a listed word when its letters, with repeats folded, are the same and each repeat is at least as
   long: "fuuuck" is "fuck" and "asss" is "ass", while "as" is not "ass", nor "but" "butt". A doubled
   letter counts as a stretch only from three on, since "annals" is not "anal".
4. Across spaces, words are joined when one of them is a fragment (one or two letters that are not a
   common word: "f u c k", "fu ck", "sh it"; never a number: "5 hit songs"), and the list's
   multi-word entries ("blow job") are matched on the words joined. A join (of words, or of the
   pieces of one word) grows only while some listed word or phrase can still start that way, so even
   a text of 150 single letters is read in about a millisecond.
5. A few roots that no English word or first name contains ([roots] in core/profanity_terms.txt) are
   blocked anywhere inside a word ("motherfuckingly", "xXfuckXx"). Every other entry must be a whole
   word, so Scunthorpe, assassin, cocktail, Dickens, Penistone and Matsushita pass.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

LEVELS = ("off", "moderate", "strict")
CLEAN, MILD, STRONG = 0, 1, 2
MASK_CHAR = "✱"
LIBRARY = "glin-profanity"
TERMS_FILE = Path(__file__).with_name("profanity_terms.txt")

_MIN_BLOCKED = {"moderate": STRONG, "strict": MILD}  # 'off' blocks nothing

# Letters that other scripts draw the same (checked before and after NFKD and case folding).
_LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "н": "h", "і": "i", "ӏ": "l", "ј": "j",
    "к": "k", "м": "m", "п": "n", "о": "o", "р": "p", "ԛ": "q", "г": "r", "ѕ": "s", "т": "t", "у": "y",
    "ѵ": "v", "ԝ": "w", "х": "x", "ь": "b", "ү": "y", "Ӏ": "l",
    # Greek (capitals that look unlike their small letter are mapped before case folding)
    "α": "a", "β": "b", "ϲ": "c", "Ϲ": "c", "δ": "d", "ε": "e", "γ": "y", "η": "n", "Η": "h", "ι": "i", "κ": "k",
    "μ": "u", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ζ": "z",
    "Β": "b", "Μ": "m", "Ν": "n", "Ρ": "p", "Τ": "t", "Χ": "x", "Υ": "y", "Ζ": "z",
    # Armenian
    "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g",
    # Latin letters NFKD leaves alone
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ƒ": "f", "ɑ": "a", "ɡ": "g",
    "ɩ": "i", "ʋ": "u", "æ": "ae", "œ": "oe", "ð": "d", "þ": "p",
    # small capitals
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ǫ": "q", "ʀ": "r", "ꜱ": "s", "ᴛ": "t",
    "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
    # regional indicator letters (flag letters), 🇦 to 🇿
    **{chr(0x1F1E6 + i): chr(ord("a") + i) for i in range(26)},
}
_DROPPED = {"Mn", "Me", "Cf"}  # combining marks and invisible format characters (zero-width, soft hyphen)

# Digits and symbols read as letters inside a word; the first reading is the likelier one.
_LEET = {
    "0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "6": "gb", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "il", "|": "il", "+": "t", "€": "e", "¢": "c", "#": "h",
}
_LEET_SYMBOLS = frozenset(c for c in _LEET if not c.isdigit())
_APOSTROPHES = frozenset("'’‘`")
_CASE_BREAK = "\x1f"  # put between a small letter and a capital: "MrWord" is read as "mr", "word"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]{2})")  # "MrSlut", not the random case of "fUcKiNg"
_SOFT = frozenset(".-_*~^=·•∙‐‑‒–—―⁃・･" + _CASE_BREAK) | _APOSTROPHES
# A word of a folded text: letters and digits, symbols read as letters, soft separators.
_WORD = re.compile("[\\w" + re.escape("".join(_LEET) + "".join(_SOFT)) + "]+")
_TAILS = frozenset({"s", "ll", "re", "ve", "d", "m", "t"})  # he'll, it's, don't, we're...
# One- and two-letter words that are words, so never a fragment of a split-up one.
_COMMON_SHORT = frozenset({
    "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me", "my",
    "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
})
_MAX_SPAN = 12  # words joined at most across spaces ("f u c k i n g" is 7)
_MAX_PIECES = 40  # pieces of one word joined at most ("B.u.L.l.l.L.S.h.h.H.i.t")
_MAX_JOINS = 1000  # joins tried per text at most, whatever the text (each is cut short once no word can follow)
_MAX_READINGS = 8  # readings of one piece at most (1, ! and | are each read as i and as l)


class UnknownLevel(Exception):
    """PROFANITY_FILTER must be off, moderate or strict."""


@dataclass(frozen=True)
class Lexicon:
    """The word list compiled for matching: repeat patterns, phrases, roots and starred spellings."""

    words: Mapping[str, tuple[tuple[tuple[int, ...], str, int], ...]]  # letters, repeats folded -> entries
    phrases: Mapping[str, tuple[tuple[tuple[int, ...], str, int], ...]]  # same, for multi-word entries
    phrase_heads: Mapping[str, int]  # the first word of a phrase, repeats folded -> most words of its phrases
    roots: tuple[tuple[str, str, int], ...]  # (root, repeats folded; root; severity)
    starred: Mapping[str, tuple[str, int]]  # "f*ck" -> ("fuck", STRONG)
    symbols: Mapping[str, tuple[str, int]]  # "🖕" -> ("🖕", STRONG)
    prefixes: frozenset[str]  # every start of a listed word or phrase, repeats folded: where joining may go on


def check_level(value: str) -> str:
    """The filter level a setting names ('off', 'moderate' or 'strict'), or UnknownLevel."""
    level = value.strip().lower() if isinstance(value, str) else None
    if level not in LEVELS:
        raise UnknownLevel(f"{UnknownLevel.__doc__[:-1]}, not {value!r}.")
    return level


def blocks(sev: int, level: str) -> bool:
    """Whether a text of severity `sev` is withheld at filter `level` ('off' blocks nothing)."""
    least = _MIN_BLOCKED.get(level)
    if least is None:
        least = _MIN_BLOCKED.get(check_level(level))
        if least is None:
            return False
    return sev >= least


def severity(text: str) -> int:
    """0 clean, 1 mild (blocked only at strict), 2 strong (blocked at moderate and strict)."""
    return max((hit[3] for hit in _scan(text)), default=CLEAN)


def is_blocked(text: str, level: str) -> bool:
    """severity + blocks in one call."""
    return blocks(severity(text), level)


def blocked_terms(text: str, level: str) -> list[str]:
    """The canonical blocked words found (for the host's review note and for tests)."""
    found = [term for _, _, term, sev in _scan(text) if blocks(sev, level)]
    return list(dict.fromkeys(found))


def mask(text: str, level: str) -> str:
    """The text with each blocked word replaced by the same number of '✱' (the rest kept); unchanged if clean."""
    if not blocks(STRONG, level):
        return text
    for _ in range(len(text) + 1):  # each round masks one more character at least
        spans = [(start, end) for start, end, _, sev in _scan(text) if blocks(sev, level)]
        if not spans:
            break
        text = _masked(text, spans)
    return text


def clear_caches() -> None:
    """Forget every text and word read so far (for benchmarks; the word list stays loaded)."""
    for cached in (_scan, _word, _match, _viable, _readings, _fold_char):
        cached.cache_clear()


def library_words() -> list[str]:
    """glin-profanity's English word list, read from the installed package without importing it."""
    spec = find_spec("glin_profanity")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("glin-profanity is not installed (pip install -r requirements.txt)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionaries" / "english.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [w for w in (data["words"] if isinstance(data, dict) else data) if isinstance(w, str) and w]


def parse_terms(text: str) -> dict[str, list[str]]:
    """The sections of a terms file: {'strong': [...], 'mild': [...], 'allowed': [...], 'roots': [...]}."""
    sections: dict[str, list[str]] = {"strong": [], "mild": [], "allowed": [], "roots": []}
    current = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            if current not in sections:
                raise ValueError(f"line {number}: unknown section {line}")
            continue
        if current is None:
            raise ValueError(f"line {number}: an entry before the first [section]")
        sections[current].append(" ".join(line.split()))
    return sections


def build_lexicon(library: Iterable[str], terms: Mapping[str, list[str]]) -> Lexicon:
    """Compile a library's word list (all STRONG) with our terms into the tables the check reads."""
    allowed = {_entry(t) for t in terms.get("allowed", ())}
    mild = {_entry(t) for t in terms.get("mild", ())}
    severities: dict[tuple[str, ...], int] = {}
    for raw in library:
        if all(c.isalpha() or c in " -" for c in raw) or not any(c.isalnum() for c in raw):
            severities.setdefault(_entry(raw), STRONG)  # not "a$$", "f*ck", "2g1c": spellings we read anyway
    for raw in terms.get("strong", ()):
        severities[_entry(raw)] = STRONG
    for raw in terms.get("mild", ()):
        severities[_entry(raw)] = MILD
    words: dict[str, list] = {}
    phrases: dict[str, list] = {}
    symbols: dict[str, tuple[str, int]] = {}
    starred: dict[str, tuple[str, int]] = {}
    starred_score: dict[str, tuple[int, int]] = {}
    singles: dict[str, int] = {}
    for entry, sev in severities.items():
        if not entry or entry in allowed:
            continue
        if entry in mild:
            sev = MILD
        if len(entry) == 1 and not any(c.isalnum() for c in entry[0]):
            symbols[entry[0]] = (entry[0], sev)
        elif all(word.isalpha() for word in entry):
            if len(entry) == 1:
                singles[entry[0]] = max(sev, singles.get(entry[0], CLEAN))
            else:
                key, runs = _runs("".join(entry))
                phrases.setdefault(key, []).append((runs, " ".join(entry), sev))
        # entries left (digits, "f*ck", "s&m") are readings of listed words, or too rare to keep
    for word, sev in list(singles.items()):
        plural = _plural(word)
        if len(word) >= 3 and not word.endswith(("ing", "ed")) and plural not in singles and (plural,) not in allowed:
            singles[plural] = sev
    for word, sev in singles.items():
        key, runs = _runs(word)
        words.setdefault(key, []).append((runs, word, sev))
        for pattern, hidden in _starred_patterns(word):
            # people star vowels: of fuck and fvck, "f*ck" is fuck
            score = (sev, sum(c in "aeiou" for c in hidden))
            if score > starred_score.get(pattern, (CLEAN, -1)):
                starred[pattern], starred_score[pattern] = (word, sev), score
    roots = tuple((_runs(_entry(r)[0])[0], _entry(r)[0], STRONG) for r in terms.get("roots", ()))
    heads: dict[str, int] = {}
    for entry in severities:
        if len(entry) > 1 and entry not in allowed and all(w.isalpha() for w in entry):
            head = _runs(entry[0])[0]
            heads[head] = max(heads.get(head, 0), len(entry))
    prefixes = frozenset(key[:i] for key in (*words, *phrases) for i in range(1, len(key) + 1))
    return Lexicon(
        words={k: tuple(v) for k, v in words.items()},
        phrases={k: tuple(v) for k, v in phrases.items()},
        phrase_heads=heads,
        roots=roots,
        starred=starred,
        symbols=symbols,
        prefixes=prefixes,
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The app's compiled word list: glin-profanity's English list and core/profanity_terms.txt."""
    return build_lexicon(library_words(), parse_terms(TERMS_FILE.read_text(encoding="utf-8")))


# --- reading a text -------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character as plain lower-case Latin letters (or itself), '' for a mark or an invisible one."""
    if ch in _LOOKALIKES:
        return _LOOKALIKES[ch]
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(c) in _DROPPED:
            continue
        for d in c.casefold():
            out.append(_LOOKALIKES.get(d, d))
    return "".join(out)


def _fold(text: str) -> tuple[str, range | list[int]]:
    """The folded text, and for each of its characters the index of the character it came from.

    A capital after a small letter starts a new piece of the word (a soft separator, _CASE_BREAK, is
    put before it), so the parts of a nickname like "MrBigWord" are read as words.
    """
    breaks = [m.start() for m in _CAMEL.finditer(text)]
    if text.isascii() and not breaks:
        return text.lower(), range(len(text))
    out: list[str] = []
    where: list[int] = []
    at = set(breaks)
    for i, ch in enumerate(text):
        if i in at:
            out.append(_CASE_BREAK)
            where.append(i)
        folded = _fold_char(ch) if not ch.isascii() else ch.lower()
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def _entry(raw: str) -> tuple[str, ...]:
    """A list entry as a tuple of folded words (soft separators removed; digits read as letters)."""
    words = []
    for word in _fold(raw)[0].split():
        word = "".join(c for c in word if c not in _SOFT or c == "*")
        if "*" not in word:
            word = "".join(_LEET[c][0] if c in _LEET and not word.isdigit() else c for c in word)
        words.append(word)
    return tuple(words)


def _runs(s: str) -> tuple[str, tuple[int, ...]]:
    """The letters of `s` with repeats folded, and how long each repeat is: 'fuuck' -> ('fuck', (1, 2, 1, 1))."""
    key: list[str] = []
    runs: list[int] = []
    prev = ""
    for c in s:
        if c == prev:
            runs[-1] += 1
        else:
            key.append(c)
            runs.append(1)
            prev = c
    return "".join(key), tuple(runs)


def _plural(word: str) -> str:
    """The regular English plural of a word."""
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _starred_patterns(word: str) -> list[tuple[str, str]]:
    """The word with one run of inner letters starred, as people self-censor it (f*ck, f**k), and the run."""
    if len(word) < 4:
        return []
    return [(word[:i] + "*" * (j - i) + word[j:], word[i:j])
            for i in range(1, len(word) - 1) for j in range(i + 1, len(word))]


def _stretched(runs: tuple[int, ...], listed: tuple[int, ...]) -> bool:
    """Whether each repeat is the listed one or stretched to three or more ('fuuuck', not 'annals')."""
    return all(r == e or (r > e and r >= 3) for r, e in zip(runs, listed))


@lru_cache(maxsize=16384)
def _readings(raw: str) -> tuple[tuple[str, int, int], ...]:
    """Ways to read a piece as letters: (letters, start, end) of the part of `raw` they read."""
    if raw.isalpha():  # the usual case, a plain word
        out = [(raw, 0, len(raw))]
        if "ph" in raw:
            out.append((raw.replace("ph", "f"), 0, len(raw)))
        if raw.startswith("xx") and raw.endswith("xx"):
            out.append((raw.strip("x"), 0, len(raw)))  # a gamer tag: xXnameXx
        return tuple(out)
    if raw.isdigit():
        return ()
    lo, hi = 0, len(raw)
    while lo < hi and not raw[lo].isalpha():
        lo += 1
    while hi > lo and not raw[hi - 1].isalpha():
        hi -= 1
    found: dict[str, tuple[int, int]] = {}
    parts = [(raw, 0, len(raw))]
    if (lo, hi) != (0, len(raw)) and hi > lo:
        parts.insert(0, (raw[lo:hi], lo, hi))  # first: a reading found in both keeps the narrower span
    for part, start, end in parts:
        spellings = [""]
        for c in part:
            spellings = [s + o for s in spellings for o in _LEET.get(c, c)][:_MAX_READINGS]
        if any(c in _LEET_SYMBOLS for c in part):
            spellings.append("".join(c for c in part if c not in _LEET_SYMBOLS))  # f|u|c|k
        for s in list(spellings):
            if s.startswith("xx") and s.endswith("xx"):
                spellings.append(s.strip("x"))  # a gamer tag: xXnameXx
        for s in spellings:
            for reading in (s, s.replace("ph", "f")) if "ph" in s else (s,):
                if reading and reading not in found:
                    found[reading] = (start, end)
    return tuple((reading, start, end) for reading, (start, end) in found.items())


@lru_cache(maxsize=16384)
def _viable(raw: str) -> bool:
    """Whether some listed word or phrase starts as `raw` reads: a join of pieces or words stops growing if not."""
    prefixes = lexicon().prefixes
    return any(_runs(reading)[0] in prefixes for reading, _, _ in _readings(raw))


@lru_cache(maxsize=16384)
def _match(raw: str, phrase: bool = False, roots: bool = True) -> tuple[str, int, int, int] | None:
    """The worst listed word (or phrase) that `raw` reads as: (word, severity, start, end), or None.

    With `roots`, a root inside the reading counts too ("superfuckingcool"); joins are read without.
    """
    lex = lexicon()
    table = lex.phrases if phrase else lex.words
    best: tuple[str, int, int, int] | None = None

    def better(sev: int, start: int, end: int) -> bool:
        # the worst word; of two as bad, the one read from less of the piece ("bitch" of "bitch69")
        return best is None or (sev, best[3] - best[2]) > (best[1], end - start)

    for reading, start, end in _readings(raw):
        key, runs = _runs(reading)
        for listed, word, sev in table.get(key, ()):
            if better(sev, start, end) and _stretched(runs, listed):
                best = (word, sev, start, end)
        if roots and not phrase:
            for root_key, root, sev in lex.roots:
                if root_key in key and better(sev, start, end):
                    best = (root, sev, start, end)
    return best


def _pieces(word: str) -> list[tuple[int, int]]:
    """Where a word's pieces are: cut at soft separators, without a contraction tail ('ll, 's)."""
    pieces: list[tuple[int, int]] = []
    start = None
    for i, c in enumerate(word):
        if c in _SOFT:
            if start is not None:
                pieces.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        pieces.append((start, len(word)))
    if len(pieces) > 1:
        s, e = pieces[-1]
        if word[s - 1] in _APOSTROPHES and word[s:e] in _TAILS:
            pieces.pop()
    return pieces


@dataclass(frozen=True)
class _Word:
    """What one word of a text holds: the listed words in it, and how it may join its neighbours."""

    hits: tuple[tuple[int, int, str, int], ...]  # (start, end) in the word, listed word, severity
    joined: str  # its pieces joined: the word without separators
    fragment: bool  # one or two letters that are no word of their own ("fu", "ck")
    phrase_words: int  # if it can start a listed phrase, the most words of such a phrase; else 0


@lru_cache(maxsize=16384)
def _word(word: str) -> _Word:
    """Read one word of a folded text: its pieces, their runs joined, a starred spelling."""
    lex = lexicon()
    pieces = _pieces(word)
    hits: list[tuple[int, int, str, int]] = []
    for s, e in pieces:
        m = _match(word[s:e])
        if m:
            hits.append((s + m[2], s + m[3], m[0], m[1]))
    for i in range(len(pieces) - 1):  # runs of pieces joined: "f.u.c.k", "fu-ck"
        text = word[pieces[i][0]:pieces[i][1]]
        for j in range(i + 1, min(len(pieces), i + _MAX_PIECES)):
            text += word[pieces[j][0]:pieces[j][1]]
            if not _viable(text):
                break
            m = _match(text, roots=False)
            if m:
                hits.append((pieces[i][0], pieces[j][1], m[0], m[1]))
    if "*" in word and pieces:
        start, end = pieces[0][0], pieces[-1][1]
        pattern = "".join(_LEET[c][0] if c in _LEET else c for c in word[start:end] if c == "*" or c not in _SOFT)
        if pattern in lex.starred:
            listed, sev = lex.starred[pattern]
            hits = [h for h in hits if not (start <= h[0] and h[1] <= end and h[3] <= sev)]
            hits.append((start, end, listed, sev))
    joined = "".join(word[s:e] for s, e in pieces)
    fragment = 0 < len(joined) <= 2 and joined not in _COMMON_SHORT and not joined.isdigit()
    phrase_words = max((lex.phrase_heads.get(_runs(r)[0], 0) for r, _, _ in _readings(joined)), default=0)
    return _Word(tuple(hits), joined, fragment, phrase_words)


@lru_cache(maxsize=8192)
def _scan(text: str) -> tuple[tuple[int, int, str, int], ...]:
    """Every listed word in a text: (start, end) in the text, the listed word, its severity."""
    lex = lexicon()
    norm, where = _fold(text)
    found: list[tuple[int, int, str, int]] = []  # in folded positions
    for i, c in enumerate(norm if not norm.isascii() else ""):
        if c in lex.symbols:
            j = i + 1
            while j < len(norm) and "\U0001F3FB" <= norm[j] <= "\U0001F3FF":  # skin tones
                j += 1
            found.append((i, j, *lex.symbols[c]))
    words = []
    for m in _WORD.finditer(norm):
        w = _word(m.group())
        if w.joined:  # not a lone separator: "p . u . s . s . y" is five words
            words.append((m.start(), m.end(), w))
            found.extend((m.start() + hs, m.start() + he, listed, sev) for hs, he, listed, sev in w.hits)
    if any(w.fragment or w.phrase_words for _, _, w in words):
        found.extend(_across_words(words))
    return tuple(_in_text(found, where, len(text)))


def _across_words(words: list[tuple[int, int, _Word]]) -> list[tuple[int, int, str, int]]:
    """Listed words spelled across spaces: a split-up word ('f u c k', 'fu ck') or a listed phrase."""
    near_fragment = set()
    for f, (_, _, w) in enumerate(words):
        if w.fragment:
            near_fragment.update(range(max(0, f - _MAX_SPAN + 1), f + 1))
    starts = sorted(near_fragment | {i for i, (_, _, w) in enumerate(words) if w.phrase_words})
    hits: list[tuple[int, int, str, int]] = []
    budget = _MAX_JOINS
    for s in starts:
        text = words[s][2].joined
        fragment, listed = words[s][2].fragment, bool(words[s][2].hits)
        for e in range(s + 1, min(len(words), s + _MAX_SPAN)):
            budget -= 1
            w = words[e][2]
            text += w.joined
            fragment, listed = fragment or w.fragment, listed or bool(w.hits)
            if budget < 0 or not _viable(text):
                break
            m = None
            if e - s < words[s][2].phrase_words:
                m = _match(text, phrase=True)
            # a word of its own listed ("fuck u") is the hit, not the words joined ("fucku")
            if m is None and fragment and not listed:
                m = _match(text, roots=False)
            if m:
                hits.append((words[s][0], words[e][1], m[0], m[1]))
    return hits


def _in_text(found: list[tuple[int, int, str, int]], where, length: int) -> list[tuple[int, int, str, int]]:
    """Hits moved from folded positions to positions in the text (marks after a word's last letter go with it)."""
    out = []
    n = len(where)
    for s, e, word, sev in sorted(found):
        start = where[s]
        end = where[e] if e < n else length
        out.append((start, max(end, where[e - 1] + 1), word, sev))
    return out


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each character inside a span shown as '✱' (marks and invisible ones dropped)."""
    hidden = bytearray(len(text))
    for start, end in spans:
        hidden[start:end] = b"\x01" * (end - start)
    out = []
    for ch, h in zip(text, hidden):
        if not h:
            out.append(ch)
        elif ch.isascii() or _fold_char(ch):
            out.append(MASK_CHAR)
    return "".join(out)
