"""The Gemini adapter through the real `google-genai` SDK against a fake generateContent API on 127.0.0.1."""
from __future__ import annotations

import asyncio
import io
import time

import pytest
from PIL import Image

from core.guessers.gemini_guesser import GeminiGuesser
from core.guessers.base import (
    BadReply, GuesserError, GuessResult, ProviderTimeout, ProviderUnavailable, RateLimited,
)
from core.guessers.prompt import build_prompt
from core.images import BadImage
from fake_providers import (
    FAKE_GEMINI_KEY, Behaviour, FakeProvider, auth_error, blank_png, cut_off, drawing_png, drop, empty, hang, malformed, ok,
    overloaded, rate_limited, refusal, server_error,
)

MODEL = "gemini-2.5-flash-lite"
TIMEOUT = 0.5


def guess_once(fake: FakeProvider, past=("dog",), png: bytes | None = None, model: str = MODEL,
               max_retries: int = 1, max_side: int = 384) -> GuessResult:
    """One guess from a fresh guesser on a fresh loop, closed afterwards (as the pool would)."""
    guesser = GeminiGuesser(model, FAKE_GEMINI_KEY, base_url=fake.base_url, timeout=TIMEOUT,
                               max_retries=max_retries, max_side=max_side)

    async def run() -> GuessResult:
        try:
            return await guesser.guess(drawing_png() if png is None else png, list(past))
        finally:
            await guesser.aclose()

    return asyncio.run(run())


@pytest.fixture
def fake():
    with FakeProvider("gemini") as f:
        yield f


def test_answer_and_reported_usage_are_returned(fake):
    fake.push(ok("a cat", input_tokens=321, output_tokens=4, model="gemini-2.5-flash-lite-preview-09-2025"))
    result = guess_once(fake)
    assert result == GuessResult(text="a cat", input_tokens=321, output_tokens=4,
                                 model="gemini-2.5-flash-lite-preview-09-2025")


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


@pytest.mark.parametrize("status", [500, 503, 504])
def test_server_errors_are_unavailable_after_bounded_retries(status):
    with FakeProvider("gemini", default=server_error(status)) as fake:
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
    with FakeProvider("gemini", default=drop()) as fake:
        with pytest.raises(ProviderUnavailable):
            guess_once(fake)


@pytest.mark.parametrize("variant, reason", [
    ("block_reason", "SAFETY"), ("SAFETY", "SAFETY"), ("PROHIBITED_CONTENT", "PROHIBITED_CONTENT"),
    ("IMAGE_SAFETY", "IMAGE_SAFETY"), ("RECITATION", "RECITATION"),
])
def test_refusal_is_recorded_with_tokens_never_as_a_guess(fake, variant, reason):
    fake.push(refusal(variant, input_tokens=300, output_tokens=2))
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
    with FakeProvider("gemini", default=Behaviour("status", status=status, echo_key=True)) as fake:
        with pytest.raises(GuesserError) as info:
            guess_once(fake)
        assert fake.last().sent_key() == FAKE_GEMINI_KEY  # the key was sent, and echoed back
        assert FAKE_GEMINI_KEY not in str(info.value) and FAKE_GEMINI_KEY not in repr(info.value)
        assert "AIza" not in str(info.value)


def test_auth_error_says_which_key_to_check(fake):
    fake.push(auth_error(401))
    with pytest.raises(GuesserError, match="GEMINI_API_KEY"):
        guess_once(fake)


def test_request_is_one_user_turn_image_then_prompt_without_system(fake):
    guess_once(fake, past=["dog", "house"])
    record = fake.last()
    assert record.path.endswith(f"/models/{MODEL}:generateContent")
    body = record.body
    assert "systemInstruction" not in body and "system_instruction" not in body
    assert [c["role"] for c in body["contents"]] == ["user"]
    parts = body["contents"][0]["parts"]
    assert len(parts) == 2 and "text" in parts[1] and "text" not in parts[0]
    assert parts[1]["text"] == build_prompt(["dog", "house"])


def test_image_sent_is_cropped_greyscale_png_within_max_side(fake):
    guess_once(fake, max_side=128)
    (image,) = fake.last().images()
    im = Image.open(io.BytesIO(image))
    assert im.format == "PNG" and im.mode == "L"
    assert max(im.size) <= 128
    width, height = im.size
    assert width > height  # cropped to the wide ellipse, not the square canvas


def _thinking(body: dict) -> dict:
    config = body.get("generationConfig") or body.get("generation_config")
    thinking = config.get("thinkingConfig") or config.get("thinking_config")
    return {k.replace("_", "").lower(): v for k, v in thinking.items()}


def test_thinking_budget_is_zero_on_gemini_2(fake):
    guess_once(fake)
    assert _thinking(fake.last().body) == {"thinkingbudget": 0}


def test_thinking_is_minimal_on_gemini_3(fake):
    guess_once(fake, model="gemini-3.1-flash-lite")
    assert _thinking(fake.last().body) == {"thinkinglevel": "MINIMAL"}


def test_low_media_resolution_is_requested_by_default(fake):
    guess_once(fake)
    config = fake.last().body.get("generationConfig") or fake.last().body.get("generation_config")
    assert (config.get("mediaResolution") or config.get("media_resolution")) == "MEDIA_RESOLUTION_LOW"


def test_blank_drawing_is_a_pass_without_a_call(fake):
    result = guess_once(fake, png=blank_png())
    assert result.passed
    assert fake.count == 0


def test_broken_png_raises_bad_image_without_a_call(fake):
    with pytest.raises(BadImage):
        guess_once(fake, png=b"\x89PNG\r\n\x1a\nnot really")
    assert fake.count == 0


def test_client_is_made_on_first_guess_and_reused(fake):
    guesser = GeminiGuesser(MODEL, FAKE_GEMINI_KEY, base_url=fake.base_url, timeout=TIMEOUT, max_retries=0)

    async def two_guesses() -> None:
        await guesser.guess(drawing_png(), [])
        await guesser.guess(drawing_png(), ["cat"])
        await guesser.aclose()

    assert fake.count == 0
    asyncio.run(two_guesses())
    first, second = fake.requests
    assert first.client_port == second.client_port  # one client, one kept-alive connection


def test_guesser_works_again_on_a_new_loop_after_aclose(fake):
    guesser = GeminiGuesser(MODEL, FAKE_GEMINI_KEY, base_url=fake.base_url, timeout=TIMEOUT, max_retries=0)

    async def one() -> str | None:
        try:
            return (await guesser.guess(drawing_png(), [])).text
        finally:
            await guesser.aclose()

    assert asyncio.run(one()) == "cat"
    assert asyncio.run(one()) == "cat"


def test_identity_attributes():
    guesser = GeminiGuesser(MODEL, FAKE_GEMINI_KEY)
    assert (guesser.name, guesser.model, guesser.paid, guesser.provider) == (
        "Gemini (gemini-2.5-flash-lite)", MODEL, True, "gemini")
    assert FAKE_GEMINI_KEY not in repr(guesser)
