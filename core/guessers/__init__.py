"""Guessers: one adapter per provider behind the async signature in `core.guessers.base`."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from core.guessers.common import is_loopback_url

def build_guessers(settings: Any, words: Sequence[Any]) -> list:
    """The offline sketch guesser first (if enabled), then one guesser per configured model of each keyed provider."""
    guessers: list = []
    if settings.SKETCH_ENABLED:
        from core.sketch import SketchGuesser  # written alongside; import late so a broken sketch module stays local

        guessers.append(SketchGuesser(words, min_confidence=settings.SKETCH_MIN_CONFIDENCE))
    common = dict(
        timeout=settings.PROVIDER_TIMEOUT,
        max_retries=settings.PROVIDER_MAX_RETRIES,
        max_side=settings.IMAGE_MAX_SIDE,
    )
    if settings.ANTHROPIC_API_KEY:
        from core.guessers.anthropic_guesser import AnthropicGuesser

        for model in _unique(settings.ANTHROPIC_MODELS):
            guessers.append(AnthropicGuesser(model, settings.ANTHROPIC_API_KEY,
                                             base_url=settings.ANTHROPIC_BASE_URL or None, **common))
    if settings.OPENAI_API_KEY:
        from core.guessers.openai_guesser import OpenAIGuesser

        for model in _unique(settings.OPENAI_MODELS):
            guessers.append(OpenAIGuesser(model, settings.OPENAI_API_KEY,
                                          base_url=settings.OPENAI_BASE_URL or None, **common))
    if settings.gemini_key:
        from core.guessers.gemini_guesser import GeminiGuesser

        for model in _unique(settings.GEMINI_MODELS):
            guessers.append(GeminiGuesser(model, settings.gemini_key,
                                          base_url=settings.GEMINI_BASE_URL or None,
                                          media_resolution=settings.GEMINI_MEDIA_RESOLUTION, **common))
    if settings.OPENAI_COMPAT_BASE_URL and settings.OPENAI_COMPAT_MODEL:
        from core.guessers.openai_guesser import OpenAICompatibleGuesser

        guessers.append(OpenAICompatibleGuesser(
            settings.OPENAI_COMPAT_MODEL,
            settings.OPENAI_COMPAT_API_KEY,
            base_url=settings.OPENAI_COMPAT_BASE_URL,
            name=settings.OPENAI_COMPAT_NAME or None,
            **common,
        ))
    return guessers


def describe_guessers(settings: Any) -> list[str]:
    """One line per provider for the UI: who plays with which models, and which key is missing."""
    lines = []
    if settings.SKETCH_ENABLED:
        lines.append("Offline sketch model: plays (free, runs on this server).")
    else:
        lines.append("Offline sketch model: off (SKETCH_ENABLED is false).")
    providers = [
        ("Claude (Anthropic)", settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_MODELS, "ANTHROPIC_API_KEY"),
        ("GPT (OpenAI)", settings.OPENAI_API_KEY, settings.OPENAI_MODELS, "OPENAI_API_KEY"),
        ("Gemini (Google)", settings.gemini_key, settings.GEMINI_MODELS, "GEMINI_API_KEY or GOOGLE_API_KEY"),
    ]
    for label, key, models, key_name in providers:
        models = _unique(models)
        if key and models:
            lines.append(f"{label}: plays with {', '.join(models)}.")
        elif key:
            lines.append(f"{label}: key set but no model configured.")
        else:
            lines.append(f"{label}: not playing, {key_name} is not set.")
    if settings.OPENAI_COMPAT_BASE_URL and settings.OPENAI_COMPAT_MODEL:
        where = "local server" if is_loopback_url(settings.OPENAI_COMPAT_BASE_URL) else "OpenAI-compatible server"
        label = settings.OPENAI_COMPAT_NAME or settings.OPENAI_COMPAT_MODEL
        lines.append(f"{label}: plays through a {where} ({settings.OPENAI_COMPAT_MODEL}).")
    return lines


def _unique(models: Iterable[str]) -> list[str]:
    """Model ids in order, blanks and repeats dropped (two identical guessers would only double the bill)."""
    out: list[str] = []
    for m in models or ():
        m = str(m).strip()
        if m and m not in out:
            out.append(m)
    return out
