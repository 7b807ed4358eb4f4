"""Who plays (build_guessers / describe_guessers) and the helpers the adapters share."""
from __future__ import annotations

import asyncio
import email.utils

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.guessers import build_guessers, describe_guessers
from core.guessers.anthropic_guesser import AnthropicGuesser
from core.guessers.base import Guesser, ProviderTimeout, ProviderUnavailable
from core.guessers.common import call_with_retries, clean_reply, is_loopback_url, retry_after_seconds, scrub
from core.guessers.gemini_guesser import GeminiGuesser
from core.guessers.openai_guesser import OpenAICompatibleGuesser, OpenAIGuesser
from core.settings import Settings
from core.words import parse_words

WORDS = parse_words("cat\nhouse\n")


def settings(**env: str) -> Settings:
    return Settings.load(env={"SKETCH_ENABLED": "false", **env})


def test_no_keys_means_no_paid_guessers():
    assert build_guessers(settings(), WORDS) == []


def test_each_keyed_provider_plays_every_configured_model():
    s = settings(ANTHROPIC_API_KEY="sk-ant-a", OPENAI_API_KEY="sk-o", GOOGLE_API_KEY="AIza-g",
                 OPENAI_MODELS="gpt-5-mini, gpt-6-luna, gpt-5-mini", PROVIDER_TIMEOUT="4", IMAGE_MAX_SIDE="256")
    guessers = build_guessers(s, WORDS)
    assert [type(g) for g in guessers] == [AnthropicGuesser, OpenAIGuesser, OpenAIGuesser, GeminiGuesser]
    assert [g.model for g in guessers] == ["claude-haiku-5-5", "gpt-5-mini", "gpt-6-luna", "gemini-2.5-flash-lite"]
    assert all(isinstance(g, Guesser) and g.paid for g in guessers)
    assert all(g.timeout == 4 and g.max_side == 256 for g in guessers)
    assert len({g.name for g in guessers}) == len(guessers)


def test_base_urls_reach_the_guessers():
    s = settings(ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL="http://127.0.0.1:9/", GEMINI_API_KEY="k")
    anthropic, gemini = build_guessers(s, WORDS)
    assert anthropic.base_url == "http://127.0.0.1:9/"
    assert gemini.base_url is None


def test_compatible_server_adds_one_guesser_without_any_key():
    s = settings(OPENAI_COMPAT_BASE_URL="http://localhost:11434/v1", OPENAI_COMPAT_MODEL="llava:7b",
                 OPENAI_COMPAT_NAME="Llava (local)")
    (guesser,) = build_guessers(s, WORDS)
    assert isinstance(guesser, OpenAICompatibleGuesser)
    assert (guesser.name, guesser.model, guesser.paid) == ("Llava (local)", "llava:7b", False)


def test_sketch_guesser_comes_first_when_enabled():
    pytest.importorskip("core.sketch")
    from core.sketch import SketchGuesser

    s = Settings.load(env={"SKETCH_ENABLED": "true", "OPENAI_API_KEY": "k"})
    try:
        guessers = build_guessers(s, WORDS)
    except Exception as exc:  # the sketch model's weights may not be built in this checkout
        pytest.skip(f"sketch guesser unavailable here: {exc}")
    assert isinstance(guessers[0], SketchGuesser)
    assert isinstance(guessers[1], OpenAIGuesser)


def test_description_names_players_and_missing_keys():
    lines = describe_guessers(settings(OPENAI_API_KEY="k"))
    text = "\n".join(lines)
    assert "GPT (OpenAI): plays with gpt-6-luna" in text
    assert "ANTHROPIC_API_KEY is not set" in text
    assert "GEMINI_API_KEY or GOOGLE_API_KEY is not set" in text


def test_description_never_shows_a_key():
    key = "sk-secret-0123456789"
    assert all(key not in line for line in describe_guessers(settings(OPENAI_API_KEY=key, ANTHROPIC_API_KEY=key)))


