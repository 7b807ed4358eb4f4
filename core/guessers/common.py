"""Helpers the provider adapters share: key scrubbing, retries, Retry-After, the vision image, replies."""
from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import math
import re
import time
import unicodedata
from functools import lru_cache
from typing import Any, Awaitable, Callable, Iterable, Mapping, Sequence, TypeVar
from urllib.parse import urlsplit

from core.guessers.base import GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable, RateLimited
from core.images import BadImage, EmptyDrawing, prepare_for_vision

T = TypeVar("T")

MAX_REPLY_CHARS = 120  # a guess is a word or a short phrase; anything longer is cut, not stored whole
RETRY_BACKOFF = 0.25  # seconds before our first retry of a 5xx or dropped connection; doubles each time
MAX_RETRY_BACKOFF = 1.0  # a 45-second game cannot wait for the SDKs' own 8-second backoff

# Things that look like an API key or a bearer token, so no error message ever carries one:
# Anthropic "sk-ant-...", OpenAI "sk-..." / "sk-proj-...", Google "AIza...", and "Bearer xyz".
_KEY_LIKE = re.compile(
    r"(sk-[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{16,}|(?i:bearer)\s+[A-Za-z0-9._~+/\-]{8,}=*"
    r"|(?i:(?:x-goog-api-key|x-api-key|api[_-]?key|key)=)[A-Za-z0-9._\-]{8,})"
)
_SPACE = re.compile(r"\s+")


# --- shared by the adapters -------------------------------------------------------------------

def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every given secret and anything that looks like an API key replaced by [redacted]."""
    text = str(text)
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    return _KEY_LIKE.sub("[redacted]", text)


def status_error(who: str, status: int, detail: str, retry_after: float | None, key_setting: str) -> GuesserError:
    """The named exception for a provider's HTTP error status (`detail` must already be scrubbed)."""
    if status == 429:
        return RateLimited(f"{who} rate limit (429): {detail}", retry_after=retry_after)
    if status >= 500:
        return ProviderUnavailable(f"{who} server error ({status}): {detail}")
    if status == 408:
        return ProviderTimeout(f"{who} request timed out (408): {detail}")
    if status in (401, 403):
        return GuesserError(f"{who} rejected the API key ({status}): check {key_setting}. {detail}")
    return GuesserError(f"{who} error ({status}): {detail}")


def retry_after_seconds(headers: Mapping[str, str] | None, now: float) -> float | None:
    """Seconds to wait from `retry-after-ms`, or `retry-after` as seconds or an HTTP date; else None."""
    if not headers:
        return None
    try:
        ms = headers.get("retry-after-ms")
        if ms is not None:
            value = float(ms) / 1000
            if math.isfinite(value) and value >= 0:
                return value
    except (TypeError, ValueError):
        pass
    raw = headers.get("retry-after")
    if raw is None:
        return None
    try:
        value = float(raw)
        return value if math.isfinite(value) and value >= 0 else None
    except (TypeError, ValueError):
        pass
    parsed = email.utils.parsedate_tz(str(raw))
    if parsed is None:
        return None
    return max(0.0, float(email.utils.mktime_tz(parsed) - now))


def retry_after_from(response: Any) -> float | None:
    """Retry-After of an SDK error's HTTP response (httpx2.Response or similar), if it has one."""
    headers = getattr(response, "headers", None)
    return retry_after_seconds(headers, time.time()) if headers is not None else None


def vision_png(png: bytes, max_side: int) -> bytes:
    """The ink-cropped greyscale PNG the providers see; raises BadImage or EmptyDrawing like prepare_for_vision."""
    if not isinstance(png, (bytes, bytearray, memoryview)):
        raise BadImage("expected PNG bytes")
    return _vision_png(bytes(png), int(max_side))


@lru_cache(maxsize=64)
def _vision_png(png: bytes, max_side: int) -> bytes:
    # Cached: every provider gets the same frame, so it is cropped and encoded once.
    return prepare_for_vision(png, max_side=max_side)


def clean_reply(text: str | None) -> str | None:
    """A model's reply as a guess: one line, trimmed, at most MAX_REPLY_CHARS; None when blank."""
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    text = next((line for line in text.splitlines() if line.strip()), "")
    text = _SPACE.sub(" ", text).strip()
    if len(text) > MAX_REPLY_CHARS:
        text = text[:MAX_REPLY_CHARS].rstrip()
    return text or None


async def call_with_retries(
    call: Callable[[], Awaitable[T]],
    max_retries: int,
    backoff: float = RETRY_BACKOFF,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
) -> T:
    """Await `call()`, retrying only ProviderUnavailable, at most `max_retries` times with short backoff.

    The SDKs' own retries are off (max_retries=0 / no retry_options): Anthropic's would sleep for any
    Retry-After a 429 carries, so a rate limit must come straight back to the pool, which pauses the
    guesser. Timeouts are not retried either: the pool's GUESS_TIMEOUT would expire first.
    """
    attempt = 0
    while True:
        try:
            return await call()
        except ProviderUnavailable:
            if attempt >= max(0, max_retries):
                raise
            await sleep(min(MAX_RETRY_BACKOFF, backoff * (2 ** attempt)))
            attempt += 1


def is_loopback_url(url: str) -> bool:
    """True when `url` points at this machine (localhost, 127.0.0.0/8, ::1): a local model server."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def display_name(label: str, model: str) -> str:
    """A guesser's name as the UI shows it, e.g. "Claude (claude-haiku-4-5)"."""
    return f"{label} ({model})"


# --- building the line-up from settings ------------------------------------------------------


class SdkGuesser:
    """What every provider adapter shares: its settings, a client made lazily, one guess, scrubbed errors.

    A subclass names itself (`provider`, `label`) and supplies `_make_client`, `_build_request`,
    `_create` (one SDK call, SDK errors translated to core.guessers.base exceptions) and `_parse`.
    """

    provider = ""
    label = ""
    paid = True

    def __init__(self, model: str, api_key: str, base_url: str | None = None, timeout: float = 10.0,
                 max_retries: int = 1, max_side: int = 384, name: str | None = None):
        self.model = model
        self.name = name or display_name(self.label, model)
        self.base_url = base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_side = max_side
        self._api_key = api_key
        self._client: Any = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model={self.model!r}, base_url={self.base_url!r})"

    async def guess(self, png: bytes, past_guesses: Sequence[str], lang: str = "en") -> GuessResult:
        """Ask the model once what the drawing is, to answer in `lang` (a blank drawing is a pass, no call made)."""
        try:
            image = await asyncio.to_thread(vision_png, png, self.max_side)
        except EmptyDrawing:
            return GuessResult(text=None)
        request = self._build_request(image, past_guesses, lang)
        if self._client is None:  # made here, inside the pool's loop: its connections belong to that loop
            self._client = self._make_client()
        client = self._client
        reply = await call_with_retries(lambda: self._create(client, request), self.max_retries)
        return self._parse(reply)

    def _scrub(self, text: str) -> str:
        return scrub(text, [self._api_key])

    async def aclose(self) -> None:
        """Close the HTTP connections (call from the loop that used them)."""
        client, self._client = self._client, None
        if client is not None:
            await self._close_client(client)

    async def _close_client(self, client: Any) -> None:
        await client.close()

    def _make_client(self) -> Any:
        raise NotImplementedError

    def _build_request(self, image: bytes, past_guesses: Sequence[str], lang: str = "en") -> dict[str, Any]:
        raise NotImplementedError

    async def _create(self, client: Any, request: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _parse(self, reply: Any) -> GuessResult:
        raise NotImplementedError
