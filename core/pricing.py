"""Prices per model, the cost of one guess, image-token rules, and the daily-budget arithmetic."""
from __future__ import annotations

import math
import re
from typing import Mapping

# Dollars per million tokens: (input, output). Standard tier, short prompts (Claude Haiku 5.5 and the
# GPT-5.x/6 models charge more above 100K / 272K prompt tokens; a guess is a few hundred tokens).
# Sources, checked on PRICES_CHECKED:
#   https://platform.claude.com/docs/en/about-claude/pricing
#   https://developers.openai.com/api/docs/pricing
#   https://ai.google.dev/gemini-api/docs/pricing
# Override or extend without a release: the PRICES_JSON setting, {"model": [input, output]}.
PRICES_CHECKED = "2026-11-21"
PRICES: dict[str, tuple[float, float]] = {
    # Anthropic
    "claude-haiku-4-5": (1.00, 5.00),
    "claude-haiku-5-5": (0.10, 0.50),
    "claude-sonnet-4-5": (3.00, 15.00),
    "claude-sonnet-5-5": (2.00, 10.00),
    # OpenAI
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5.4-mini": (0.75, 4.50),
    "gpt-5.6-luna": (0.20, 1.20),
    "gpt-6-luna": (0.10, 0.50),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o-mini": (0.15, 0.60),
    # Google
    "gemini-2.5-flash-lite": (0.10, 0.40),
    "gemini-3.1-flash-lite": (0.25, 1.50),
    # The offline sketch model runs on this server.
    "sketch-cnn": (0.0, 0.0),
}

# What may follow a priced id and still be the same model: a snapshot date ("-20251001", "-2025-08-07"),
# a version ("-001", "-v1:0"), "-latest", or a preview tag ("-preview", "-preview-09-2025").
_SNAPSHOT_SUFFIX = re.compile(r"^(?:[-@](?:\d{8}|\d{4}-\d{2}-\d{2}|\d{3}|v\d+(?::\d+)?|latest|preview(?:-[\w-]+)?))+$")
_PROVIDER_PREFIX = re.compile(r"^(?:models/|anthropic/|openai/|google/)")


def price_for(model: str | None, overrides: Mapping[str, tuple[float, float]] | None = None) -> tuple[float, float] | None:
    """(input, output) dollars per million tokens for `model`, matching dated snapshots to their base id; None if unknown."""
    if not model:
        return None
    table = {**PRICES, **(overrides or {})}
    name = _PROVIDER_PREFIX.sub("", model.strip().lower())
    if name in table:
        return table[name]
    for base in sorted(table, key=len, reverse=True):  # longest first: "gpt-5-mini" before "gpt-5"
        if name.startswith(base) and _SNAPSHOT_SUFFIX.match(name[len(base):]):
            return table[base]
    return None


def cost_usd(model: str | None, input_tokens: int | None, output_tokens: int | None,
             overrides: Mapping[str, tuple[float, float]] | None = None) -> float | None:
    """Dollars for one call; None (unknown, not zero) when the model has no price or a token count is missing."""
    if input_tokens is None or output_tokens is None:
        return None
    if input_tokens < 0 or output_tokens < 0:
        raise ValueError("token counts cannot be negative")
    price = price_for(model, overrides)
    if price is None:
        return None
    return (input_tokens * price[0] + output_tokens * price[1]) / 1_000_000


def budget_left(spent_today: float, budget: float) -> float:
    """Dollars still allowed today (never below 0)."""
    return max(0.0, budget - spent_today)


def over_budget(spent_today: float, budget: float) -> bool:
    """True once today's recorded spend has reached the daily budget: paid guessers stop."""
    return spent_today >= budget


# --- image tokens --------------------------------------------------------------------------------
# Estimates only, for the About page and the token benchmark; accounting uses the usage the SDKs report.

# OpenAI patch models: tokens = 32-px patches (at most 1536) x a per-model multiplier.
# https://platform.openai.com/docs/guides/images-vision#calculating-costs
OPENAI_PATCH_MULTIPLIER = {"gpt-5-mini": 1.62, "gpt-5-nano": 2.46, "gpt-4.1-mini": 1.62,
                           "gpt-4.1-nano": 2.46, "o4-mini": 1.72}
