"""`OfflineProvider`: the `LLMProvider` that needs no key and no network.

Korean morphology comes from kiwipiepy. Its `Kiwi()` takes about a second and a few hundred MB
to load, so one analyser per process is created lazily, on the first Korean text, and shared by
every provider; a lock serialises its use because the work runs in a thread
(`asyncio.to_thread`) to keep the event loop free. An RQ worker loads it before forking
(`warm_up`), so every job's work horse starts with it in (copy-on-write) memory.
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

from explainer.core.settings import Settings
from explainer.llm.base import (
    AnalysisContext,
    BatchAnalysis,
    EmbedderInfo,
    ExplainContext,
    ExplanationDraft,
    LLMUsage,
    SegmentInput,
)
from explainer.llm.offline.embedding import HASHING_MODEL, HashingEmbedder
from explainer.reading.analysis import analyse_batch
from explainer.reading.mentions import Token

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

# Morpheme tags whose lemmas feed the embeddings: nouns, foreign words, verb and adjective stems.
_LEMMA_TAGS = frozenset({"NNG", "NNP", "SL", "VV", "VA", "XR"})


_KIWI_LOCK = threading.Lock()
_KIWI: Kiwi | None = None


def shared_kiwi() -> Kiwi:
    """The process's one Kiwi analyser (a local model in memory, not a client of anything)."""
    global _KIWI
    with _KIWI_LOCK:
        if _KIWI is None:
            from kiwipiepy import Kiwi  # heavy import, only when Korean text shows up

            # one worker: per-line calls are faster than its thread pool for subtitle lines
            _KIWI = Kiwi(num_workers=1)
        return _KIWI


_WARM = threading.Event()


def warm_up() -> None:
    """Load the analyser and its language model (the first `tokenize` loads it: ~2-4 s)."""
    shared_kiwi().tokenize("미소 씨, 그때 그 사람이었어요.")
    _WARM.set()


def is_warm() -> bool:
    """True once this process's analyser has its language model loaded."""
    return _WARM.is_set()


class OfflineProvider:
    """Deterministic, local analysis and embeddings (see `explainer.llm.base`)."""

    name = "offline"

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._lock = _KIWI_LOCK
        self._calls = 0
        self._embedder = HashingEmbedder(settings.embedding_dim, self._lemmas)

    # --- kiwipiepy ---------------------------------------------------------------------------

    def tokenize(self, texts: list[str]) -> list[list[Token]]:
        """Morphemes of each text (thread-safe; loads kiwipiepy on first use)."""
        kiwi = shared_kiwi()
        with self._lock:
            return [[Token(t.form, t.tag, t.start, t.len) for t in kiwi.tokenize(text)] if text.strip() else []
                    for text in texts]

    def _lemmas(self, texts: list[str]) -> list[list[str]]:
        return [[t.form for t in tokens if t.tag.split("-")[0] in _LEMMA_TAGS]
                for tokens in self.tokenize(texts)]

    # --- LLMProvider -------------------------------------------------------------------------

    async def analyse(self, batch: list[SegmentInput], context: AnalysisContext) -> BatchAnalysis:
        self._calls += 1
        return await asyncio.to_thread(analyse_batch, batch, context, self.tokenize)

    @property
    def embedder(self) -> EmbedderInfo:
        return EmbedderInfo(provider=self.name, model=HASHING_MODEL, dimension=self._settings.embedding_dim)

    async def embed(self, texts: list[str]) -> list[list[float]]:
        self._calls += 1
        return await asyncio.to_thread(self._embedder.embed, texts)

    async def explain(self, context: ExplainContext) -> ExplanationDraft:  # noqa: ARG002 (the protocol's)
        """No text: offline, explain composes its graph-only answer itself (`explainer.explain.compose`)."""
        return ExplanationDraft(text="")

    def usage(self) -> LLMUsage:
        return LLMUsage(calls=self._calls)

    async def aclose(self) -> None:
        return None
