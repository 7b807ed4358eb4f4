"""Every knob of the app in one object, read from environment variables and `secrets.toml`."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from core.schedule import GuessSchedule

ROOT = Path(__file__).resolve().parent.parent
MAX_GAME_LENGTH = 600  # seconds: the longest "more time" game GAME_LENGTHS may offer


class SettingsError(Exception):
    """A setting has a value we cannot use."""


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


@dataclass(frozen=True)
class Settings:
    """All settings with their defaults; see README.md, "Configuration"."""

    PICTIONARY_DATA_DIR: str = "data"
    PICTIONARY_DB: str = ""  # default: pictionary.db inside PICTIONARY_DATA_DIR
    DATABASE_URL: str = field(default="", repr=False)  # postgresql://... : PostgreSQL instead of the SQLite file
    WORDS_FILE: str = "words.txt"
    DB_MAX_MB: float = 0.0  # 0: no cap
    MAX_CONCURRENT_GAMES: int = 2
    GAME_SECONDS: float = 45.0
    GAME_LENGTHS: tuple[str, ...] = ("60", "90")  # longer games a player may choose ("more time"); "none": no choice
    IDLE_SECONDS: float = 60.0
    MIN_GUESS_INTERVAL: float = 1.0
    FAST_GUESSES: int = 4  # a paid guesser's first guesses of a game, MIN_GUESS_INTERVAL apart...
    GUESS_SPACING_GROWTH: float = 2.0  # ...then the spacing multiplies by this at each guess...
    MAX_GUESS_INTERVAL: float = 8.0  # ...up to this many seconds
    MIN_NEW_INK: float = 0.75  # a frame with less new (or erased) ink than this share waits one growth more
    MAX_GUESSES_PER_GAME: int = 10  # a paid guesser's cap per game
    GUESS_TIMEOUT: float = 12.0
    FRAME_INTERVAL: float = 0.5
    REAPER_INTERVAL: float = 0.5
    SKETCH_MIN_CONFIDENCE: float = 0.2
    SKETCH_ENABLED: bool = True
    WRITTEN_WORD_CHECK: bool = True  # read each running game's newest frame for its word written in letters
    AUDIENCE_GUESSES: bool = True  # people watching a live game may guess it too
    PROFANITY_FILTER: str = "moderate"  # off | moderate | strict: what the room types and writes, before public views
    GUESSES_PER_ADDRESS: int = 20  # people's guesses per 10 s from one client address, every game counted; 0: no cap
    SIGN_IN_FREE_TRIES: int = 3  # wrong admin or host passwords from one address before sign-in pauses
    GC_TUNING: str = "on"  # on | startup | off: how the garbage collector is tuned (core/collector.py)
    PUSH_MAX_STREAMS: int = 2000  # live views pushed (Server-Sent Events) at once per process; 0: every view polls
    PUSH_CHECK_MS: float = 50.0  # how often a watched game's version is compared (1 s on PostgreSQL, which NOTIFYs)
    # Providers: a provider plays when its key is set.
    ANTHROPIC_API_KEY: str = field(default="", repr=False)
    OPENAI_API_KEY: str = field(default="", repr=False)
    GEMINI_API_KEY: str = field(default="", repr=False)
    GOOGLE_API_KEY: str = field(default="", repr=False)
    ANTHROPIC_MODELS: tuple[str, ...] = ("claude-haiku-5-5",)
    OPENAI_MODELS: tuple[str, ...] = ("gpt-6-luna",)
    GEMINI_MODELS: tuple[str, ...] = ("gemini-2.5-flash-lite",)
    ANTHROPIC_BASE_URL: str = ""
    OPENAI_BASE_URL: str = ""
    GEMINI_BASE_URL: str = ""
    OPENAI_COMPAT_BASE_URL: str = ""
    OPENAI_COMPAT_MODEL: str = ""
    OPENAI_COMPAT_API_KEY: str = field(default="", repr=False)
    OPENAI_COMPAT_NAME: str = ""
    PROVIDER_TIMEOUT: float = 10.0
    PROVIDER_MAX_RETRIES: int = 1
    RETRY_AFTER_CAP: float = 30.0
    FAILURES_BEFORE_COOLDOWN: int = 3
    COOLDOWN_SECONDS: float = 60.0
    IMAGE_MAX_SIDE: int = 384
    GEMINI_MEDIA_RESOLUTION: str = "low"  # low | medium | high | default
    DAILY_BUDGET_USD: float = 3.0
    PRICES_JSON: str = ""  # JSON object {model: [input $/M, output $/M]} overriding core/pricing.py
    MODERATION_STRIKES: int = 3
    MODERATION_WINDOW_HOURS: float = 24.0
    MODERATION_REST_MINUTES: float = 60.0
    RETENTION_DAYS: float = 90.0
    PUBLIC_URL: str = ""
    MAX_SEATS_PER_ADDRESS: int = 3  # queued or playing seats one client address may hold at once; 0: no cap
    TRUSTED_PROXIES: tuple[str, ...] = ("127.0.0.1", "::1")  # whose X-Forwarded-For names the real client
    ADMIN_PASSWORD: str = field(default="", repr=False)
    PLAYER_SECRET: str = field(default="", repr=False)  # default: a random one kept in the database

    @property
    def data_dir(self) -> Path:
        """The data directory, resolved against the repo root when relative."""
        p = Path(self.PICTIONARY_DATA_DIR)
        return p if p.is_absolute() else ROOT / p

    @property
    def db_path(self) -> Path:
        """The SQLite database file."""
        if self.PICTIONARY_DB:
            p = Path(self.PICTIONARY_DB)
            return p if p.is_absolute() else ROOT / p
        return self.data_dir / "pictionary.db"

    @property
    def words_path(self) -> Path:
        """The words file, resolved against the repo root when relative."""
        p = Path(self.WORDS_FILE)
        return p if p.is_absolute() else ROOT / p

    @property
    def guess_schedule(self) -> GuessSchedule:
        """The cost policy the pool follows for paid guessers."""
        return GuessSchedule(min_interval=self.MIN_GUESS_INTERVAL, fast_guesses=self.FAST_GUESSES,
                             growth=self.GUESS_SPACING_GROWTH, max_interval=self.MAX_GUESS_INTERVAL,
                             min_new_ink=self.MIN_NEW_INK, max_guesses=self.MAX_GUESSES_PER_GAME)

    @property
    def game_lengths(self) -> tuple[float, ...]:
        """The longer game lengths offered besides GAME_SECONDS, shortest first (those not longer are left out)."""
        if [v.lower() for v in self.GAME_LENGTHS] in ([], ["none"]):
            return ()
        try:
            lengths = {float(v) for v in self.GAME_LENGTHS}
        except ValueError as exc:
            raise SettingsError("GAME_LENGTHS must be seconds separated by commas, such as 60,90 (or none)") from exc
        if not all(math.isfinite(v) and 0 < v <= MAX_GAME_LENGTH for v in lengths) or len(lengths) > 4:
            raise SettingsError(f"GAME_LENGTHS must be at most 4 lengths, each above 0 and at most {MAX_GAME_LENGTH} s")
        return tuple(sorted(v for v in lengths if v > self.GAME_SECONDS))

    @property
    def gemini_key(self) -> str:
        """The Gemini key: GEMINI_API_KEY, else GOOGLE_API_KEY."""
        return self.GEMINI_API_KEY or self.GOOGLE_API_KEY

    @property
    def price_overrides(self) -> dict[str, tuple[float, float]]:
        """PRICES_JSON parsed as {model: (input $/M tokens, output $/M tokens)}."""
        if not self.PRICES_JSON:
            return {}
        try:
            raw = json.loads(self.PRICES_JSON)
            return {str(k): (float(v[0]), float(v[1])) for k, v in raw.items()}
        except (ValueError, TypeError, IndexError, AttributeError) as exc:
            raise SettingsError('PRICES_JSON must look like {"model": [input_per_M, output_per_M]}') from exc

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None) -> "Settings":
        """Build settings: defaults, then `secrets.toml` keys, then environment variables."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = None
            if secrets is not None and f.name in secrets:
                raw = secrets[f.name]
            if env is not None and env.get(f.name, "") != "":
                raw = env[f.name]
            if raw is None:
                continue
            values[f.name] = _coerce(f.name, f.default, raw)
        s = cls(**values)
        s.validate()
        return s

    def validate(self) -> None:
        """Raise SettingsError naming the first setting out of range."""
        positive = ["GAME_SECONDS", "IDLE_SECONDS", "GUESS_TIMEOUT", "PROVIDER_TIMEOUT", "REAPER_INTERVAL"]
        for name in positive:
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise SettingsError(f"{name} must be a number greater than 0")
        for name in ["MIN_GUESS_INTERVAL", "FRAME_INTERVAL", "DAILY_BUDGET_USD", "RETRY_AFTER_CAP", "COOLDOWN_SECONDS",
                     "MODERATION_WINDOW_HOURS", "MODERATION_REST_MINUTES", "RETENTION_DAYS", "DB_MAX_MB"]:
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise SettingsError(f"{name} must be a number, 0 or more")
        if self.MAX_CONCURRENT_GAMES < 1:
            raise SettingsError("MAX_CONCURRENT_GAMES must be at least 1")
        if self.FAST_GUESSES < 0 or self.MAX_GUESSES_PER_GAME < 1:
            raise SettingsError("FAST_GUESSES must be 0 or more and MAX_GUESSES_PER_GAME at least 1")
        if not (math.isfinite(self.GUESS_SPACING_GROWTH) and self.GUESS_SPACING_GROWTH >= 1):
            raise SettingsError("GUESS_SPACING_GROWTH must be a number, 1 or more")
        if not (math.isfinite(self.MAX_GUESS_INTERVAL) and self.MAX_GUESS_INTERVAL >= self.MIN_GUESS_INTERVAL):
            raise SettingsError("MAX_GUESS_INTERVAL must be at least MIN_GUESS_INTERVAL")
        if not 0 <= self.MIN_NEW_INK <= 1:
            raise SettingsError("MIN_NEW_INK must be between 0 and 1")
        if self.MAX_SEATS_PER_ADDRESS < 0:
            raise SettingsError("MAX_SEATS_PER_ADDRESS must be 0 (no cap) or more")
        if self.GUESSES_PER_ADDRESS < 0:
            raise SettingsError("GUESSES_PER_ADDRESS must be 0 (no cap) or more")
        if self.PUSH_MAX_STREAMS < 0:
            raise SettingsError("PUSH_MAX_STREAMS must be 0 (every view polls) or more")
        if not (math.isfinite(self.PUSH_CHECK_MS) and self.PUSH_CHECK_MS >= 5):
            raise SettingsError("PUSH_CHECK_MS must be a number, 5 or more")
        if self.SIGN_IN_FREE_TRIES < 1:
            raise SettingsError("SIGN_IN_FREE_TRIES must be at least 1")
        if self.GC_TUNING not in ("on", "startup", "off"):
            raise SettingsError("GC_TUNING must be on, startup or off")
        if self.PROFANITY_FILTER not in ("off", "moderate", "strict"):
            raise SettingsError("PROFANITY_FILTER must be off, moderate or strict")
        if not 0 <= self.SKETCH_MIN_CONFIDENCE <= 1:
            raise SettingsError("SKETCH_MIN_CONFIDENCE must be between 0 and 1")
        if self.GEMINI_MEDIA_RESOLUTION not in ("low", "medium", "high", "default"):
            raise SettingsError("GEMINI_MEDIA_RESOLUTION must be low, medium, high or default")
        if self.IMAGE_MAX_SIDE < 64:
            raise SettingsError("IMAGE_MAX_SIDE must be at least 64")
        self.price_overrides  # noqa: B018 - parse now so a bad value fails at start-up
        self.game_lengths  # noqa: B018 - likewise

    def secret_values(self) -> tuple[str, ...]:
        """Every configured secret, so logs and exports can scrub them."""
        from core.guessers import PROVIDERS  # the one list of providers and their key settings

        names = [k for p in PROVIDERS for k in p.key_settings] + ["OPENAI_COMPAT_API_KEY", "ADMIN_PASSWORD",
                                                                   "PLAYER_SECRET"]
        values = [v for v in (getattr(self, n) for n in names) if v]
        if "@" in self.DATABASE_URL:  # the password inside a postgresql://user:password@host URL
            values += [p for p in re.findall(r"://[^:/@]*:([^@]+)@", self.DATABASE_URL) if p]
        return tuple(values)


def _coerce(name: str, default: Any, raw: Any) -> Any:
    try:
        if isinstance(default, bool):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if isinstance(default, int):
            return int(str(raw).strip())
        if isinstance(default, float):
            return float(str(raw).strip())
        if isinstance(default, tuple):
            return tuple(raw) if isinstance(raw, (list, tuple)) else _split(str(raw))
        return str(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} has an invalid value") from exc
