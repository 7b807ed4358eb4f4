"""A scripted guesser for tests: answers from a list after given delays."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Sequence

from core.guessers.base import GuessResult


@dataclass
class Call:
    """One call the scripted guesser received."""

    png: bytes
    past: tuple[str, ...]
    cancelled: bool = False
    lang: str = "en"


@dataclass
class ScriptedGuesser:
    """Replies in order from `script`: each item is (delay seconds, reply); the last one repeats.

    A reply is a string (a guess), None (a pass), a GuessResult, or an exception to raise.
    """

    name: str
    script: Sequence[tuple[float, object]] = ((0.0, "banana"),)
    model: str = "scripted"
    paid: bool = False
    ignore_cancel: bool = False
    calls: list[Call] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0

    async def guess(self, png: bytes, past_guesses: Sequence[str], lang: str = "en") -> GuessResult:
        """Answer the next scripted reply after its delay."""
        call = Call(png, tuple(past_guesses), lang=lang)
        self.calls.append(call)
        i = min(len(self.calls) - 1, len(self.script) - 1)
        delay, reply = self.script[i]
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.ignore_cancel:
                try:
                    await asyncio.sleep(delay)
                except asyncio.CancelledError:
                    call.cancelled = True
                    await asyncio.shield(asyncio.sleep(delay))
            else:
                try:
                    await asyncio.sleep(delay)
                except asyncio.CancelledError:
                    call.cancelled = True
                    raise
        finally:
            self.in_flight -= 1
        if isinstance(reply, BaseException):
            raise reply
        if isinstance(reply, GuessResult):
            return reply
        return GuessResult(text=reply, input_tokens=10, output_tokens=2)
