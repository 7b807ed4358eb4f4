"""The three paid adapters through their real SDKs (`anthropic`, `openai`, `google-genai`) against fake APIs on 127.0.0.1.

Each shared behaviour is one test run for every provider in ADAPTERS; what only one provider does follows them.
"""
from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fake_providers import (
    FAKE_GEMINI_KEY,
    FAKE_KEY,
    Behaviour,
    FakeProvider,
    Recorded,
    auth_error,
    blank_png,
    cut_off,
    drawing_png,
    drop,
    empty,
    hang,
    malformed,
    ok,
    overloaded,
    rate_limited,
    refusal,
    server_error,
)
from PIL import Image

from core.guessers.anthropic_guesser import AnthropicGuesser
from core.guessers.base import BadReply, Guesser, GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable, RateLimited
from core.guessers.gemini_guesser import GeminiGuesser
from core.guessers.openai_guesser import OpenAICompatibleGuesser, OpenAIGuesser, reasoning_effort_for
from core.guessers.prompt import build_prompt
from core.images import BadImage

TIMEOUT = 0.5


@dataclass(frozen=True)
class Turn:
    """A request read the same way for every provider: its system-prompt fields, its roles, and its parts in order."""

    system_keys: list[str]
    roles: list[str]
    parts: list[tuple[str, str | None]]  # ("image", None) or ("text", text); any other kind is kept by its name


def _anthropic_turn(rec: Recorded) -> Turn:
    content = rec.body["messages"][-1]["content"]
    return Turn([k for k in ("system",) if k in rec.body], [m["role"] for m in rec.body["messages"]],
                [(c["type"], c.get("text")) for c in content])


def _openai_turn(rec: Recorded) -> Turn:
    content = rec.body["messages"][-1]["content"]
    kinds = {"image_url": "image"}
    return Turn([], [m["role"] for m in rec.body["messages"]],  # a system or developer message is a role here
                [(kinds.get(c["type"], c["type"]), c.get("text")) for c in content])


def _gemini_turn(rec: Recorded) -> Turn:
    body = rec.body
    parts = body["contents"][-1]["parts"]
    return Turn([k for k in ("systemInstruction", "system_instruction") if k in body],
                [c["role"] for c in body["contents"]],
                [("text", p["text"]) if "text" in p else ("image", None) for p in parts])


@dataclass(frozen=True)
class Adapter:
    """One provider's adapter under test: how to build it, and what its fake and its errors look like."""

    flavour: str  # the FakeProvider flavour, and the adapter's `provider`
    cls: Callable[..., Guesser]
    model: str
    key: str
    dated_model: str  # the model id the provider reports back
    display_name: str
    key_setting: str  # named in the auth error
    key_prefix: str  # no part of a key-shaped string may reach an error message
    server_errors: tuple[int, ...]
    refusals: tuple[tuple[str | None, str], ...]  # (the fake's refusal variant, the refusal_reason expected)
    turn: Callable[[Recorded], Turn]

    def build(self, fake: FakeProvider, model: str | None = None, **kwargs: Any) -> Guesser:
        """The adapter pointed at `fake`."""
        return self.cls(model or self.model, self.key, base_url=fake.base_url, timeout=TIMEOUT, **kwargs)


ADAPTERS = (
    Adapter("anthropic", AnthropicGuesser, "claude-haiku-4-5", FAKE_KEY, "claude-haiku-4-5-20251001",
            "Claude (claude-haiku-4-5)", "ANTHROPIC_API_KEY", "sk-test", (500, 503, 529),
            ((None, "refusal"),), _anthropic_turn),
    Adapter("openai", OpenAIGuesser, "gpt-5-mini", FAKE_KEY, "gpt-5-mini-2025-08-07",
            "GPT (gpt-5-mini)", "OPENAI_API_KEY", "sk-test", (500, 502, 503),
            (("refusal", "refusal"), ("content_filter", "content_filter")), _openai_turn),
    Adapter("gemini", GeminiGuesser, "gemini-2.5-flash-lite", FAKE_GEMINI_KEY, "gemini-2.5-flash-lite-preview-09-2025",
            "Gemini (gemini-2.5-flash-lite)", "GEMINI_API_KEY", "AIza", (500, 503, 504),
            (("block_reason", "SAFETY"), ("SAFETY", "SAFETY"), ("PROHIBITED_CONTENT", "PROHIBITED_CONTENT"),
             ("IMAGE_SAFETY", "IMAGE_SAFETY"), ("RECITATION", "RECITATION")), _gemini_turn),
)
BY_FLAVOUR = {a.flavour: a for a in ADAPTERS}


