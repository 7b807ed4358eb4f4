"""Prices, the cost of one guess, image-token rules and the daily budget."""
from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.pricing import PRICES, PRICES_CHECKED, budget_left, cost_usd, image_tokens, over_budget, price_for
from core.settings import Settings


@pytest.mark.parametrize("model, expected", [
    ("claude-haiku-4-5", (1.00, 5.00)),
    ("claude-haiku-4-5-20251001", (1.00, 5.00)),
    ("gpt-5-mini", (0.25, 2.00)),
    ("gpt-5-mini-2025-08-07", (0.25, 2.00)),
    ("gemini-2.5-flash-lite", (0.10, 0.40)),
    ("models/gemini-2.5-flash-lite", (0.10, 0.40)),
    ("gemini-2.5-flash-lite-preview-09-2025", (0.10, 0.40)),
    ("GPT-5-MINI", (0.25, 2.00)),
    ("sketch-cnn", (0.0, 0.0)),
])
def test_dated_and_prefixed_ids_match_their_base_price(model, expected):
    assert price_for(model) == expected


@pytest.mark.parametrize("model", [
    "gpt-5-minimal", "gpt-5", "claude-haiku-4", "claude-haiku-4-5x", "llava:7b", "", None, "gpt-5-mini-pro",
])
def test_unknown_models_have_no_price(model):
    assert price_for(model) is None


def test_longer_base_wins_over_shorter_one():
    table = {"gpt-5": (1.0, 1.0), "gpt-5-mini": (2.0, 2.0)}
    assert price_for("gpt-5-mini-2025-08-07", table) == (2.0, 2.0)
    assert price_for("gpt-5-2025-08-07", table) == (1.0, 1.0)


@pytest.mark.parametrize("model, tokens_in, tokens_out, expected", [
    ("claude-haiku-4-5", 1_000_000, 0, 1.00),
    ("claude-haiku-4-5", 0, 1_000_000, 5.00),
    ("claude-haiku-4-5-20251001", 300, 5, (300 * 1.00 + 5 * 5.00) / 1e6),
    ("gpt-5-mini", 250, 40, (250 * 0.25 + 40 * 2.00) / 1e6),
    ("gemini-2.5-flash-lite", 270, 3, (270 * 0.10 + 3 * 0.40) / 1e6),
    ("sketch-cnn", 10, 10, 0.0),
])
def test_cost_is_tokens_times_price_per_million(model, tokens_in, tokens_out, expected):
    assert cost_usd(model, tokens_in, tokens_out) == pytest.approx(expected)


@pytest.mark.parametrize("model, tokens_in, tokens_out", [
    ("mystery-model", 100, 10),
    ("gpt-5-mini", None, 10),
    ("gpt-5-mini", 100, None),
    (None, 100, 10),
])
def test_unknown_cost_is_none_not_zero(model, tokens_in, tokens_out):
    assert cost_usd(model, tokens_in, tokens_out) is None


def test_overrides_win_and_add_models():
    overrides = {"gpt-5-mini": (1.0, 1.0), "llava:7b": (0.0, 0.0)}
    assert cost_usd("gpt-5-mini-2025-08-07", 1_000_000, 0, overrides) == pytest.approx(1.0)
    assert cost_usd("llava:7b", 500, 5, overrides) == 0.0


def test_settings_price_overrides_feed_cost():
    settings = Settings.load(env={"PRICES_JSON": '{"my-model": [2, 8]}'})
    assert cost_usd("my-model", 1_000_000, 1_000_000, settings.price_overrides) == pytest.approx(10.0)


def test_negative_tokens_are_rejected():
    with pytest.raises(ValueError):
        cost_usd("gpt-5-mini", -1, 0)


def test_default_models_and_sketch_are_priced():
    defaults = Settings()
    for model in (*defaults.ANTHROPIC_MODELS, *defaults.OPENAI_MODELS, *defaults.GEMINI_MODELS, "sketch-cnn"):
        assert price_for(model) is not None, model


def test_price_table_has_a_check_date_and_sane_values():
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", PRICES_CHECKED)
    for model, (p_in, p_out) in PRICES.items():
        assert model == model.lower()
        assert 0 <= p_in <= p_out or (p_in == p_out == 0), model


@given(st.integers(0, 10**7), st.integers(0, 10**6))
def test_cost_is_never_negative_and_grows_with_tokens(tokens_in, tokens_out):
    low = cost_usd("gpt-5-mini", tokens_in, tokens_out)
    high = cost_usd("gpt-5-mini", tokens_in + 1, tokens_out + 1)
    assert 0 <= low < high


@pytest.mark.parametrize("spent, budget, left, over", [
    (0.0, 3.0, 3.0, False),
    (2.5, 3.0, 0.5, False),
    (3.0, 3.0, 0.0, True),
    (3.5, 3.0, 0.0, True),
    (0.0, 0.0, 0.0, True),
])
def test_budget_stops_paid_guessers_once_reached(spent, budget, left, over):
    assert budget_left(spent, budget) == pytest.approx(left)
    assert over_budget(spent, budget) is over


@pytest.mark.parametrize("provider, model, width, height, expected", [
    ("anthropic", None, 384, 384, 14 * 14),
    ("anthropic", None, 384, 200, 14 * 8),
    ("anthropic", None, 28, 28, 1),
    ("anthropic", None, 4000, 3000, 1600),
    ("openai", "gpt-5-mini", 384, 384, math.ceil(144 * 1.62)),
    ("openai", "gpt-5-nano", 320, 160, math.ceil(50 * 2.46)),
    ("openai", None, 384, 384, 144),
    ("openai", None, 4000, 3000, 1536),
    ("openai", "gpt-4o", 384, 384, 85 + 170),
    ("openai", "gpt-4o", 1024, 1024, 85 + 170 * 4),
    ("gemini", "gemini-2.5-flash-lite", 384, 384, 258),
    ("gemini", "gemini-2.5-flash-lite", 384, 100, 258),
    ("gemini", "gemini-2.5-flash-lite", 385, 384, 258),
    ("gemini", "gemini-2.5-flash-lite", 1536, 800, 258 * 2 * 2),
    ("gemini", "gemini-3.1-flash-lite", 384, 384, 1120),
])
def test_image_tokens_follow_each_providers_rule(provider, model, width, height, expected):
    assert image_tokens(provider, width, height, model) == expected


@pytest.mark.parametrize("model, resolution, expected", [
    ("gemini-2.5-flash-lite", "low", 64),
    ("gemini-2.5-flash-lite", "medium", 256),
    ("gemini-2.5-flash-lite", "default", 258),
    ("gemini-3.1-flash-lite", "low", 280),
    ("gemini-3.1-flash-lite", "default", 1120),
])
def test_gemini_media_resolution_caps_image_tokens(model, resolution, expected):
    assert image_tokens("gemini", 384, 300, model, media_resolution=resolution) == expected


@pytest.mark.parametrize("provider, width, height", [("anthropic", 0, 10), ("openai", 10, -1), ("mystery", 10, 10)])
def test_image_tokens_reject_bad_input(provider, width, height):
    with pytest.raises(ValueError):
        image_tokens(provider, width, height)


@given(st.integers(1, 4096), st.integers(1, 4096))
def test_anthropic_image_tokens_stay_between_one_and_the_cap(w, h):
    tokens = image_tokens("anthropic", w, h)
    assert 1 <= tokens <= 1600
