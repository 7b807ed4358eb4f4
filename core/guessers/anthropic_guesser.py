"""Claude as a guesser, through the official async `anthropic` SDK (Messages API)."""
from __future__ import annotations

import base64
from typing import Any, Sequence

import anthropic

from core.guessers.base import BadReply, GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable
from core.guessers.common import SdkGuesser, clean_reply, retry_after_from, status_error
from core.guessers.prompt import build_prompt

MAX_OUTPUT_TOKENS = 32  # a word or a short phrase; thinking is off, so nothing else needs room

# Models on which thinking cannot be switched off (the API answers 400 to {"type": "disabled"});
# on those we ask for the lowest effort instead. Source, checked 2026-11:
# https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting
ALWAYS_THINKING_PREFIXES = ("claude-opus-5-5", "claude-fable", "claude-mythos")


def thinking_params(model: str) -> dict[str, Any]:
    """The request fields that turn thinking off, or to its minimum where it cannot be off."""
    if model.startswith(ALWAYS_THINKING_PREFIXES):
        return {"output_config": {"effort": "low"}}
    return {"thinking": {"type": "disabled"}}


def build_request(model: str, image_png: bytes, past_guesses: Sequence[str], lang: str = "en") -> dict[str, Any]:
    """The Messages API arguments: one user turn (image first, then the prompt in `lang`), no system prompt."""
    return {
        "model": model,
        "max_tokens": MAX_OUTPUT_TOKENS,
        "messages": [{
            "role": "user",
            "content": [
                {"type": "image",
                 "source": {"type": "base64", "media_type": "image/png",
                            "data": base64.b64encode(image_png).decode("ascii")}},
                {"type": "text", "text": build_prompt(past_guesses, lang)},
            ],
        }],
        **thinking_params(model),
    }


def parse_message(message: Any) -> GuessResult:
    """A Message as a GuessResult: the text, a refusal, or BadReply when it has not the Message shape."""
    try:
        usage = message.usage
        input_tokens = (usage.input_tokens or 0) + (getattr(usage, "cache_creation_input_tokens", None) or 0) \
            + (getattr(usage, "cache_read_input_tokens", None) or 0)
        output_tokens = usage.output_tokens  # includes thinking tokens: billed as output
        stop_reason = message.stop_reason
        texts = [b.text for b in (message.content or []) if getattr(b, "type", None) == "text"]
        model = getattr(message, "model", None)
    except (AttributeError, TypeError) as exc:
        raise BadReply("Anthropic reply is not a message") from exc
    if not all(isinstance(t, str) for t in texts):
        raise BadReply("Anthropic reply has a text block without text")
    tokens = dict(input_tokens=input_tokens, output_tokens=output_tokens, model=model)
    if stop_reason == "refusal":
        return GuessResult(text=None, refused=True, refusal_reason="refusal", **tokens)
    text = clean_reply(" ".join(texts))
    if text is None:
        if stop_reason == "max_tokens":
            raise BadReply("Anthropic reply was cut off before any answer (max tokens)")
        return GuessResult(text=None, refused=True, refusal_reason="empty reply", **tokens)
    return GuessResult(text=text, **tokens)


class AnthropicGuesser(SdkGuesser):
    """One Claude model guessing drawings."""

    provider = "anthropic"
    label = "Claude"

    def _make_client(self) -> anthropic.AsyncAnthropic:
        return anthropic.AsyncAnthropic(
            api_key=self._api_key, base_url=self.base_url, timeout=self.timeout,
            max_retries=0,  # our own bounded retries: the SDK would obey any Retry-After, however long
        )

    def _build_request(self, image: bytes, past_guesses: Sequence[str], lang: str = "en") -> dict[str, Any]:
        return build_request(self.model, image, past_guesses, lang)

    def _parse(self, reply: Any) -> GuessResult:
        return parse_message(reply)

    async def _create(self, client: anthropic.AsyncAnthropic, request: dict[str, Any]) -> Any:
        try:
            return await client.messages.create(**request)
        except anthropic.APIError as exc:
            raise self._translate(exc) from None
        except ValueError as exc:  # a 200 whose body is not JSON
            raise BadReply(self._scrub(f"Anthropic reply is not JSON: {type(exc).__name__}")) from None

    def _translate(self, exc: anthropic.APIError) -> GuesserError:
        """The named exception for an SDK error, with no key in its message."""
        if isinstance(exc, anthropic.APITimeoutError):
            return ProviderTimeout(f"Anthropic did not answer within {self.timeout:g} s")
        if isinstance(exc, anthropic.APIConnectionError):
            return ProviderUnavailable(self._scrub(f"Anthropic connection failed: {exc.message}"))
        if isinstance(exc, anthropic.APIResponseValidationError):
            return BadReply("Anthropic reply did not match the Messages schema")
        if isinstance(exc, anthropic.APIStatusError):
            return status_error("Anthropic", exc.status_code, self._scrub(exc.api_message or exc.message or ""),
                                retry_after_from(exc.response), "ANTHROPIC_API_KEY")
        return BadReply(self._scrub(f"Anthropic reply could not be read: {exc.message}"))