def each(cases_of: Callable[[Adapter], Any]) -> list:
    """Parameters for every adapter with each of the cases `cases_of` lists for it."""
    return [pytest.param(a, *case, id="-".join([a.flavour, *map(str, case)]))
            for a in ADAPTERS for case in cases_of(a)]


def only(flavour: str) -> pytest.MarkDecorator:
    """Run a test for one provider's adapter only: what the others do differently."""
    return pytest.mark.parametrize("adapter", [BY_FLAVOUR[flavour]], ids=[flavour])


@pytest.fixture(params=ADAPTERS, ids=[a.flavour for a in ADAPTERS])
def adapter(request) -> Adapter:
    return request.param


@pytest.fixture
def fake(adapter):
    with FakeProvider(adapter.flavour) as f:
        yield f


def guess_once(adapter: Adapter, fake: FakeProvider, past=("dog",), png: bytes | None = None, model: str | None = None,
               max_retries: int = 1, max_side: int = 384, lang: str = "en") -> GuessResult:
    """One guess from a fresh guesser on a fresh loop, closed afterwards (as the pool would)."""
    guesser = adapter.build(fake, model, max_retries=max_retries, max_side=max_side)

    async def run() -> GuessResult:
        try:
            return await guesser.guess(drawing_png() if png is None else png, list(past), lang=lang)
        finally:
            await guesser.aclose()

    return asyncio.run(run())


# -- every provider ---------------------------------------------------------------------------------

def test_answer_and_reported_usage_are_returned(adapter, fake):
    fake.push(ok("a cat", input_tokens=321, output_tokens=4, model=adapter.dated_model))
    result = guess_once(adapter, fake)
    assert result == GuessResult(text="a cat", input_tokens=321, output_tokens=4, model=adapter.dated_model)


def test_thinking_tokens_are_billed_as_output(adapter, fake):
    fake.push(ok("cat", output_tokens=3, thinking_tokens=40))
    assert guess_once(adapter, fake).output_tokens == 43


def test_reply_is_cut_to_one_line(adapter, fake):
    fake.push(ok("  a cat\nBecause it has whiskers and a tail.  "))
    assert guess_once(adapter, fake).text == "a cat"


@pytest.mark.parametrize("behaviour, expected", [
    pytest.param(rate_limited(7), 7.0, id="seconds"),
    pytest.param(rate_limited(None, retry_after_ms=1500), 1.5, id="ms"),
    pytest.param(rate_limited(None), None, id="none"),
])
def test_rate_limit_raises_at_once_with_retry_after(adapter, fake, behaviour, expected):
    fake.push(behaviour)
    with pytest.raises(RateLimited) as info:
        guess_once(adapter, fake, max_retries=3)
    assert info.value.retry_after == expected
    assert fake.count == 1, "a 429 is the pool's to handle: the SDK must not sleep and retry"


@pytest.mark.parametrize("adapter, status", each(lambda a: [(s,) for s in a.server_errors]))
def test_server_errors_are_unavailable_after_bounded_retries(adapter, status):
    with FakeProvider(adapter.flavour, default=server_error(status)) as fake, pytest.raises(ProviderUnavailable):
        guess_once(adapter, fake, max_retries=1)
    assert fake.count == 2


def test_overloaded_once_then_answer_is_a_guess(adapter, fake):
    fake.push(overloaded(), ok("house"))
    assert guess_once(adapter, fake).text == "house"
    assert fake.count == 2


def test_no_retries_means_one_request(adapter, fake):
    fake.push(server_error(500), ok("house"))
    with pytest.raises(ProviderUnavailable):
        guess_once(adapter, fake, max_retries=0)
    assert fake.count == 1


def test_slow_server_raises_timeout_without_retry(adapter, fake):
    fake.push(hang(5))
    with pytest.raises(ProviderTimeout):  # a reply waited for would be a guess: the timeout cut it short
        guess_once(adapter, fake)
    assert fake.count == 1


def test_dropped_connection_is_unavailable(adapter):
    with FakeProvider(adapter.flavour, default=drop()) as fake, pytest.raises(ProviderUnavailable):
        guess_once(adapter, fake)


@pytest.mark.parametrize("adapter, variant, reason", each(lambda a: a.refusals))
def test_refusal_is_recorded_with_tokens_never_as_a_guess(adapter, fake, variant, reason):
    fake.push(refusal(variant, input_tokens=300, output_tokens=2))
    result = guess_once(adapter, fake)
    assert result.text is None and result.refused and result.refusal_reason == reason
    assert (result.input_tokens, result.output_tokens) == (300, 2)
    assert not result.passed


def test_empty_reply_counts_as_a_refusal(adapter, fake):
    fake.push(empty())
    result = guess_once(adapter, fake)
    assert result.refused and result.refusal_reason == "empty reply"