@pytest.mark.parametrize("text", [
    "invalid key sk-ant-" + "api03-abcdefghijklmnop",
    "Incorrect API key provided: sk-proj-ABCDEFGHIJ1234567890",
    "API key not valid: AIzaSyA1234567890abcdefghijklmno",
    "header was Bearer abcdefghijklmnopqrstuvwxyz",
    "url https://x/y?key=abcdefghijk123 failed",
])
def test_key_like_strings_are_scrubbed(text):
    out = scrub(text)
    assert "[redacted]" in out
    for secret in ("sk-ant-api03", "sk-proj-ABC", "AIzaSyA", "abcdefghijklmnopqrstuvwxyz", "abcdefghijk123"):
        assert secret not in out


def test_given_secrets_are_scrubbed_whatever_they_look_like():
    assert scrub("the key is hunter2-local", ["hunter2-local"]) == "the key is [redacted]"


def test_plain_messages_survive_scrubbing():
    assert scrub("Overloaded (529): try again later") == "Overloaded (529): try again later"


NOW = 1_800_000_000.0


@pytest.mark.parametrize("headers, expected", [
    ({"retry-after": "7"}, 7.0),
    ({"retry-after": "1.5"}, 1.5),
    ({"retry-after-ms": "250"}, 0.25),
    ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
    ({"retry-after": email.utils.formatdate(NOW + 30, usegmt=True)}, 30.0),
    ({"retry-after": email.utils.formatdate(NOW - 30, usegmt=True)}, 0.0),
    ({"retry-after": "soon"}, None),
    ({"retry-after": "-3"}, None),
    ({"retry-after": "nan"}, None),
    ({}, None),
    (None, None),
])
def test_retry_after_is_read_from_headers(headers, expected):
    assert retry_after_seconds(headers, NOW) == expected


@pytest.mark.parametrize("reply, guess", [
    ("cat", "cat"),
    ("  A cat.\nIt has whiskers.", "A cat."),
    ("\n\n  fire   truck ", "fire truck"),
    ("", None),
    ("   \n ", None),
    (None, None),
])
def test_reply_becomes_one_trimmed_line(reply, guess):
    assert clean_reply(reply) == guess


@given(st.text())
def test_clean_reply_is_one_bounded_line(text):
    out = clean_reply(text)
    assert out is None or ("\n" not in out and 0 < len(out) <= 120 and out == out.strip())


@pytest.mark.parametrize("url, local", [
    ("http://localhost:11434/v1", True), ("http://127.0.0.1:8000/v1", True), ("http://127.5.5.5/v1", True),
    ("http://[::1]:1234/v1", True), ("https://api.openai.com/v1", False), ("http://192.168.1.2/v1", False),
    ("not a url", False),
])
def test_loopback_urls_are_recognised(url, local):
    assert is_loopback_url(url) is local


def _flaky(failures: list[Exception]):
    calls = []

    async def call():
        calls.append(1)
        if failures:
            raise failures.pop(0)
        return "ok"

    return call, calls


async def _no_sleep(_: float) -> None:
    return None


def test_unavailable_is_retried_up_to_the_limit():
    call, calls = _flaky([ProviderUnavailable("500"), ProviderUnavailable("500")])
    assert asyncio.run(call_with_retries(call, 2, sleep=_no_sleep)) == "ok"
    assert len(calls) == 3


def test_retries_stop_at_the_limit():
    call, calls = _flaky([ProviderUnavailable("500")] * 5)
    with pytest.raises(ProviderUnavailable):
        asyncio.run(call_with_retries(call, 1, sleep=_no_sleep))
    assert len(calls) == 2


def test_timeouts_are_not_retried():
    call, calls = _flaky([ProviderTimeout("slow")])
    with pytest.raises(ProviderTimeout):
        asyncio.run(call_with_retries(call, 3, sleep=_no_sleep))
    assert len(calls) == 1
