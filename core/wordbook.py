"""Which words a game can get: words.txt or the event list in use, a player's pack and difficulty, no repeats.

The database is the truth every process shares: event lists and which one is in use live there
(`word_lists`), and a game row records the list, the difficulty its word had and the pack chosen. This
module reads them through short caches, so a page never waits long and a switch reaches every process
within `ACTIVE_TTL` seconds.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from core.difficulty import LEVEL_NAMES, LEVELS, DifficultyTable, check_level, load_table, word_levels
from core.judge import canonical, normalize
from core.uploads import Limits, bounded_lines
from core.words import (
    MAX_WORDS,
    TRANSLATED,
    NoWordsLeft,
    Word,
    WordsFileError,
    find_translated,
    find_word,
    fresh_words,
    in_pack,
    pack_names,
    parse_words,
    shipped_translations,
    translate,
)

log = logging.getLogger(__name__)

DEFAULT_LIST = "default"
MAX_LIST_NAME = 60
ACTIVE_TTL = 2.0  # seconds a process trusts its reading of which list is in use
LEVELS_TTL = 60.0  # seconds a list's levels (from the table and the played games) are kept
MEMO_KEPT = 4096  # words and vocabularies remembered (a game's word per list and language, a vocabulary per list and language)
# An event list upload: far above any real list (MAX_WORDS words with aliases), far below harm.
LIST_LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_lines=4 * MAX_WORDS, max_line=1024)


class BadWordList(Exception):
    """That word list cannot be used."""


class UnknownPack(Exception):
    """That pack is not in the word list in use."""


@dataclass(frozen=True)
class WordList:
    """A list of words a game can get: words.txt (`default`) or an event list (`event-ID`)."""

    key: str
    name: str
    words: tuple[Word, ...]

    @property
    def packs(self) -> list[str]:
        """Its pack names, in file order."""
        return pack_names(self.words)

    @property
    def vocabulary(self) -> tuple[str, ...]:
        """Every name of every word, for the judge's longer-phrase rule."""
        return tuple(n for w in self.words for n in w.names)


@dataclass(frozen=True)
class Choice:
    """What a player asked for: a pack and a difficulty (None: any)."""

    pack: str | None = None
    level: str | None = None

    def describe(self) -> str:
        """'Hard words of the animals pack', 'words' for any."""
        level = f"{LEVEL_NAMES[self.level]} " if self.level else ""
        pack = f" of the {self.pack} pack" if self.pack else ""
        return f"{level}words{pack}"


@dataclass(frozen=True)
class Pick:
    """The word a game gets, from which list, and the difficulty it had."""

    word: Word
    list_key: str
    level: str | None


def check_choice(pack: object, level: object, packs: Sequence[str]) -> Choice:
    """A choice from widgets or a URL: unknown packs and levels are refused (UnknownPack, UnknownLevel)."""
    level_v = check_level(level)
    if pack is None or (isinstance(pack, str) and pack.strip().lower() in ("", "any")):
        return Choice(None, level_v)
    if not isinstance(pack, str) or pack.strip().lower() not in packs:
        raise UnknownPack(str(pack)[:40])
    return Choice(pack.strip().lower(), level_v)


def event_list(name: str, text: str, source: str = "the list") -> tuple[str, tuple[Word, ...]]:
    """Validate an event list exactly as words.txt is: (its clean name, its words), or WordsFileError."""
    clean = " ".join(str(name or "").split())
    if not clean or len(clean) > MAX_LIST_NAME or any(not ch.isprintable() for ch in clean):
        raise BadWordList(f"Give the list a name of 1 to {MAX_LIST_NAME} characters.")
    return clean, parse_words(text, source=source)


def read_list_file(data: bytes, source: str) -> str:
    """An uploaded word list (plain or gzip) as text, read under LIST_LIMITS: UploadRefused past a cap,
    WordsFileError naming an overlong line."""
    lines = []
    for line in bounded_lines(data, LIST_LIMITS):
        if line.text is None:
            raise WordsFileError(f"{source}:{line.number}: the line is longer than {LIST_LIMITS.max_line:,} characters")
        lines.append(line.text)
    return "".join(lines).removeprefix("\ufeff")


def unknown_words(words: Sequence[Word], known: frozenset[str]) -> list[str]:
    """Words none of whose names the offline model knows: it sits their games out."""
    return [w.text for w in words if not any(normalize(n) in known for n in w.names)]


