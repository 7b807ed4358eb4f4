"""What the play page sends and shows: canvas frames to the pool, countdown, guess lines, results."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any, Sequence

from core.difficulty import LEVEL_NAMES
from core.guess_rows import say_reason
from core.guessers import key_settings_text
from core.i18n import t
from core.images import CANVAS_SIZE, MAX_PNG_SIDE, BadImage, decode_png, encode_png, ink_pixels, png_info
from core.nicknames import as_markdown_text
from core.pool import GameNotRunning, GameSnapshot, GuesserPool, GuessView
from core.visibility import running

log = logging.getLogger(__name__)


NO_KEY_NOTICE = t("en", "play.no_key_notice", keys=key_settings_text())
BUDGET_NOTICE = t("en", "play.budget_notice")


def lineup_notice(paid_guessers: int, spend_allowed: bool, lang: str = "en") -> str | None:
    """Why fewer models than usual are playing, if they are."""
    if not paid_guessers:
        return t(lang, "play.no_key_notice", keys=key_settings_text(lang))
    return None if spend_allowed else t(lang, "play.budget_notice")


def browser_frame(raw: bytes, max_side: int = MAX_PNG_SIDE) -> tuple[bytes, int]:
    """The canvas PNG the browser sent, flattened onto white as a compact greyscale PNG, and its ink; BadImage
    (before any decoding) when it is not a PNG or is larger than `max_side` on a side."""
    info = png_info(raw)
    if info.width > max_side or info.height > max_side:
        raise BadImage(f"a {info.width}x{info.height} picture is larger than the {max_side} px canvas")
    im = decode_png(raw)
    return encode_png(im), ink_pixels(im)


class NotYourGame(Exception):
    """Reload the page: this canvas is not the one of your game."""


def take_preview(engine: "Any", game_id: str, player_id: str | None, raw: bytes) -> bool:
    """A frame of the stroke still being drawn, from the player's canvas: to the pool if the game runs here; True
    if it went. NotYourGame, GameNotRunning or BadImage say why not."""
    game = engine.store.get_game(game_id)
    if game is None or player_id is None or player_id != game["player_id"]:
        raise NotYourGame()
    if not engine.pool.is_running(game_id):
        raise GameNotRunning(game_id)
    frame, ink = browser_frame(raw, max_side=CANVAS_SIZE)
    if not ink:  # a blank canvas has nothing to guess
        return False
    engine.pool.submit_frame(game_id, frame, ink=ink)
    return True


def browser_frame_png(raw: bytes) -> bytes:
    """The canvas PNG the browser sent, flattened onto white as a compact greyscale PNG."""
    return browser_frame(raw)[0]


class CanvasFeed:
    """One player's canvas reruns handed to the pool (which paces them); never waits on a model."""

    def __init__(self, pool: GuesserPool, game_id: str):
        self.pool = pool
        self.game_id = game_id
        self.last_key: bytes | None = None
        self.sent = 0
        self.rejected = 0

    def offer(self, raw: bytes | None) -> bool:
        """A canvas rerun produced `raw` (the browser's PNG); True if a changed frame went to the pool."""
        if not raw:
            return False
        key = hashlib.blake2b(raw, digest_size=16).digest()
        if key == self.last_key:
            return False
        try:
            png, ink = browser_frame(raw)
            if not ink and not self.sent:  # the blank canvas as it mounts: nothing to show or guess yet
                self.last_key = key
                return False
            self.pool.submit_frame(self.game_id, png, ink=ink)
        except BadImage as exc:
            self.rejected += 1
            log.warning("ignored a canvas frame for game %s: %s", self.game_id, exc)
            return False
        except GameNotRunning:
            return False
        self.last_key = key
        self.sent += 1
        return True


def games_at_once(n: int, lang: str = "en") -> str:
    """The concurrency cap in words: "At most 1 game runs at once", "At most 2 games run at once"."""
    return t(lang, "play.games_at_once_one" if n == 1 else "play.games_at_once_many", n=n)


def level_name(level: object, lang: str = "en") -> str:
    """A difficulty level in words ("easy" -> "Easy", "Leicht"); "Any" for no level or an unknown one."""
    return t(lang, f"play.level.{level}" if level in LEVEL_NAMES else "play.level.any")


@dataclass(frozen=True)
class GuessLine:
    """One guess as a line on the play page."""

    guesser: str
    text: str
    mark: str
    detail: str
    at: float  # seconds since the game started
    won: bool
    human: bool = False


def guess_lines(snapshot: "GameSnapshot | Sequence[GuessView] | None", started_at: float,
                lang: str = "en") -> list[GuessLine]:
    """A game's guesses (a pool snapshot, or guesses read back from the store), newest first, each with a
    mark and the judge's reason or the error."""
    if snapshot is None:
        return []
    lines = []
    for g in (snapshot.guesses if isinstance(snapshot, GameSnapshot) else snapshot):
        if g.refused:
            mark, text, detail = "🚫", t(lang, "play.declined"), g.error or t(lang, "play.refusal")
        elif g.error and not g.text:
            mark, text, detail = "⚠️", t(lang, "play.no_answer"), g.error
        elif g.won:
            mark, text, detail = "✅", g.text or "", say_reason(g.reason, lang)
        elif g.correct:
            mark, text, detail = "☑️", g.text or "", say_reason(g.reason, lang)
        else:
            mark, text, detail = "❌", g.text or "", say_reason(g.reason, lang)
        lines.append(GuessLine(g.guesser, text, mark, detail, max(0.0, g.created_at - started_at), g.won, g.human))
    lines.reverse()
    return lines


