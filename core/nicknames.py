"""Nicknames: validated at the edge, never an impostor or a rude word, always shown as plain text."""
from __future__ import annotations

import random
import re
import unicodedata
from typing import Iterable

from core.i18n import Explained
from core.profanity import is_blocked

MAX_NICKNAME = 24
_SPACES = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_PARENS = re.compile(r"\s*\([^()]*\)\s*")

# Names a person may not take, whatever the line-up: the game's own roles, and every provider and model family.
RESERVED = ("admin", "administrator", "host", "moderator", "mod", "staff", "system", "server", "official",
            "pictionary", "pictionary arena", "referee", "judge", "anonymous", "nobody", "somebody",
            "claude", "anthropic", "gpt", "chatgpt", "openai", "gemini", "google", "bard", "sketch", "sketch cnn",
            "offline", "offline model", "model", "ai", "bot", "llama", "ollama", "mistral")
# What an impostor puts around a reserved name: "Claude 2", "the real GPT", "Gemini bot".
_AROUND = ("the", "real", "official", "iam", "im", "its", "bot", "ai", "model", "offline", "online", "assistant",
           "llm", "pro", "mini", "flash", "lite", "turbo", "new", "v", "x", "s")
# Letters that look alike (Unicode TR39 in spirit): Cyrillic and Greek homoglyphs, and digits and signs for letters.
_LOOKALIKE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ӏ": "l", "ԛ": "q", "ԝ": "w",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ϲ": "c", "ℓ": "l", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe",
    "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s", "|": "l",
    "!": "l", "€": "e", "£": "l",
})
KIND = ("kind", "brave", "calm", "clever", "cosy", "curious", "daring", "eager", "gentle", "happy", "jolly", "keen",
        "lucky", "merry", "mighty", "nimble", "patient", "plucky", "polite", "proud", "quick", "quiet", "sunny",
        "swift", "tidy", "witty", "bright", "bold", "cheerful", "friendly", "sparkly", "zesty")
CREATURES = ("tiger", "otter", "panda", "koala", "heron", "badger", "beaver", "falcon", "gecko", "hedgehog", "lemur",
             "lynx", "moose", "narwhal", "owl", "parrot", "penguin", "puffin", "rabbit", "robin", "salmon", "seal",
             "sparrow", "squirrel", "swan", "turtle", "walrus", "whale", "wombat", "yak", "zebra", "fox")


class BadNickname(Explained):
    """That nickname cannot be used."""

    key = "rules.nickname_bad"


class ImpostorName(BadNickname):
    """That nickname is, or looks like, one of the guessers or the hosts: pick one of your own."""

    key = "rules.nickname_impostor"


class RudeNickname(BadNickname):
    """That nickname is not allowed here: pick another one."""

    key = "rules.nickname_rude"


def clean_nickname(raw: object) -> str:
    """The nickname to store, or BadNickname with a message the player can act on."""
    if not isinstance(raw, str):
        raise BadNickname("Please type a nickname.", key="rules.nickname_missing")
    text = unicodedata.normalize("NFKC", raw)
    for ch in text:
        cat = unicodedata.category(ch)
        if ch not in " \t" and cat in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"):
            raise BadNickname("Nicknames cannot contain control or invisible characters.", key="rules.nickname_invisible")
    text = _SPACES.sub(" ", text).strip()
    if not text:
        raise BadNickname("Please type a nickname.", key="rules.nickname_missing")
    if len(text) > MAX_NICKNAME:
        raise BadNickname(f"Nicknames are at most {MAX_NICKNAME} characters.", key="rules.nickname_long",
                          count=MAX_NICKNAME)
    return text


def skeleton(text: str) -> str:
    """What a name looks like, letters only: case, accents, spacing, punctuation and look-alike letters folded."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LOOKALIKE)
    text = "".join(ch for ch in text if ch.isalnum())
    return text.replace("rn", "m").replace("vv", "w")


def _bare(skel: str, around: tuple[str, ...]) -> str:
    """A skeleton without the decorations an impostor adds around a name (and the digits of a version)."""
    changed = True
    while changed and skel:
        changed = False
        trimmed = skel.rstrip("0123456789")
        if trimmed != skel:
            skel, changed = trimmed, True
        for word in around:
            if len(word) > 1 and len(skel) > len(word) and skel.startswith(word):  # "simon" is not "s" + "imon"
                skel, changed = skel[len(word):], True
            if len(skel) > len(word) and skel.endswith(word):
                skel, changed = skel[: -len(word)], True
    return skel


def reserved_names(lineup: Iterable[str]) -> frozenset[str]:
    """The skeletons no nickname may have: the reserved words, and each guesser's display name, with and without
    its model id in brackets, and that model id."""
    names = set(RESERVED)
    for name in lineup:
        names.add(name)
        names.add(_PARENS.sub(" ", name).strip())
        names.update(re.findall(r"\(([^()]*)\)", name))
    skels = {skeleton(n) for n in names}
    return frozenset(s for s in skels | {_bare(s, _AROUND) for s in skels} if s)


def is_impostor(nickname: str, reserved: frozenset[str]) -> bool:
    """Whether a nickname is, or looks like, a reserved name (case, spacing, digits and look-alike letters aside)."""
    skel = skeleton(nickname)
    # "Claude1" is an impostor, "C1aude" too (1 reads as l); a version number or a "bot" around the name as well.
    candidates = {skel, _bare(skel, _AROUND), _bare(_digits_dropped(nickname), _AROUND)}
    return any(c in reserved for c in candidates if c)


def _digits_dropped(text: str) -> str:
    return skeleton("".join(ch for ch in text if not ch.isdigit()))


def check_nickname(raw: object, reserved: frozenset[str], level: str) -> str:
    """A nickname a person may use: tidy (BadNickname), no impostor (ImpostorName), no rude word at the filter's
    `level` (RudeNickname)."""
    name = clean_nickname(raw)
    if is_impostor(name, reserved):
        raise ImpostorName()
    if is_blocked(name, level) or is_blocked(skeleton(name), level):
        raise RudeNickname()
    return name


def generated_nickname(rng: random.Random) -> str:
    """A friendly nickname such as "Kind Tiger" (the host may require these)."""
    return f"{rng.choice(KIND).capitalize()} {rng.choice(CREATURES).capitalize()}"


def as_markdown_text(text: str) -> str:
    """Escape text so Markdown shows it literally (HTML and markup stay text)."""
    return _MD_SPECIAL.sub(r"\\\1", text)
