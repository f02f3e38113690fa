"""LLM providers behind one interface (`explainer.llm.base.LLMProvider`)."""

from __future__ import annotations

from explainer.core.settings import Settings
from explainer.llm.base import LLMProvider


def build_provider(settings: Settings) -> LLMProvider:
    """Gemini when configured (with the offline provider as its fallback), else offline."""
    from explainer.llm.offline import OfflineProvider  # loads its analyser only when a provider is built

    offline = OfflineProvider(settings)
    if not settings.gemini_enabled:
        return offline
    from explainer.llm.gemini import GeminiProvider  # google-genai loads only when Gemini is configured

    return GeminiProvider(settings, fallback=offline)


__all__ = ["LLMProvider", "build_provider"]
