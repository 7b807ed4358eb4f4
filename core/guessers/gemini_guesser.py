"""Gemini as a guesser, through the official `google-genai` SDK (`client.aio.models.generate_content`).

Not `google-generativeai`: that older SDK's support ended on 30 November 2025.
"""
from __future__ import annotations

import asyncio
import json
from typing import Any, Sequence

import httpx2
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from core.guessers.base import BadReply, GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable
from core.guessers.common import SdkGuesser, clean_reply, retry_after_from, status_error
from core.guessers.prompt import build_prompt

MAX_OUTPUT_TOKENS = 32  # a word or a short phrase, with thinking off
MAX_OUTPUT_TOKENS_THINKING = 256  # Gemini 3 cannot switch thinking fully off; thoughts share this budget

# Finish reasons that mean the answer was withheld for safety or policy, not a failure of ours.
SAFETY_FINISH_REASONS = frozenset({
    "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
    "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION",
})


def thinking_config(model: str) -> types.ThinkingConfig:
    """Thinking off (budget 0) on Gemini 2.x; the lowest level (MINIMAL) on Gemini 3 and later, where it cannot be off.

    Source, checked 2026-11: https://ai.google.dev/gemini-api/docs/thinking
    """
    if model.startswith(("gemini-1", "gemini-2")):
        return types.ThinkingConfig(thinking_budget=0)
    return types.ThinkingConfig(thinking_level=types.ThinkingLevel.MINIMAL)


MEDIA_RESOLUTIONS = {
    "low": types.MediaResolution.MEDIA_RESOLUTION_LOW,
    "medium": types.MediaResolution.MEDIA_RESOLUTION_MEDIUM,
    "high": types.MediaResolution.MEDIA_RESOLUTION_HIGH,
    "default": None,
}


def build_request(model: str, image_png: bytes, past_guesses: Sequence[str],
                  media_resolution: str = "low", lang: str = "en") -> dict[str, Any]:
    """generate_content arguments: one user turn (image, then the prompt in `lang`), no system instruction.

    A line drawing on white stays recognizable at low media resolution, which Google bills at 64
    tokens per image on Gemini 2.x instead of 258 (core/pricing.py has the rule and its source).
    """
    thinking = thinking_config(model)
    return {
        "model": model,
        "contents": [types.Content(role="user", parts=[
            types.Part.from_bytes(data=image_png, mime_type="image/png"),
            types.Part.from_text(text=build_prompt(past_guesses, lang)),
        ])],
        "config": types.GenerateContentConfig(
            max_output_tokens=MAX_OUTPUT_TOKENS if thinking.thinking_budget == 0 else MAX_OUTPUT_TOKENS_THINKING,
            thinking_config=thinking,
            media_resolution=MEDIA_RESOLUTIONS[media_resolution],
        ),
    }


def _name(value: Any) -> str | None:
    """An SDK enum (or a plain string from a newer API) as its upper-case name."""
    if value is None:
        return None
    return str(getattr(value, "value", value)).upper()


def parse_response(response: Any) -> GuessResult:
    """A GenerateContentResponse as a GuessResult: the text, a safety block, or BadReply when malformed."""
    try:
        usage = response.usage_metadata
        input_tokens = usage.prompt_token_count if usage is not None else None
        output_tokens = None
        if usage is not None and (usage.candidates_token_count is not None or usage.thoughts_token_count is not None):
            # Thinking tokens are billed as output; Gemini reports them apart from the candidates' tokens.
            output_tokens = (usage.candidates_token_count or 0) + (usage.thoughts_token_count or 0)
        feedback = response.prompt_feedback
        block = _name(feedback.block_reason) if feedback is not None else None
        candidates = response.candidates or []
        candidate = candidates[0] if candidates else None
        finish = _name(candidate.finish_reason) if candidate is not None else None
        parts = (candidate.content.parts or []) if candidate is not None and candidate.content is not None else []
        texts = [p.text for p in parts if isinstance(getattr(p, "text", None), str) and not getattr(p, "thought", False)]
        model = getattr(response, "model_version", None)
    except (AttributeError, TypeError) as exc:
        raise BadReply("Gemini reply is not a GenerateContentResponse") from exc
    tokens = dict(input_tokens=input_tokens, output_tokens=output_tokens, model=model)
    if block and block != "BLOCKED_REASON_UNSPECIFIED":
        return GuessResult(text=None, refused=True, refusal_reason=block, **tokens)
    if finish in SAFETY_FINISH_REASONS:
        return GuessResult(text=None, refused=True, refusal_reason=finish, **tokens)
    text = clean_reply(" ".join(texts))
    if text is None:
        if finish == "MAX_TOKENS":
            raise BadReply("Gemini reply was cut off before any answer (max tokens)")
        return GuessResult(text=None, refused=True, refusal_reason="empty reply", **tokens)
    return GuessResult(text=text, **tokens)


class GeminiGuesser(SdkGuesser):
    """One Gemini model guessing drawings."""

    provider = "gemini"
    label = "Gemini"

    def __init__(self, model: str, api_key: str, base_url: str | None = None, timeout: float = 10.0,
                 max_retries: int = 1, max_side: int = 384, name: str | None = None,
                 media_resolution: str = "low"):
        if media_resolution not in MEDIA_RESOLUTIONS:
            raise ValueError(f"media_resolution must be one of {sorted(MEDIA_RESOLUTIONS)}")
        super().__init__(model, api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
                         max_side=max_side, name=name)
        self.media_resolution = media_resolution

    def _make_client(self) -> genai.Client:
        options = types.HttpOptions(
            timeout=max(1, int(self.timeout * 1000)),  # milliseconds; the SDK has no timeout by default
            retry_options=None,  # None means no SDK retries (its own default would be 5 attempts)
            base_url=self.base_url,
            # The SDK switches to aiohttp whenever aiohttp is installed (another package may bring it), and
            # then raises other errors: keep it on the httpx transport these adapters are tested with.
            async_client_args={"transport": httpx2.AsyncHTTPTransport()},
        )
        return genai.Client(api_key=self._api_key, vertexai=False, http_options=options)

    def _build_request(self, image: bytes, past_guesses: Sequence[str], lang: str = "en") -> dict[str, Any]:
        return build_request(self.model, image, past_guesses, self.media_resolution, lang)

    def _parse(self, reply: Any) -> GuessResult:
        return parse_response(reply)

    async def _create(self, client: genai.Client, request: dict[str, Any]) -> Any:
        try:
            return await client.aio.models.generate_content(**request)
        except genai_errors.APIError as exc:
            raise self._translate(exc) from None
        except (httpx2.TimeoutException, asyncio.TimeoutError):
            raise ProviderTimeout(f"Gemini did not answer within {self.timeout:g} s") from None
        except (httpx2.TransportError, ConnectionError) as exc:
            raise ProviderUnavailable(self._scrub(f"Gemini connection failed: {type(exc).__name__}")) from None
        except (json.JSONDecodeError, ValueError) as exc:  # a 200 whose body is not JSON / not the schema
            raise BadReply(self._scrub(f"Gemini reply could not be read: {type(exc).__name__}")) from None

    def _translate(self, exc: genai_errors.APIError) -> GuesserError:
        """The named exception for an SDK error, with no key in its message."""
        status = int(getattr(exc, "code", 0) or 0)
        detail = self._scrub(f"{exc.status or ''} {exc.message or ''}".strip())
        return status_error("Gemini", status, detail, retry_after_from(exc.response), "GEMINI_API_KEY")

    async def _close_client(self, client: genai.Client) -> None:
        await client.aio.aclose()
        client.close()
