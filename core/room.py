"""The room of an event: the host's rules, who is in the room, and what hosts may do; all of it in the database.

One event runs at a time (`events`); its rules say whether guessing needs the event code shown on the
big screen, how many people may be in the room, whether the host approves people's guesses before
the big screen shows them, whether nicknames come from the generator, and whether the big screen shows
the running games' words. A person's standing (`room_people`) is kept per event under their player id,
so a removal survives a reload and a new nickname; a ban also bars their address for the event. Every
host action is written to `audit_log`.
"""
from __future__ import annotations

import hashlib
import hmac
import random
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from core.i18n import Explained
from core.nicknames import CREATURES, KIND, BadNickname, check_nickname, generated_nickname, reserved_names
from core.profanity import check_level

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector across a room
CODE_LENGTH = 5
RULES_TTL = 1.0  # seconds a process trusts its reading of the room's rules
MAX_ROOM_SIZE = 100_000
_CODE = re.compile(r"^[A-Z0-9]{4,12}$")


class RoomRefused(Explained):
    """You cannot guess in this room just now."""

    key = "rules.room_refused"


class NeedCode(RoomRefused):
    """Enter the event code first: it is on the big screen, beside the QR code."""

    key = "rules.room_need_code"


class WrongCode(RoomRefused):
    """That is not this event's code: look at the big screen again."""

    key = "rules.room_wrong_code"


class RoomFull(RoomRefused):
    """The room is full: the host set a limit on how many people guess."""

    key = "rules.room_full"


class Removed(RoomRefused):
    """The host removed you from this room."""

    key = "rules.room_removed"


class Banned(Removed):
    """The host removed you from this event."""

    key = "rules.room_banned"


class BadRule(Explained):
    """That room setting cannot be used."""

    key = "rules.rule_bad"


@dataclass(frozen=True)
class Rules:
    """The current event's rules."""

    event_id: int
    name: str
    code: str | None
    approve_first: bool
    room_size: int  # 0: no limit
    generated_names: bool
    show_words: bool

    @classmethod
    def from_row(cls, row: dict) -> "Rules":
        """An `events` row as rules."""
        return cls(int(row["id"]), row["name"] or "The room", row["code"] or None, bool(row["approve_first"]),
                   int(row["room_size"] or 0), bool(row["generated_names"]), bool(row["show_words"]))


def new_code(rng: random.Random, length: int = CODE_LENGTH) -> str:
    """A fresh event code that reads well from the back of a room."""
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(length))


def clean_code(raw: object) -> str | None:
    """A code as typed (spaces, dashes and case aside), or None when it cannot be one."""
    if not isinstance(raw, str):
        return None
    text = re.sub(r"[\s-]+", "", raw).upper()
    return text if _CODE.match(text) else None


def is_generated(name: str) -> bool:
    """Whether a nickname is one the generator makes ("Kind Tiger")."""
    parts = name.lower().split()
    return len(parts) == 2 and parts[0] in KIND and parts[1] in CREATURES


