"""The one async signature every guesser (provider, offline or scripted) implements."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence, runtime_checkable


@dataclass(frozen=True)
class GuessResult:
    """What one guess call returned: the text (None when the guesser passed) and its usage."""

    text: str | None
    input_tokens: int | None = None
    output_tokens: int | None = None
    refused: bool = False
    refusal_reason: str | None = None
    model: str | None = None  # the model id the provider reports, if it differs from the configured one

    @property
    def passed(self) -> bool:
        """True when the guesser chose to say nothing (not a refusal, not an error)."""
        return self.text is None and not self.refused


@runtime_checkable
class Guesser(Protocol):
    """A guesser: a display name, a model id, whether it costs money, and one async call."""

    name: str
    model: str
    paid: bool

    async def guess(self, png: bytes, past_guesses: Sequence[str], lang: str = "en") -> GuessResult:
        """Guess the word drawn in `png`, avoiding `past_guesses`, answering in the game's language `lang`."""
        ...


class GuesserError(Exception):
    """The guesser failed to answer."""


class RateLimited(GuesserError):
    """The provider asked us to slow down."""

    def __init__(self, message: str = "rate limited", retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class ProviderUnavailable(GuesserError):
    """The provider answered with a server error or overload."""


class BadReply(GuesserError):
    """The provider's reply could not be understood."""


class ProviderTimeout(GuesserError):
    """The provider did not answer in time."""