def result_guesses(rows: Sequence[dict], started_at: float, lang: str = "en") -> list[dict]:
    """A finished game's guesses for its result screen, in the order they came: when, who, what, why."""
    lines = reversed(guess_lines([GuessView.from_row(r) for r in rows], started_at, lang))
    at, who, said, why = (t(lang, f"play.col_{c}") for c in ("at", "who", "said", "why"))
    return [{at: round(g.at, 1), "": g.mark, who: guesser_label(g.guesser, g.human, lang), said: g.text,
             why: g.detail} for g in lines]


def word_caption(game: dict, lang: str = "en") -> str | None:
    """'Easy word · animals pack' for a game's word, or None when neither is known."""
    level = game.get("difficulty")
    parts = [t(lang, "play.level_word", level=level_name(level, lang)) if level in LEVEL_NAMES else "",
             t(lang, "play.pack", pack=game["pack"]) if game.get("pack") else ""]
    return " · ".join(p for p in parts if p) or None


PERSON = "👤"  # marks a person in the room wherever a guesser is listed beside the models


def choice_text(pack: str | None, level: str | None, lang: str = "en") -> str:
    """A word choice in words, as core.wordbook's Choice.describe() says it: 'Hard words of the animals pack'."""
    key = "play.choice." + ("level_pack" if level and pack else "level" if level else "pack" if pack else "any")
    return t(lang, key, level=level_name(level, lang), pack=pack)


def guesser_label(name: str, human: bool, lang: str = "en") -> str:
    """A guesser as lists show it: a person's nickname carries the person mark, a model's name does not."""
    return t(lang, "play.person", mark=PERSON, name=name) if human else name


def result_summary(game: dict, lang: str = "en") -> tuple[str, str]:
    """A headline (plain text: escape it before Markdown) and a detail line (Markdown, the word escaped)."""
    word = as_markdown_text(str(game.get("word", "?")))
    status = game.get("status")
    was = t(lang, "play.word_was", word=word)
    seconds = game.get("duration_s") or 0
    if status == "won" and game.get("winner_human"):
        return t(lang, "play.won_human", mark=PERSON, winner=game.get("winner"), seconds=seconds), was
    if status == "won":
        return t(lang, "play.won", winner=game.get("winner"), seconds=seconds), was
    if status == "timeout":
        return t(lang, "play.timeout"), t(lang, "play.timeout_detail", word=word)
    if status == "quit":
        return t(lang, "play.quit"), was
    if status == "abandoned":
        return t(lang, "play.abandoned"), was
    return t(lang, "play.running"), ""


def written_note(game: dict, lang: str = "en") -> str | None:
    """Why a game with its word written in the drawing is kept off the leaderboard, or None."""
    if not game.get("wrote_word"):
        return None
    confirmed = t(lang, "play.written_confirmed") if game.get("wrote_word_review") == "confirmed" else ""
    return t(lang, "play.written_note", read=game.get("wrote_word_text") or "",
             frame=game.get("wrote_word_frame") or "?", confirmed=confirmed)


def strip_indices(count: int, k: int) -> list[int]:
    """Up to k indices spread evenly over count frames, always including the last."""
    if count <= 0 or k <= 0:
        return []
    if count <= k:
        return list(range(count))
    return sorted({round(i * (count - 1) / (k - 1)) for i in range(k)}) if k > 1 else [count - 1]


def schedule_followed(guesses: Sequence[dict], started_at: float, lang: str = "en") -> list[dict]:
    """Per guesser, the frames it saw and when: the schedule it followed in one game (from its guess rows), its
    columns titled in `lang`."""
    rows: dict[str, dict] = {}
    for g in sorted(guesses, key=lambda r: (r["requested_at"] or r["created_at"], r["id"])):
        row = rows.setdefault(g["guesser"], {"guesser": g["guesser"], "guesses": 0, "frames": [], "at": []})
        row["guesses"] += 1
        row["frames"].append(int(g["frame_seq"] or 0))
        row["at"].append(round(max(0.0, (g["requested_at"] or g["created_at"]) - started_at), 1))
    title = {column: t(lang, f"game.saw_{column}") for column in ("guesser", "guesses", "frames", "at")}
    return [{title["guesser"]: r["guesser"], title["guesses"]: r["guesses"],
             title["frames"]: ", ".join(map(str, r["frames"])),
             title["at"]: ", ".join(f"{s:.1f}" for s in r["at"])} for r in rows.values()]


RESULT_SHOWN_SECONDS = 600.0


def shows_result(last_game: dict | None, now: float) -> bool:
    """Whether the play page greets a returning player with their last game's result."""
    return bool(last_game and not running(last_game)
                and now - (last_game["ended_at"] or 0) < RESULT_SHOWN_SECONDS)


def resting_notice(until: float, now: float, lang: str = "en") -> str:
    """The polite words for a player resting under the moderation rules (PlayerResting)."""
    return t(lang, "play.resting", minutes=max(1, round((until - now) / 60)))
