"""The one catalogue of what a person reads, in every language the app speaks, and how a visitor's language is chosen.

Messages live in `core/locales/<area>.py`, one `MESSAGES = {key: {lang: text}}` per area (home, live, room, ...);
each key starts with its area's name and holds every language in LANGUAGES. Texts are `str.format` templates:
`t("de", "home.welcome", name="Sam")`. tests/test_i18n.py checks every key has every language and the same fields.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import string
from functools import lru_cache

LANGUAGES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "it": "Italiano"}
DEFAULT_LANGUAGE = "en"
_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


# How each language writes the decimal point and the thousands separator of a number a message fills in.
_NUMBERS = {"en": None, "de": str.maketrans(".,", ",."), "es": str.maketrans(".,", ",."), "it": str.maketrans(".,", ",."),
            "fr": str.maketrans(".,", ",\u202f")}


class _Numbers(string.Formatter):
    """str.format that writes the numbers it fills in as `lang` does ("8.9 s" in English, "8,9 s" in German)."""

    def __init__(self, lang: str):
        self.table = _NUMBERS.get(lang)

    def format_field(self, value: object, spec: str) -> str:
        text = super().format_field(value, spec)
        if self.table and isinstance(value, (int, float)) and not isinstance(value, bool):
            return text.translate(self.table)
        return text


class UnknownLanguage(ValueError):
    """That language is not one the app speaks."""


class MissingMessage(KeyError):
    """No message with that key in the catalogue."""


class BadCatalogue(ValueError):
    """A locales module breaks the catalogue's shape (a key outside its area, a language missing, fields differ)."""


def fields(text: str) -> frozenset[str]:
    """The named fields a message template fills (`{name}` -> "name")."""
    return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every message of every area, checked: {key: {lang: text}} (BadCatalogue if an area breaks the shape)."""
    import core.locales as package

    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        area = info.name
        messages = importlib.import_module(f"core.locales.{area}").MESSAGES
        for key, texts in messages.items():
            if not key.startswith(area + "."):
                raise BadCatalogue(f"{key!r} is in core/locales/{area}.py but does not start with {area + '.'!r}")
            if set(texts) != set(LANGUAGES):
                raise BadCatalogue(f"{key!r} has {sorted(texts)}, not every language of {sorted(LANGUAGES)}")
            want = fields(texts[DEFAULT_LANGUAGE])
            for lang, text in texts.items():
                if fields(text) != want:
                    raise BadCatalogue(f"{key!r} in {lang} fills {sorted(fields(text))}, English fills {sorted(want)}")
            merged[key] = dict(texts)
    return merged


def language(code: object) -> str:
    """The language a code names ("de", "de-AT", "DE_ch" -> "de"); UnknownLanguage if the app does not speak it."""
    match = _TAG.match(str(code or ""))
    lang = match.group(1).lower() if match else ""
    if lang not in LANGUAGES:
        raise UnknownLanguage(UnknownLanguage.__doc__)
    return lang


def from_accept_language(header: object) -> str | None:
    """The best language the app speaks from an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8"), or None."""
    ranked = []
    for position, part in enumerate(str(header or "")[:1000].split(",")[:30]):
        tag, _, params = part.partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        try:
            lang = language(tag)
        except UnknownLanguage:
            continue
        if q > 0:
            ranked.append((-q, position, lang))
    return min(ranked)[2] if ranked else None


def choose_language(*candidates: object) -> str:
    """The first candidate the app speaks (a chooser's or URL's code, the session's, the browser's locale), else
    English. An Accept-Language header can be given as one candidate: its best match counts."""
    for candidate in candidates:
        try:
            return language(candidate)
        except UnknownLanguage:
            best = from_accept_language(candidate) if isinstance(candidate, str) and "," in candidate else None
            if best:
                return best
    return DEFAULT_LANGUAGE


def t(lang: str, key: str, /, **values: object) -> str:
    """The message `key` in `lang` (English if `lang` is unknown), filled with `values`."""
    try:
        texts = catalogue()[key]
    except KeyError:
        raise MissingMessage(key) from None
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if not (values or "{" in text):
        return text
    return _Numbers(lang).format(text, **values) if lang in _NUMBERS and lang != DEFAULT_LANGUAGE else \
        text.format(**values)


@lru_cache(maxsize=64)
def bundle(lang: str, *areas: str) -> dict[str, str]:
    """Every message of these areas in `lang` as {key: text}: what a page hands its JavaScript component (built once
    per language and areas: the drawer's page asks on every rerun; callers read it, never change it)."""
    prefixes = tuple(area + "." for area in areas)
    return {key: texts.get(lang) or texts[DEFAULT_LANGUAGE] for key, texts in catalogue().items()
            if key.startswith(prefixes)}


class Explained(Exception):
    """A refusal a person reads: English words for the logs, a catalogue key and its fields for their language."""

    key = ""  # the class's own message in the catalogue (in English, its docstring)

    def __init__(self, message: str = "", *, key: str = "", **values: object):
        super().__init__(*((message,) if message else ()))
        self.key = key or type(self).key
        self.values = values


def explain(exc: BaseException, lang: str) -> str:
    """What an exception tells a person in `lang`: its catalogue message when it has one, else its own words (or
    its docstring)."""
    key = getattr(exc, "key", "")
    if key:
        return t(lang, key, **getattr(exc, "values", {}))
    return str(exc) or (type(exc).__doc__ or "")
