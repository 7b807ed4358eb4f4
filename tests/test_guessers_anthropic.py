"""The Claude adapter through the real `anthropic` SDK against a fake Messages API on 127.0.0.1."""
from __future__ import annotations

import asyncio
import io
import time

import pytest
from PIL import Image

from core.guessers.anthropic_guesser import AnthropicGuesser
from core.guessers.base import (
    BadReply, GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable, RateLimited,
)
from core.guessers.prompt import build_prompt
from core.images import BadImage
from fake_providers import (
    FAKE_KEY, Behaviour, FakeProvider, auth_error, blank_png, cut_off, drawing_png, drop, empty, hang, malformed, ok,
    overloaded, rate_limited, refusal, server_error,
)

MODEL = "claude-haiku-4-5"
TIMEOUT = 0.5


def guess_once(fake: FakeProvider, past=("dog",), png: bytes | None = None, model: str = MODEL,
               max_retries: int = 1, max_side: int = 384) -> GuessResult:
    """One guess from a fresh guesser on a fresh loop, closed afterwards (as the pool would)."""
    guesser = AnthropicGuesser(model, FAKE_KEY, base_url=fake.base_url, timeout=TIMEOUT,
                               max_retries=max_retries, max_side=max_side)

    async def run() -> GuessResult:
        try:
            return await guesser.guess(drawing_png() if png is None else png, list(past))
        finally:
            await guesser.aclose()

    return asyncio.run(run())


@pytest.fixture
def fake():
    with FakeProvider("anthropic") as f:
        yield f


def test_answer_and_reported_usage_are_returned(fake):
    fake.push(ok("a cat", input_tokens=321, output_tokens=4, model="claude-haiku-4-5-20251001"))
    result = guess_once(fake)
    assert result == GuessResult(text="a cat", input_tokens=321, output_tokens=4,
                                 model="claude-haiku-4-5-20251001")


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


@pytest.mark.parametrize("status", [500, 503, 529])
def test_server_errors_are_unavailable_after_bounded_retries(status):
    with FakeProvider("anthropic", default=server_error(status)) as fake:
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
    with FakeProvider("anthropic", default=drop()) as fake:
        with pytest.raises(ProviderUnavailable):
            guess_once(fake)


def test_refusal_is_recorded_with_tokens_never_as_a_guess(fake):
    fake.push(refusal(input_tokens=300, output_tokens=2))
    result = guess_once(fake)
    assert result.text is None and result.refused and result.refusal_reason == "refusal"
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
    with FakeProvider("anthropic", default=Behaviour("status", status=status, echo_key=True)) as fake:
        with pytest.raises(GuesserError) as info:
            guess_once(fake)
        assert fake.last().sent_key() == FAKE_KEY  # the key was sent, and echoed back
        assert FAKE_KEY not in str(info.value) and FAKE_KEY not in repr(info.value)
        assert "sk-test" not in str(info.value)


def test_auth_error_says_which_key_to_check(fake):
    fake.push(auth_error(401))
    with pytest.raises(GuesserError, match="ANTHROPIC_API_KEY"):
        guess_once(fake)


def test_request_is_one_user_turn_image_then_prompt_without_system(fake):
    guess_once(fake, past=["dog", "house"])
    body = fake.last().body
    assert "system" not in body
    assert [m["role"] for m in body["messages"]] == ["user"]
    content = body["messages"][0]["content"]
    assert [c["type"] for c in content] == ["image", "text"]
    assert content[1]["text"] == build_prompt(["dog", "house"])
    assert "dog" in content[1]["text"] and "house" in content[1]["text"]


def test_image_sent_is_cropped_greyscale_png_within_max_side(fake):
    guess_once(fake, max_side=128)
    (image,) = fake.last().images()
    im = Image.open(io.BytesIO(image))
    assert im.format == "PNG" and im.mode == "L"
    assert max(im.size) <= 128
    width, height = im.size
    assert width > height  # cropped to the wide ellipse, not the square canvas


def test_thinking_is_disabled_in_the_request(fake):
    guess_once(fake)
    body = fake.last().body
    assert body["thinking"] == {"type": "disabled"}
    assert body["max_tokens"] <= 64


def test_models_that_always_think_get_the_lowest_effort(fake):
    guess_once(fake, model="claude-opus-5-5")
    body = fake.last().body
    assert "thinking" not in body
    assert body["output_config"] == {"effort": "low"}


def test_blank_drawing_is_a_pass_without_a_call(fake):
    result = guess_once(fake, png=blank_png())
    assert result.passed
    assert fake.count == 0


def test_broken_png_raises_bad_image_without_a_call(fake):
    with pytest.raises(BadImage):
        guess_once(fake, png=b"\x89PNG\r\n\x1a\nnot really")
    assert fake.count == 0


def test_client_is_made_on_first_guess_and_reused(fake):
    guesser = AnthropicGuesser(MODEL, FAKE_KEY, base_url=fake.base_url, timeout=TIMEOUT, max_retries=0)

    async def two_guesses() -> None:
        await guesser.guess(drawing_png(), [])
        await guesser.guess(drawing_png(), ["cat"])
        await guesser.aclose()

    assert fake.count == 0
    asyncio.run(two_guesses())
    first, second = fake.requests
    assert first.client_port == second.client_port  # one client, one kept-alive connection


def test_guesser_works_again_on_a_new_loop_after_aclose(fake):
    guesser = AnthropicGuesser(MODEL, FAKE_KEY, base_url=fake.base_url, timeout=TIMEOUT, max_retries=0)

    async def one() -> str | None:
        try:
            return (await guesser.guess(drawing_png(), [])).text
        finally:
            await guesser.aclose()

    assert asyncio.run(one()) == "cat"
    assert asyncio.run(one()) == "cat"


def test_identity_attributes():
    guesser = AnthropicGuesser(MODEL, FAKE_KEY)
    assert (guesser.name, guesser.model, guesser.paid, guesser.provider) == (
        "Claude (claude-haiku-4-5)", MODEL, True, "anthropic")
    assert FAKE_KEY not in repr(guesser)