def test_reply_cut_off_before_any_text_is_bad_reply_not_refusal(adapter, fake):
    fake.push(cut_off())  # the token cap ate the answer: the drawing is not to blame
    with pytest.raises(BadReply):
        guess_once(adapter, fake)


def test_malformed_body_raises_bad_reply(adapter, fake):
    fake.push(malformed())
    with pytest.raises(BadReply):
        guess_once(adapter, fake)


@pytest.mark.parametrize("status", [400, 401, 403, 429, 500])
def test_api_key_never_appears_in_error_messages(adapter, status):
    with FakeProvider(adapter.flavour, default=Behaviour("status", status=status, echo_key=True)) as fake:
        with pytest.raises(GuesserError) as info:
            guess_once(adapter, fake)
        assert fake.last().sent_key() == adapter.key  # the key was sent, and echoed back
        assert adapter.key not in str(info.value) and adapter.key not in repr(info.value)
        assert adapter.key_prefix not in str(info.value)


def test_auth_error_says_which_key_to_check(adapter, fake):
    fake.push(auth_error(401))
    with pytest.raises(GuesserError, match=adapter.key_setting):
        guess_once(adapter, fake)


def test_request_is_one_user_turn_image_then_prompt_without_system(adapter, fake):
    guess_once(adapter, fake, past=["dog", "house"])
    turn = adapter.turn(fake.last())
    assert turn.system_keys == []
    assert turn.roles == ["user"]
    assert [kind for kind, _ in turn.parts] == ["image", "text"]
    prompt = turn.parts[1][1]
    assert prompt == build_prompt(["dog", "house"])
    assert "dog" in prompt and "house" in prompt


def test_a_game_in_german_asks_the_model_in_german(adapter, fake):
    fake.push(ok("Hund"))
    assert guess_once(adapter, fake, past=["Katze"], lang="de").text == "Hund"
    prompt = adapter.turn(fake.last()).parts[1][1]
    assert prompt == build_prompt(["Katze"], "de")
    assert "auf Deutsch" in prompt and prompt.endswith("Katze.")


def test_image_sent_is_cropped_greyscale_png_within_max_side(adapter, fake):
    guess_once(adapter, fake, max_side=128)
    (image,) = fake.last().images()
    im = Image.open(io.BytesIO(image))
    assert im.format == "PNG" and im.mode == "L"
    assert max(im.size) <= 128
    width, height = im.size
    assert width > height  # cropped to the wide ellipse, not the square canvas


def test_blank_drawing_is_a_pass_without_a_call(adapter, fake):
    result = guess_once(adapter, fake, png=blank_png())
    assert result.passed
    assert fake.count == 0


def test_broken_png_raises_bad_image_without_a_call(adapter, fake):
    with pytest.raises(BadImage):
        guess_once(adapter, fake, png=b"\x89PNG\r\n\x1a\nnot really")
    assert fake.count == 0


def test_client_is_made_on_first_guess_and_reused(adapter, fake):
    guesser = adapter.build(fake, max_retries=0)

    async def two_guesses() -> None:
        await guesser.guess(drawing_png(), [])
        await guesser.guess(drawing_png(), ["cat"])
        await guesser.aclose()

    assert fake.count == 0
    asyncio.run(two_guesses())
    first, second = fake.requests
    assert first.client_port == second.client_port  # one client, one kept-alive connection


def test_guesser_works_again_on_a_new_loop_after_aclose(adapter, fake):
    guesser = adapter.build(fake, max_retries=0)

    async def one() -> str | None:
        try:
            return (await guesser.guess(drawing_png(), [])).text
        finally:
            await guesser.aclose()

    assert asyncio.run(one()) == "cat"
    assert asyncio.run(one()) == "cat"


def test_identity_attributes(adapter):
    guesser = adapter.cls(adapter.model, adapter.key)
    assert (guesser.name, guesser.model, guesser.paid, guesser.provider) == (
        adapter.display_name, adapter.model, True, adapter.flavour)
    assert adapter.key not in repr(guesser)


# -- Claude -----------------------------------------------------------------------------------------

@only("anthropic")
def test_claude_thinking_is_disabled_in_the_request(adapter, fake):
    guess_once(adapter, fake)
    body = fake.last().body
    assert body["thinking"] == {"type": "disabled"}
    assert body["max_tokens"] <= 64


@only("anthropic")
def test_claude_models_that_always_think_get_the_lowest_effort(adapter, fake):
    guess_once(adapter, fake, model="claude-opus-5-5")
    body = fake.last().body
    assert "thinking" not in body
    assert body["output_config"] == {"effort": "low"}


# -- OpenAI and OpenAI-compatible servers -----------------------------------------------------------

