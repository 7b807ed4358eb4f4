"""Who may see what of a game: the one rule every route, page, export and the audience follow.

A game is *watchable* when moderation does not hide it and no model declined its drawing (unless an
admin approved it since). Its player and a signed-in host see it whatever its state. Until a game
ends, its word and aliases reach only its player and a host: a guess that names the word (a right one
that came late, a "cat or dog", a "house plant") is withheld from everybody else, and no reason ever
carries the word (the judge writes none that does). In a game played in another language than English,
the word is the translated one and the English concept gives it away as surely ("dog" in a game of
"Hund"). A host's hidden guesses, people's guesses still waiting for approval and the filter's blocked
words are kept from every view but the host's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from core.judge import mentions
from core.profanity import blocks, mask
from core.store import ACTIVE

WITHHELD = "(withheld until the game ends)"
WITHHELD_WHY = "it names the word"
PENDING = "pending"
REJECTED = "rejected"


@dataclass(frozen=True)
class Viewer:
    """Who is looking: a player (their id, when known), and whether they are a signed-in host."""

    player_id: str | None = None
    host: bool = False


ANYONE = Viewer()
HOST = Viewer(host=True)


def running(game: dict) -> bool:
    """Whether the game is still being played."""
    return game["status"] == ACTIVE


def declined(game: dict, refused: bool) -> bool:
    """Whether a model declined the drawing (`refused`) and no admin has approved it since."""
    return refused and game.get("moderation") != "approved"


def watchable(game: dict | None, refused: bool) -> bool:
    """Whether anyone may watch a game: it exists, moderation does not hide it, and no model declined it."""
    return game is not None and not game["hidden"] and not declined(game, refused)


def is_player(game: dict | None, viewer: Viewer) -> bool:
    """Whether the viewer drew this game."""
    return game is not None and viewer.player_id is not None and viewer.player_id == game["player_id"]


def may_see(game: dict | None, refused: bool, viewer: Viewer) -> bool:
    """Whether this viewer may see this game at all."""
    return game is not None and (viewer.host or is_player(game, viewer) or watchable(game, refused))


def sees_word(game: dict, viewer: Viewer) -> bool:
    """Whether this viewer may read the game's word: once it is over, or its player, or a host."""
    return not running(game) or viewer.host or is_player(game, viewer)


def shareable(game: dict | None, refused: bool) -> bool:
    """Whether a game may be shared (its share page, card and replay): it is over and anyone may watch it."""
    return game is not None and not running(game) and watchable(game, refused)


def shows_to(row: dict, viewer: Viewer) -> bool:
    """Whether one guess row reaches this viewer: a host sees all; nobody else a hidden guess or a person's
    guess the host has not approved (but its own author does)."""
    if viewer.host:
        return True
    if row.get("hidden"):
        return False
    if row.get("human") and row.get("approval") in (PENDING, REJECTED):
        return viewer.player_id is not None and viewer.player_id == row.get("player_id")
    return True


def shown_guesses(rows: Sequence[dict], game: dict, viewer: Viewer, names: Sequence[str], level: str) -> list[dict]:
    """The guess rows this viewer may see, as they may see them: the word withheld until the game ends (unless
    they may read it), blocked words masked (unless a host looks). `names` are the word and its aliases (and in a
    game in another language, the English concept's: core.lobby.Lobby.hidden_names)."""
    word_ok = sees_word(game, viewer)
    word, aliases = (names[0], tuple(names[1:])) if names else (game["word"], ())
    lang = game.get("lang") or "en"
    out = []
    for row in rows:
        if not shows_to(row, viewer):
            continue
        if not word_ok and (row.get("correct") or (row.get("text") and mentions(row["text"], word, aliases, lang=lang))):
            row = dict(row, text=WITHHELD, reason=WITHHELD_WHY, correct=0, won=0, normalized="")
        elif not viewer.host and blocks(row.get("profanity") or 0, level):
            row = dict(row, text=mask(row["text"], level) if row.get("text") else row.get("text"),
                       error=mask(row["error"], level) if row.get("error") else row.get("error"))
        out.append(row)
    return out
