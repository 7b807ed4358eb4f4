"""GPT (and any OpenAI-compatible server: Ollama, vLLM, LM Studio, gateways) as a guesser, via Chat Completions."""
from __future__ import annotations

import base64
import re
from typing import Any, Sequence

import openai

from core.guessers.base import BadReply, GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable
from core.guessers.common import SdkGuesser, clean_reply, display_name, is_loopback_url, retry_after_from, status_error
from core.guessers.prompt import build_prompt

MAX_OUTPUT_TOKENS = 32  # a word or a short phrase
# Reasoning tokens count against max_completion_tokens; give the models that cannot skip reasoning room to answer.
MAX_OUTPUT_TOKENS_BY_EFFORT = {"minimal": 256, "low": 1024}
COMPAT_MAX_TOKENS = 64  # local models; older servers only know `max_tokens`

_GPT_GENERATION = re.compile(r"^gpt-(\d+)(?:\.(\d+))?")
_THINK_BLOCK = re.compile(r"<think>.*?(</think>|$)", re.S | re.I)  # local reasoning models (Qwen3, DeepSeek-R1)


def reasoning_effort_for(model: str) -> str | None:
    """The lowest reasoning_effort the OpenAI model accepts, or None for models that take no such parameter.

    gpt-5, gpt-5-mini, gpt-5-nano: "minimal" (they have no "none"); gpt-5.1 and later, gpt-6: "none";
    o1/o3/o4: "low". Chat-tuned ("-chat-latest") and pre-GPT-5 models reject the parameter. Checked 2026-11:
    https://developers.openai.com/api/docs/guides/reasoning and the model pages (e.g. .../models/gpt-6-luna).
    """
    m = model.lower()
    if "chat" in m:
        return None
    if re.match(r"^o[134](-|$)", m):
        return "low"
    match = _GPT_GENERATION.match(m)
    if not match:
        return None
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    if major >= 6 or (major == 5 and minor >= 1):
        return "none"
    if major == 5:
        return "minimal"
    return None


def build_request(model: str, image_png: bytes, past_guesses: Sequence[str], compatible: bool,
                  lang: str = "en") -> dict[str, Any]:
    """Chat Completions arguments: one user message (image, then the prompt in `lang`), no system message."""
    data_url = "data:image/png;base64," + base64.b64encode(image_png).decode("ascii")
    request: dict[str, Any] = {
        "model": model,
        "messages": [{
            "role": "user",
            "content": [
                {"type": "image_url", "image_url": {"url": data_url}},
                {"type": "text", "text": build_prompt(past_guesses, lang)},
            ],
        }],
    }
    if compatible:
        request["max_tokens"] = COMPAT_MAX_TOKENS
        return request
    effort = reasoning_effort_for(model)
    request["max_completion_tokens"] = MAX_OUTPUT_TOKENS_BY_EFFORT.get(effort or "", MAX_OUTPUT_TOKENS)
    if effort is not None:
        request["reasoning_effort"] = effort
    return request


def parse_completion(completion: Any) -> GuessResult:
    """A ChatCompletion as a GuessResult: the text, a refusal, or BadReply when it has not that shape."""
    try:
        usage = completion.usage
        input_tokens = usage.prompt_tokens if usage is not None else None
        output_tokens = usage.completion_tokens if usage is not None else None  # includes reasoning tokens
        choice = completion.choices[0]
        finish = choice.finish_reason
        message = choice.message
        content = message.content
        refusal = getattr(message, "refusal", None)
        model = getattr(completion, "model", None)
    except (AttributeError, TypeError, IndexError) as exc:
        raise BadReply("OpenAI reply is not a chat completion") from exc
    if content is not None and not isinstance(content, str):
        raise BadReply("OpenAI reply content is not text")
    tokens = dict(input_tokens=input_tokens, output_tokens=output_tokens, model=model)
    if refusal:
        return GuessResult(text=None, refused=True, refusal_reason="refusal", **tokens)
    if finish == "content_filter":
        return GuessResult(text=None, refused=True, refusal_reason="content_filter", **tokens)
    text = clean_reply(_THINK_BLOCK.sub(" ", content or ""))
    if text is None:
        if finish == "length":
            raise BadReply("OpenAI reply was cut off before any answer (max tokens)")
        return GuessResult(text=None, refused=True, refusal_reason="empty reply", **tokens)
    return GuessResult(text=text, **tokens)


class OpenAIGuesser(SdkGuesser):
    """One OpenAI model guessing drawings."""

    provider = "openai"
    label = "GPT"
    key_setting = "OPENAI_API_KEY"
    compatible = False

    def _make_client(self) -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(
            api_key=self._api_key or "not-needed",  # local servers ignore it; the SDK insists on one
            base_url=self.base_url, timeout=self.timeout,
            max_retries=0,  # our own bounded retries: a 429 must reach the pool at once
        )

    def _build_request(self, image: bytes, past_guesses: Sequence[str], lang: str = "en") -> dict[str, Any]:
        return build_request(self.model, image, past_guesses, self.compatible, lang)

    def _parse(self, reply: Any) -> GuessResult:
        return parse_completion(reply)

    async def _create(self, client: openai.AsyncOpenAI, request: dict[str, Any]) -> Any:
        try:
            return await client.chat.completions.create(**request)
        except openai.APIError as exc:
            raise self._translate(exc) from None
        except ValueError as exc:  # a 200 whose body is not JSON
            raise BadReply(f"{self.label} reply is not JSON: {type(exc).__name__}") from None

    def _translate(self, exc: openai.APIError) -> GuesserError:
        """The named exception for an SDK error, with no key in its message."""
        who = self.label
        if isinstance(exc, openai.APITimeoutError):
            return ProviderTimeout(f"{who} did not answer within {self.timeout:g} s")
        if isinstance(exc, openai.APIConnectionError):
            return ProviderUnavailable(self._scrub(f"{who} connection failed: {exc.message}"))
        if isinstance(exc, openai.APIResponseValidationError):
            return BadReply(f"{who} reply did not match the Chat Completions schema")
        if isinstance(exc, openai.APIStatusError):
            return status_error(who, exc.status_code, self._scrub(_error_detail(exc)),
                                retry_after_from(exc.response), self.key_setting)
        return BadReply(self._scrub(f"{who} reply could not be read: {exc.message}"))


class OpenAICompatibleGuesser(OpenAIGuesser):
    """A model behind any OpenAI-compatible Chat Completions server (OPENAI_COMPAT_BASE_URL).

    Free (paid=False) when the server is on this machine (localhost / 127.0.0.0/8 / ::1): it has no
    per-token bill, so the daily budget must not switch it off. A remote gateway is counted as paid.
    """

    provider = "openai-compatible"
    label = "Local"
    compatible = True
    key_setting = "OPENAI_COMPAT_API_KEY"

    def __init__(self, model: str, api_key: str, base_url: str | None = None, timeout: float = 10.0,
                 max_retries: int = 1, max_side: int = 384, name: str | None = None):
        if not base_url:
            raise GuesserError("an OpenAI-compatible guesser needs OPENAI_COMPAT_BASE_URL")
        super().__init__(model, api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
                         max_side=max_side, name=name)
        self.paid = not is_loopback_url(base_url)
        if name is None and self.paid:
            self.name = display_name("Gateway", model)


def _error_detail(exc: openai.APIStatusError) -> str:
    """The provider's own error message, without the SDK's repr of the whole body."""
    body = exc.body
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            return err["message"]
    return exc.message or ""
