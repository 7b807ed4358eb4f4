"""The OpenAI adapter (and OpenAI-compatible servers) through the real `openai` SDK against a fake Chat Completions API."""
from __future__ import annotations

import asyncio
import io
import time

import pytest
from PIL import Image

from core.guessers.openai_guesser import OpenAICompatibleGuesser, OpenAIGuesser, reasoning_effort_for
from core.guessers.base import (
    BadReply, GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable, RateLimited,
)
from core.guessers.prompt import build_prompt
from core.images import BadImage
from fake_providers import (
    FAKE_KEY, Behaviour, FakeProvider, auth_error, blank_png, cut_off, drawing_png, drop, empty, hang, malformed, ok,
    overloaded, rate_limited, refusal, server_error,
)

MODEL = "gpt-5-mini"
TIMEOUT = 0.5


def guess_once(fake: FakeProvider, past=("dog",), png: bytes | None = None, model: str = MODEL,
               max_retries: int = 1, max_side: int = 384) -> GuessResult:
    """One guess from a fresh guesser on a fresh loop, closed afterwards (as the pool would)."""
    guesser = OpenAIGuesser(model, FAKE_KEY, base_url=fake.base_url, timeout=TIMEOUT,
                               max_retries=max_retries, max_side=max_side)

    async def run() -> GuessResult:
        try:
            return await guesser.guess(drawing_png() if png is None else png, list(past))
        finally:
            await guesser.aclose()

    return asyncio.run(run())


@pytest.fixture
def fake():
    with FakeProvider("openai") as f:
        yield f


def test_answer_and_reported_usage_are_returned(fake):
    fake.push(ok("a cat", input_tokens=321, output_tokens=4, model="gpt-5-mini-2025-08-07"))
    result = guess_once(fake)
    assert result == GuessResult(text="a cat", input_tokens=321, output_tokens=4,
                                 model="gpt-5-mini-2025-08-07")


def test_thinking_tokens_are_billed_as_output(fake):
    fake.push(ok("cat", output_tokens=3, thinking_tokens=40))
    assert guess_once(fake).output_tokens == 43


def test_reply_is_cut_to_one_line(fake):
    fake.push(ok("  a cat\nBecause it has whiskers and a tail.  "))
    assert guess_once(fake).text == "a cat"


@pytest.mark.parametrize("behaviour, expected", [
    (rate_limited(7), 7.0),
    (rate_limited(None, retry_after_ms=1500), 1.5),
    (rate_limited(None), None),
])
def test_rate_limit_raises_at_once_with_retry_after(fake, behaviour, expected):
    fake.push(behaviour)
    started = time.monotonic()
    with pytest.raises(RateLimited) as info:
        guess_once(fake, max_retries=3)
    assert info.value.retry_after == expected
    assert fake.count == 1, "a 429 is the pool's to handle: the SDK must not sleep and retry"
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_unavailable_after_bounded_retries(status):
    with FakeProvider("openai", default=server_error(status)) as fake:
        with pytest.raises(ProviderUnavailable):
            guess_once(fake, max_retries=1)
        assert fake.count == 2


def test_overloaded_once_then_answer_is_a_guess(fake):
    fake.push(overloaded(), ok("house"))
    assert guess_once(fake).text == "house"
    assert fake.count == 2


def test_no_retries_means_one_request(fake):
    fake.push(server_error(500), ok("house"))
    with pytest.raises(ProviderUnavailable):
        guess_once(fake, max_retries=0)
    assert fake.count == 1


def test_slow_server_raises_timeout_without_retry(fake):
    fake.push(hang(5))
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        guess_once(fake)
    assert time.monotonic() - started < 2
    assert fake.count == 1


def test_dropped_connection_is_unavailable():
    with FakeProvider("openai", default=drop()) as fake:
        with pytest.raises(ProviderUnavailable):
            guess_once(fake)


@pytest.mark.parametrize("reason", ["refusal", "content_filter"])
def test_refusal_is_recorded_with_tokens_never_as_a_guess(fake, reason):
    fake.push(refusal(reason, input_tokens=300, output_tokens=2))
    result = guess_once(fake)
    assert result.text is None and result.refused and result.refusal_reason == reason
    assert (result.input_tokens, result.output_tokens) == (300, 2)
    assert not result.passed


def test_empty_reply_counts_as_a_refusal(fake):
    fake.push(empty())
    result = guess_once(fake)
    assert result.refused and result.refusal_reason == "empty reply"


def test_reply_cut_off_before_any_text_is_bad_reply_not_refusal(fake):
    fake.push(cut_off())  # the token cap ate the answer: the drawing is not to blame
    with pytest.raises(BadReply):
        guess_once(fake)


def test_malformed_body_raises_bad_reply(fake):
    fake.push(malformed())
    with pytest.raises(BadReply):
        guess_once(fake)