@only("openai")
def test_openai_image_is_a_png_data_url(adapter, fake):
    guess_once(adapter, fake)
    content = fake.last().body["messages"][0]["content"]
    assert content[0]["image_url"]["url"].startswith("data:image/png;base64,")


@pytest.mark.parametrize("model, effort", [
    ("gpt-5-mini", "minimal"), ("gpt-5-nano-2025-08-07", "minimal"), ("gpt-5.4-mini", "none"),
    ("gpt-6-luna", "none"), ("o4-mini", "low"),
])
@only("openai")
def test_openai_reasoning_is_at_its_minimum_in_the_request(adapter, fake, model, effort):
    guess_once(adapter, fake, model=model)
    body = fake.last().body
    assert body["reasoning_effort"] == effort
    assert "max_completion_tokens" in body and "max_tokens" not in body


@pytest.mark.parametrize("model", ["gpt-4.1-mini", "gpt-4o-mini", "gpt-5-chat-latest"])
@only("openai")
def test_openai_models_without_reasoning_get_no_reasoning_parameter(adapter, fake, model):
    guess_once(adapter, fake, model=model)
    assert "reasoning_effort" not in fake.last().body


@pytest.mark.parametrize("model, effort", [
    ("gpt-5", "minimal"), ("gpt-5.1", "none"), ("gpt-5.6-luna", "none"), ("gpt-7", "none"),
    ("o3", "low"), ("o1-mini", "low"), ("gpt-4.1", None), ("gpt-5.2-chat-latest", None), ("llava", None),
])
def test_openai_minimum_reasoning_effort_table(model, effort):
    assert reasoning_effort_for(model) == effort


def compat_guess(fake: FakeProvider, reply: str = "cat", base_url: str | None = None) -> GuessResult:
    fake.push(ok(reply))
    guesser = OpenAICompatibleGuesser("llava:7b", "", base_url=base_url or fake.base_url, timeout=TIMEOUT,
                                      max_retries=0)

    async def run() -> GuessResult:
        try:
            return await guesser.guess(drawing_png(), ["dog"])
        finally:
            await guesser.aclose()

    return asyncio.run(run())


@only("openai")
def test_compatible_server_gets_plain_chat_completions(fake):
    assert compat_guess(fake).text == "cat"
    body = fake.last().body
    assert body["model"] == "llava:7b"
    assert "reasoning_effort" not in body and "max_completion_tokens" not in body
    assert body["max_tokens"] <= 64


@only("openai")
def test_compatible_reply_drops_think_blocks(fake):
    assert compat_guess(fake, "<think>round, whiskers...</think>\nA cat").text == "A cat"


@pytest.mark.parametrize("base_url, paid", [
    ("http://127.0.0.1:11434/v1", False), ("http://localhost:1234/v1", False), ("http://[::1]:8000/v1", False),
    ("https://openrouter.example/api/v1", True), ("http://10.0.0.5:8000/v1", True),
])
def test_local_compatible_server_is_free_remote_gateway_is_paid(base_url, paid):
    guesser = OpenAICompatibleGuesser("llava:7b", "", base_url=base_url)
    assert guesser.paid is paid
    assert guesser.provider == "openai-compatible"


def test_compatible_guesser_needs_a_base_url():
    with pytest.raises(GuesserError):
        OpenAICompatibleGuesser("llava:7b", "", base_url=None)


# -- Gemini -----------------------------------------------------------------------------------------

def _config(body: dict) -> dict:
    return body.get("generationConfig") or body.get("generation_config")


def _thinking(body: dict) -> dict:
    config = _config(body)
    thinking = config.get("thinkingConfig") or config.get("thinking_config")
    return {k.replace("_", "").lower(): v for k, v in thinking.items()}


@only("gemini")
def test_gemini_request_goes_to_the_models_generate_content(adapter, fake):
    guess_once(adapter, fake)
    assert fake.last().path.endswith(f"/models/{adapter.model}:generateContent")


@only("gemini")
def test_thinking_budget_is_zero_on_gemini_2(adapter, fake):
    guess_once(adapter, fake)
    assert _thinking(fake.last().body) == {"thinkingbudget": 0}


@only("gemini")
def test_thinking_is_minimal_on_gemini_3(adapter, fake):
    guess_once(adapter, fake, model="gemini-3.1-flash-lite")
    assert _thinking(fake.last().body) == {"thinkinglevel": "MINIMAL"}


@only("gemini")
def test_low_media_resolution_is_requested_by_default(adapter, fake):
    guess_once(adapter, fake)
    config = _config(fake.last().body)
    assert (config.get("mediaResolution") or config.get("media_resolution")) == "MEDIA_RESOLUTION_LOW"
