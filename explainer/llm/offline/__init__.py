"""The offline LLM provider: deterministic, local, no key, no network (kiwipiepy + hashing)."""

from explainer.llm.offline.provider import OfflineProvider, is_warm, warm_up

__all__ = ["OfflineProvider", "is_warm", "warm_up"]