@pytest.mark.parametrize("status", [400, 401, 403, 429, 500])
def test_api_key_never_appears_in_error_messages(status):
    with FakeProvider("openai", default=Behaviour("status", status=status, echo_key=True)) as fake:
        with pytest.raises(GuesserError) as info:
            guess_once(fake)
        assert fake.last().sent_key() == FAKE_KEY  # the key was sent, and echoed back
        assert FAKE_KEY not in str(info.value) and FAKE_KEY not in repr(info.value)
        assert "sk-test" not in str(info.value)


def test_auth_error_says_which_key_to_check(fake):
    fake.push(auth_error(401))
    with pytest.raises(GuesserError, match="OPENAI_API_KEY"):
        guess_once(fake)


def test_request_is_one_user_message_image_then_prompt_without_system(fake):
    guess_once(fake, past=["dog", "house"])
    body = fake.last().body
    assert [m["role"] for m in body["messages"]] == ["user"]  # no system or developer message
    content = body["messages"][0]["content"]
    assert [c["type"] for c in content] == ["image_url", "text"]
    assert content[0]["image_url"]["url"].startswith("data:image/png;base64,")
    assert content[1]["text"] == build_prompt(["dog", "house"])


def test_image_sent_is_cropped_greyscale_png_within_max_side(fake):
    guess_once(fake, max_side=128)
    (image,) = fake.last().images()
    im = Image.open(io.BytesIO(image))
    assert im.format == "PNG" and im.mode == "L"
    assert max(im.size) <= 128
    width, height = im.size
    assert width > height  # cropped to the wide ellipse, not the square canvas


@pytest.mark.parametrize("model, effort", [
    ("gpt-5-mini", "minimal"), ("gpt-5-nano-2025-08-07", "minimal"), ("gpt-5.4-mini", "none"),
    ("gpt-6-luna", "none"), ("o4-mini", "low"),
])
def test_reasoning_is_at_its_minimum_in_the_request(fake, model, effort):
    guess_once(fake, model=model)
    body = fake.last().body
    assert body["reasoning_effort"] == effort
    assert "max_completion_tokens" in body and "max_tokens" not in body


@pytest.mark.parametrize("model", ["gpt-4.1-mini", "gpt-4o-mini", "gpt-5-chat-latest"])
def test_models_without_reasoning_get_no_reasoning_parameter(fake, model):
    guess_once(fake, model=model)
    assert "reasoning_effort" not in fake.last().body


@pytest.mark.parametrize("model, effort", [
    ("gpt-5", "minimal"), ("gpt-5.1", "none"), ("gpt-5.6-luna", "none"), ("gpt-7", "none"),
    ("o3", "low"), ("o1-mini", "low"), ("gpt-4.1", None), ("gpt-5.2-chat-latest", None), ("llava", None),
])
def test_minimum_reasoning_effort_table(model, effort):
    assert reasoning_effort_for(model) == effort


def test_blank_drawing_is_a_pass_without_a_call(fake):
    result = guess_once(fake, png=blank_png())
    assert result.passed
    assert fake.count == 0


def test_broken_png_raises_bad_image_without_a_call(fake):
    with pytest.raises(BadImage):
        guess_once(fake, png=b"\x89PNG\r\n\x1a\nnot really")
    assert fake.count == 0


def test_client_is_made_on_first_guess_and_reused(fake):
    guesser = OpenAIGuesser(MODEL, FAKE_KEY, base_url=fake.base_url, timeout=TIMEOUT, max_retries=0)

    async def two_guesses() -> None:
        await guesser.guess(drawing_png(), [])
        await guesser.guess(drawing_png(), ["cat"])
        await guesser.aclose()

    assert fake.count == 0
    asyncio.run(two_guesses())
    first, second = fake.requests
    assert first.client_port == second.client_port  # one client, one kept-alive connection


def test_guesser_works_again_on_a_new_loop_after_aclose(fake):
    guesser = OpenAIGuesser(MODEL, FAKE_KEY, base_url=fake.base_url, timeout=TIMEOUT, max_retries=0)

    async def one() -> str | None:
        try:
            return (await guesser.guess(drawing_png(), [])).text
        finally:
            await guesser.aclose()

    assert asyncio.run(one()) == "cat"
    assert asyncio.run(one()) == "cat"


def test_identity_attributes():
    guesser = OpenAIGuesser(MODEL, FAKE_KEY)
    assert (guesser.name, guesser.model, guesser.paid, guesser.provider) == (
        "GPT (gpt-5-mini)", MODEL, True, "openai")
    assert FAKE_KEY not in repr(guesser)


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


def test_compatible_server_gets_plain_chat_completions(fake):
    assert compat_guess(fake).text == "cat"
    body = fake.last().body
    assert body["model"] == "llava:7b"
    assert "reasoning_effort" not in body and "max_completion_tokens" not in body
    assert body["max_tokens"] <= 64


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
