"""Guessers: one adapter per provider behind the async signature in `core.guessers.base`."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Iterable, Sequence

from core.guessers.common import is_loopback_url
from core.i18n import DEFAULT_LANGUAGE, t


@dataclass(frozen=True)
class Provider:
    """A paid provider: how it is named, which settings give its key, models and endpoint, and its adapter."""

    label: str
    key_settings: tuple[str, ...]  # the first one set is the key
    models_setting: str
    base_url_setting: str
    adapter: str  # "module:Class" under core.guessers

    def key(self, settings: Any) -> str:
        """The key the settings give this provider ("" when none is set)."""
        return next((getattr(settings, k) for k in self.key_settings if getattr(settings, k)), "")

    def models(self, settings: Any) -> list[str]:
        """The models it plays with."""
        return _unique(getattr(settings, self.models_setting))

    def adapter_class(self) -> type:
        """Its adapter class (imported on first use: a broken SDK stays local to its provider)."""
        module, name = self.adapter.split(":")
        return getattr(import_module(f"core.guessers.{module}"), name)


# The one list of paid providers: settings, the line-up, the notices and the reserved nicknames read it.
PROVIDERS = (
    Provider("Claude (Anthropic)", ("ANTHROPIC_API_KEY",), "ANTHROPIC_MODELS", "ANTHROPIC_BASE_URL",
             "anthropic_guesser:AnthropicGuesser"),
    Provider("GPT (OpenAI)", ("OPENAI_API_KEY",), "OPENAI_MODELS", "OPENAI_BASE_URL", "openai_guesser:OpenAIGuesser"),
    Provider("Gemini (Google)", ("GEMINI_API_KEY", "GOOGLE_API_KEY"), "GEMINI_MODELS", "GEMINI_BASE_URL",
             "gemini_guesser:GeminiGuesser"),
)


def build_guessers(settings: Any, words: Sequence[Any]) -> list:
    """The offline sketch guesser first (if enabled), then one guesser per configured model of each keyed provider."""
    guessers: list = []
    if settings.SKETCH_ENABLED:
        from core.sketch import SketchGuesser  # import late so a broken sketch module stays local

        guessers.append(SketchGuesser(words, min_confidence=settings.SKETCH_MIN_CONFIDENCE))
    common = dict(
        timeout=settings.PROVIDER_TIMEOUT,
        max_retries=settings.PROVIDER_MAX_RETRIES,
        max_side=settings.IMAGE_MAX_SIDE,
    )
    for provider in PROVIDERS:
        key = provider.key(settings)
        if not key:
            continue
        cls = provider.adapter_class()
        extra = {"media_resolution": settings.GEMINI_MEDIA_RESOLUTION} if provider.models_setting == "GEMINI_MODELS" \
            else {}
        for model in provider.models(settings):
            guessers.append(cls(model, key, base_url=getattr(settings, provider.base_url_setting) or None,
                                **extra, **common))
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


def key_settings_text(lang: str = DEFAULT_LANGUAGE) -> str:
    """The key settings in words, in `lang`: "`ANTHROPIC_API_KEY`, `OPENAI_API_KEY` or `GEMINI_API_KEY`"."""
    names = [f"`{p.key_settings[0]}`" for p in PROVIDERS]
    return t(lang, "rules.either", first=", ".join(names[:-1]), second=names[-1])


def describe_guessers(settings: Any, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """One line per provider for the UI, in `lang`: who plays with which models, and which key is missing."""
    lines = [t(lang, "rules.sketch_on" if settings.SKETCH_ENABLED else "rules.sketch_off")]
    for provider in PROVIDERS:
        models = provider.models(settings)
        if provider.key(settings) and models:
            lines.append(t(lang, "rules.provider_plays", provider=provider.label, models=", ".join(models)))
        elif provider.key(settings):
            lines.append(t(lang, "rules.provider_no_model", provider=provider.label))
        else:
            keys = provider.key_settings[-1]
            for other in reversed(provider.key_settings[:-1]):
                keys = t(lang, "rules.either", first=other, second=keys)
            lines.append(t(lang, "rules.provider_no_key", provider=provider.label, keys=keys))
    if settings.OPENAI_COMPAT_BASE_URL and settings.OPENAI_COMPAT_MODEL:
        where = "rules.compat_local" if is_loopback_url(settings.OPENAI_COMPAT_BASE_URL) else "rules.compat_remote"
        label = settings.OPENAI_COMPAT_NAME or settings.OPENAI_COMPAT_MODEL
        lines.append(t(lang, where, label=label, model=settings.OPENAI_COMPAT_MODEL))
    return lines


def _unique(models: Iterable[str]) -> list[str]:
    """Model ids in order, blanks and repeats dropped (two identical guessers would only double the bill)."""
    out: list[str] = []
    for m in models or ():
        m = str(m).strip()
        if m and m not in out:
            out.append(m)
    return out