def host_code_digest(code: str, secret: bytes) -> str:
    """How a host code is kept: a keyed hash, never the code."""
    return hmac.new(secret, b"host-code:" + code.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Person:
    """A person of the room as the host view lists them."""

    player_id: str
    nickname: str
    status: str
    joined_at: float
    guesses: int
    shared: int  # others in the room from the same address


class Room:
    """The current event's room; every process reads the same rules and standings from the database."""

    def __init__(self, store: Any, *, lineup: Sequence[str] = (), level: str = "moderate", secret: bytes = b"",
                 clock: Callable[[], float] = time.monotonic):
        self.store = store
        self.secret = secret
        self.level = check_level(level)
        self.reserved = reserved_names(lineup)
        self.clock = clock
        self._rules: tuple[float, Rules] | None = None
        self._lock = threading.Lock()

    # -- the rules ---------------------------------------------------------------------------

    def rules(self, now: float) -> Rules:
        """The current event's rules (read again after RULES_TTL seconds)."""
        with self._lock:
            cached = self._rules
        if cached is not None and self.clock() - cached[0] < RULES_TTL:
            return cached[1]
        rules = Rules.from_row(self.store.current_event(now))
        with self._lock:
            self._rules = (self.clock(), rules)
        return rules

    def host_code_ok(self, given: object, now: float | None = None) -> bool:
        """Whether `given` is the current event's host code (none set: nothing is)."""
        digest = self.store.current_event(time.time() if now is None else now).get("host_code")
        return bool(digest) and isinstance(given, str) and bool(given) and \
            hmac.compare_digest(host_code_digest(given, self.secret), digest)

    def set_host_code(self, actor: str, code: str, now: float) -> None:
        """Let co-hosts sign in with `code` for this event ("" turns host codes off); only its keyed hash is kept."""
        if code and len(code) < 6:
            raise BadRule("A host code is at least 6 characters.", key="rules.rule_host_code")
        rules = self.rules(now)
        self.store.update_event(rules.event_id, {"host_code": host_code_digest(code, self.secret) if code else None})
        self.store.audit(now, actor, "host code", f"event {rules.event_id}", "set" if code else "cleared")

    def _forget_rules(self) -> None:
        with self._lock:
            self._rules = None

    # -- people ------------------------------------------------------------------------------

    def nickname(self, raw: object, rules: Rules) -> str:
        """A nickname this room accepts: tidy, no impostor, no rude word, and a generated one when the host
        requires those (BadNickname says why not)."""
        name = check_nickname(raw, self.reserved, self.level)
        if rules.generated_names and not is_generated(name):
            raise BadNickname("The host asks everyone to use a generated nickname: pick one of those.",
                              key="rules.nickname_generated")
        return name

    def suggest(self, rng: random.Random) -> str:
        """A generated nickname this room accepts."""
        for _ in range(20):
            name = generated_nickname(rng)
            try:
                check_nickname(name, self.reserved, self.level)
                return name
            except BadNickname:
                continue
        return "Kind Otter"

    def set_nickname(self, player_id: str, raw: object, now: float, game_id: str | None = None) -> str:
        """Check and save a person's nickname (on their game too, when given); returns it."""
        name = self.nickname(raw, self.rules(now))
        self.store.touch_player(player_id, now)
        self.store.set_nickname(player_id, name, game_id)
        return name

    def needs_nickname(self, nickname: str | None, now: float) -> bool:
        """Whether this person must pick a (new) nickname before guessing."""
        if not nickname:
            return True
        return self.rules(now).generated_names and not is_generated(nickname)

    def standing(self, player_id: str, origin: str | None, now: float) -> str:
        """Where a person stands: "in", "removed", "banned", or, not yet in, "code" (needs the event code),
        "full" or "open" (may come in)."""
        rules = self.rules(now)
        row = self.store.room_person(rules.event_id, player_id)
        if row is not None:
            return row["status"]
        if self.store.origin_banned(rules.event_id, origin):
            return "banned"
        if rules.code:
            return "code"
        if rules.room_size and self.store.room_size(rules.event_id) >= rules.room_size:
            return "full"
        return "open"

    def enter(self, player_id: str, origin: str | None, code: object, now: float) -> None:
        """Come into the room (with the event code when one is required); RoomRefused says why not."""
        rules = self.rules(now)
        standing = self.standing(player_id, origin, now)
        if standing == "in":
            return
        if standing == "banned":
            raise Banned()
        if standing == "removed":
            raise Removed()
        if rules.code:
            given = clean_code(code)
            if given is None:
                raise NeedCode()
            if not hmac.compare_digest(given, rules.code):
                raise WrongCode()
        with self.store.transaction(lock="room"):
            if rules.room_size and self.store.room_person(rules.event_id, player_id) is None \
                    and self.store.room_size(rules.event_id) >= rules.room_size:
                raise RoomFull()
            self.store.enter_room(rules.event_id, player_id, origin, now)

    def admit(self, player_id: str, origin: str | None, now: float) -> None:
        """May this person guess now? They come in on their first guess when the room is open; RoomRefused else."""
        standing = self.standing(player_id, origin, now)
        if standing == "in":
            return
        if standing == "open":
            self.enter(player_id, origin, None, now)
            return
        raise {"banned": Banned, "removed": Removed, "code": NeedCode, "full": RoomFull}[standing]()

    def people(self, now: float) -> list[Person]:
        """Everybody of the current event's room, newest first."""
        return [Person(r["player_id"], r["nickname"] or "(no nickname)", r["status"], r["joined_at"],
                       int(r["guesses"] or 0), int(r["shared"] or 0))
                for r in self.store.room_people(self.rules(now).event_id)]

    # -- what a host may do (each one audited) ---------------------------------------------------

    def set_rules(self, actor: str, now: float, **changes: Any) -> Rules:
        """Change the current event's rules: code, approve_first, room_size, generated_names, show_words, name."""
        rules = self.rules(now)
        clean: dict[str, Any] = {}
        for key, value in changes.items():
            if key == "code":
                code = None if value in (None, "") else clean_code(value)
                if value not in (None, "") and code is None:
                    raise BadRule("An event code is 4 to 12 letters or digits.", key="rules.rule_code")
                clean[key] = code
            elif key == "room_size":
                try:
                    size = int(value)
                except (TypeError, ValueError) as exc:
                    raise BadRule("The room size is a whole number (0: no limit).", key="rules.rule_room_size") from exc
                if not 0 <= size <= MAX_ROOM_SIZE:
                    raise BadRule(f"The room size is 0 (no limit) to {MAX_ROOM_SIZE:,}.", key="rules.rule_room_range",
                                  max=MAX_ROOM_SIZE)
                clean[key] = size
            elif key in ("approve_first", "generated_names", "show_words"):
                clean[key] = int(bool(value))
            elif key == "name":
                name = " ".join(str(value or "").split())[:60]
                if not name:
                    raise BadRule("Give the event a name.", key="rules.rule_name")
                clean[key] = name
            else:
                raise BadRule(f"{key} is not a room setting.", key="rules.rule_unknown", setting=key)
        self.store.update_event(rules.event_id, clean)
        shown = {k: ("(none)" if v is None else v) for k, v in clean.items()}
        self.store.audit(now, actor, "rules", f"event {rules.event_id}", ", ".join(f"{k}={v}" for k, v in shown.items()))
        self._forget_rules()
        return self.rules(now)

    def set_standing(self, actor: str, player_id: str, status: str, now: float) -> bool:
        """Remove a person ("removed"), ban them for the event ("banned"), or let them back in ("in")."""
        rules = self.rules(now)
        if self.store.room_person(rules.event_id, player_id) is None:
            self.store.enter_room(rules.event_id, player_id, None, now)
        done = self.store.set_room_status(rules.event_id, player_id, status, now, actor)
        if done:
            nickname = (self.store.get_player(player_id) or {}).get("nickname") or ""
            self.store.audit(now, actor, {"in": "let back in", "removed": "remove", "banned": "ban"}[status],
                             f"player {player_id}", nickname)
        return done

    def hide_guess(self, actor: str, guess_id: int, hidden: bool, now: float) -> bool:
        """Keep one guess from every public view (or show it again)."""
        done = self.store.set_guess_hidden(guess_id, hidden)
        if done:
            self.store.audit(now, actor, "hide guess" if hidden else "show guess", f"guess {guess_id}")
        return done

    def approve(self, actor: str, guess_id: int, approve: bool, now: float) -> bool:
        """Let a person's guess reach the big screen, or keep it off."""
        done = self.store.set_approval(guess_id, "approved" if approve else "rejected")
        if done:
            self.store.audit(now, actor, "approve guess" if approve else "reject guess", f"guess {guess_id}")
        return done

    def hide_game(self, actor: str, game_id: str, now: float) -> bool:
        """Take a game off every public view, for an admin to review."""
        done = self.store.hide_for_review(game_id, f"hidden by {actor}")
        if done:
            self.store.audit(now, actor, "hide game", f"game {game_id}")
        return done

    def new_event(self, actor: str, name: str, now: float) -> Rules:
        """End the current event (its people, bans and rules with it) and start a fresh, open one."""
        old = self.rules(now)
        self.store.end_event(old.event_id, now)
        self._forget_rules()
        rules = self.rules(now)
        if name:
            rules = self.set_rules(actor, now, name=name)
        self.store.audit(now, actor, "new event", f"event {rules.event_id}", f"after event {old.event_id}")
        return rules