class WordBook:
    """The word lists of this arena and how a game's word is picked from them."""

    def __init__(self, store: Any, default: Sequence[Word], table: DifficultyTable | None = None,
                 known: frozenset[str] | None = None, clock: Any = time.monotonic,
                 standard_seconds: float | None = None, translations: Any = None):
        self.store = store
        self._translations = translations  # {lang: {concept: Word}}; None: core/wordpacks/, read when first asked
        self.standard_seconds = standard_seconds  # games longer than this ("more time") do not rate a word
        self.default = WordList(DEFAULT_LIST, "words.txt", tuple(default))
        self.table = table if table is not None else load_table()
        self.known = known if known is not None else frozenset(normalize(n) for w in default for n in w.names)
        self.clock = clock
        self._lock = threading.Lock()
        self._active: tuple[float, dict | None] = (-1e18, None)
        self._lists: dict[str, WordList] = {}
        self._levels: dict[str, tuple[float, dict[str, str | None]]] = {}
        self._memo: dict[tuple, tuple[WordList, Any]] = {}  # (what, list key, ...) -> (the list it was made from, it)

    # -- the lists --------------------------------------------------------------------------------

    def get(self, key: str | None) -> WordList:
        """A list by key (words.txt for None, `default`, or an event list that no longer exists)."""
        if not key or key == DEFAULT_LIST or not key.startswith("event-"):
            return self.default
        with self._lock:
            if key in self._lists:
                return self._lists[key]
        try:
            row = self.store.word_list(int(key.removeprefix("event-")))
            wl = WordList(key, row["name"], parse_words(row["body"], source=row["name"])) if row else None
        except (ValueError, WordsFileError) as exc:
            log.error("event list %s cannot be read (%s): using words.txt", key, exc)
            wl = None
        if wl is None:
            return self.default
        with self._lock:
            self._lists = {**dict(list(self._lists.items())[-15:]), key: wl}
        return wl

    def active_row(self) -> dict | None:
        """The event list in use (id, name, scope), read at most every ACTIVE_TTL seconds."""
        at, row = self._active
        if self.clock() - at < ACTIVE_TTL:
            return row
        row = self.store.active_word_list()
        self._active = (self.clock(), row)
        return row

    def active(self, room: bool = False) -> WordList:
        """The list a new game gets: the event list in use for everyone (or for the room's games, when
        `room`), else words.txt."""
        row = self.active_row()
        if row and (row["active"] == "all" or (row["active"] == "room" and room)):
            return self.get(f"event-{row['id']}")
        return self.default

    def switched(self) -> None:
        """This process changed the list in use: read it again now."""
        self._active = (-1e18, None)

    # -- difficulty ---------------------------------------------------------------------------------

    def levels(self, wl: WordList) -> dict[str, str | None]:
        """Each word's level in a list (the model's table blended with that list's played games)."""
        at, levels = self._levels.get(wl.key, (-1e18, {}))
        if self.clock() - at < LEVELS_TTL:
            return levels
        games: dict[str, list[dict]] = {}
        for g in self.store.word_results(wl.key, longest=self.standard_seconds):
            games.setdefault(canonical(g["word"]), []).append(g)
        levels = word_levels([w.text for w in wl.words], self.table, games)
        self._levels[wl.key] = (self.clock(), levels)
        return levels

    def by_level(self, wl: WordList) -> dict[str | None, list[str]]:
        """The list's words grouped by level (None: not rated yet), alphabetically."""
        levels = self.levels(wl)
        out: dict[str | None, list[str]] = {lv: [] for lv in (*LEVELS, None)}
        for w in sorted(wl.words, key=lambda w: w.text.lower()):
            out[levels.get(w.text)].append(w.text)
        return out

    # -- picking -----------------------------------------------------------------------------------

    def candidates(self, wl: WordList, choice: Choice) -> list[Word]:
        """The list's words in the chosen pack and of the chosen level."""
        words = in_pack(wl.words, choice.pack)
        if choice.level is None:
            return words
        levels = self.levels(wl)
        return [w for w in words if levels.get(w.text) == choice.level]

    def fresh(self, player_id: str, choice: Choice, room: bool = False) -> list[Word]:
        """The words of the choice the player has not had."""
        return fresh_words(self.candidates(self.active(room), choice), self.store.words_for_player(player_id))

    def pick(self, player_id: str, choice: Choice, room: bool, rng: random.Random) -> Pick:
        """A word the player has not had, of their choice; when the list in use changed since they chose and
        the choice has nothing left in it, any word of it they have not had. NoWordsLeft when none."""
        wl = self.active(room)
        seen = self.store.words_for_player(player_id)
        fresh = fresh_words(self.candidates(wl, choice), seen)
        if not fresh and choice.pack is not None and choice.pack not in wl.packs:
            fresh = fresh_words(self.candidates(wl, Choice(None, choice.level)), seen)
        if not fresh:
            raise NoWordsLeft(f"You have drawn every one of our {choice.describe()}.")
        word = rng.choice(fresh)
        return Pick(word, wl.key, self.levels(wl).get(word.text))

    def word_of(self, text: str, list_key: str | None = None, lang: str = "en") -> Word:
        """A game's word with its aliases and packs, from its own list, in `lang` (words.txt's words only:
        an event list's are used as written)."""
        wl = self.get(list_key)
        return self._remembered(("word", wl.key, text, lang), wl, lambda: self._word_of(wl, text, lang))

    def _word_of(self, wl: WordList, text: str, lang: str) -> Word:
        own = find_word(wl.words, text)
        if own is not None and wl is not self.default:
            return own  # an event list's words are used as written, in any language
        table = self.translations(lang)
        word = own or find_word(self.default.words, text) or (table and find_translated(table, text)) or Word(text)
        return translate(word, lang, {lang: table}) if table else word

    def _remembered(self, key: tuple, wl: WordList, make: Callable[[], Any]) -> Any:
        """What `make` gives for this key and list, made once per list read (every guess asks for its game's word and
        the judge's vocabulary; a list read again, changed or not, is a new object and is asked again)."""
        hit = self._memo.get(key)
        if hit is not None and hit[0] is wl:
            return hit[1]
        value = make()
        if len(self._memo) >= MEMO_KEPT:
            self._memo.clear()
        self._memo[key] = (wl, value)
        return value

    def vocabulary(self, list_key: str | None = None, lang: str = "en") -> tuple[str, ...]:
        """The names the judge knows for a game of this list in `lang`: words.txt's (translated) and the list's."""
        wl = self.get(list_key)
        return self._remembered(("vocabulary", wl.key, lang), wl, lambda: self._vocabulary(wl, lang))

    def _vocabulary(self, wl: WordList, lang: str) -> tuple[str, ...]:
        table = self.translations(lang)
        default = tuple(n for w in self.default.words for n in translate(w, lang, {lang: table}).names) \
            if table else self.default.vocabulary
        return default if wl is self.default else tuple(dict.fromkeys((*default, *wl.vocabulary)))

    def translations(self, lang: str) -> Mapping[str, Word]:
        """words.txt's words in `lang` by concept ({} for English or a language core/wordpacks/ lacks)."""
        if lang == "en" or lang not in TRANSLATED:
            return {}
        if self._translations is None:
            self._translations = shipped_translations()
        return self._translations.get(lang, {})

    def game_words(self, list_key: str | None) -> tuple[Word, ...] | None:
        """The words a list-answering guesser answers from in a game of this list (None: its own)."""
        wl = self.get(list_key)
        return None if wl is self.default else wl.words

    # -- event lists (the Admin page) ----------------------------------------------------------------

    def add_event_list(self, name: str, text: str, now: float) -> tuple[int, list[str]]:
        """Validate and keep an event list (not in use yet): its id and the words the offline model
        does not know. WordsFileError or BadWordList leave everything as it was."""
        clean, words = event_list(name, text, source=name.strip()[:MAX_LIST_NAME] or "the list")
        if len(words) > MAX_WORDS:
            raise BadWordList(f"At most {MAX_WORDS} words.")
        unknown = unknown_words(words, self.known)
        return self.store.add_word_list(clean, text, len(words), len(unknown), now), unknown

    def use(self, list_id: int | None, scope: str = "all") -> bool:
        """Put an event list in use (for everyone, or the room's games only), or words.txt (None)."""
        done = self.store.activate_word_list(list_id, scope)
        self.switched()
        return done