# OpenAI tile models (512-px tiles after fitting in 2048 and short side 768): base + per tile.
OPENAI_TILE_COSTS = {"gpt-4o-mini": (2833, 5667), "gpt-4o": (85, 170), "gpt-4.1": (85, 170),
                     "gpt-5": (70, 140), "o1": (75, 150), "o3": (75, 150)}


def image_tokens(provider: str, width: int, height: int, model: str | None = None,
                 media_resolution: str = "default") -> int:
    """Input tokens one width x height image costs at `provider` (and `model` where the rule depends on it)."""
    if width <= 0 or height <= 0:
        raise ValueError("image size must be positive")
    if provider == "anthropic":
        return _anthropic_image_tokens(width, height)
    if provider in ("openai", "openai-compatible"):
        return _openai_image_tokens(width, height, (model or "").lower())
    if provider == "gemini":
        return _gemini_image_tokens(width, height, (model or "").lower(), media_resolution)
    raise ValueError(f"unknown provider {provider!r}")


def _anthropic_image_tokens(width: int, height: int) -> int:
    # About one token per 28 x 28 px (the older rule, w*h/750, is within 5 % of it); images whose long
    # side exceeds 1568 px or that would cost more than ~1600 tokens are first scaled down to fit.
    # https://platform.claude.com/docs/en/build-with-claude/vision#evaluate-image-size
    scale = min(1.0, 1568 / max(width, height))
    w, h = width * scale, height * scale
    tokens = math.ceil(w / 28) * math.ceil(h / 28)
    if tokens > 1600:
        shrink = math.sqrt(1600 / tokens)
        w, h = w * shrink, h * shrink
        tokens = math.ceil(w / 28) * math.ceil(h / 28)
    return min(tokens, 1600)


def _openai_image_tokens(width: int, height: int, model: str) -> int:
    tile = next((OPENAI_TILE_COSTS[k] for k in sorted(OPENAI_TILE_COSTS, key=len, reverse=True)
                 if model == k or (model.startswith(k) and _SNAPSHOT_SUFFIX.match(model[len(k):]))), None)
    if tile is not None:
        base, per_tile = tile
        scale = min(1.0, 2048 / max(width, height))
        w, h = width * scale, height * scale
        scale = min(1.0, 768 / min(w, h))
        w, h = w * scale, h * scale
        return base + per_tile * math.ceil(w / 512) * math.ceil(h / 512)
    patches = math.ceil(width / 32) * math.ceil(height / 32)
    if patches > 1536:  # the image is first scaled down to fit in 1536 patches
        shrink = math.sqrt(32 * 32 * 1536 / (width * height))
        patches = min(1536, math.ceil(width * shrink / 32) * math.ceil(height * shrink / 32))
    multiplier = next((OPENAI_PATCH_MULTIPLIER[k] for k in sorted(OPENAI_PATCH_MULTIPLIER, key=len, reverse=True)
                       if model.startswith(k)), 1.0)
    return math.ceil(patches * multiplier)


# A request-wide media_resolution caps the tokens per image. Gemini 2.x: LOW 64, MEDIUM 256
# (GenerationConfig.mediaResolution in Google's API reference: "Media resolution set to low (64
# tokens)"); Gemini 3: LOW 280, MEDIUM 560, HIGH 1120 (https://ai.google.dev/gemini-api/docs/media-resolution).
GEMINI_2_MEDIA_TOKENS = {"low": 64, "medium": 256}
GEMINI_3_MEDIA_TOKENS = {"low": 280, "medium": 560, "high": 1120}


def _gemini_image_tokens(width: int, height: int, model: str, media_resolution: str = "default") -> int:
    # Gemini 2.x: 258 tokens when both sides are at most 384 px; larger images are cut into 768 x 768 tiles
    # of 258 tokens each. https://ai.google.dev/gemini-api/docs/tokens#multimodal-tokens
    # Gemini 3 bills by media_resolution instead (default high: 1120 per image, whatever its size).
    # https://ai.google.dev/gemini-api/docs/media-resolution
    if model.startswith("gemini-") and not model.startswith(("gemini-1", "gemini-2")):
        return GEMINI_3_MEDIA_TOKENS.get(media_resolution, 1120)
    if media_resolution in GEMINI_2_MEDIA_TOKENS:
        return GEMINI_2_MEDIA_TOKENS[media_resolution]
    if width <= 384 and height <= 384:
        return 258
    return 258 * math.ceil(width / 768) * math.ceil(height / 768)
