"""Local text embeddings without a model: signed feature hashing of character n-grams.

Each text becomes a bag of features — the words (Korean particles stripped, English crudely
stemmed), their character 1-3 grams, and for Korean the noun and verb lemmas kiwipiepy finds —
counted with sublinear TF (1 + log tf), hashed into `dim` buckets with a sign (blake2b, stable
across processes, unlike `hash()`), and L2-normalised, so cosine is a dot product. Shared
n-grams and lemmas make a paraphrase land near its original: 미소가 카페에서 민준을 만났대 and
어제 카페에서 미소랑 민준이 만났다고 share 미소, 카페, 민준, 만나.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from explainer.text.names import detect_language, strip_particles

# Text → lemmas (Korean nouns and verb stems), batched.
Lemmatize = Callable[[list[str]], list[list[str]]]

_WORD = re.compile(r"[\w']+", re.UNICODE)
_WEIGHTS = {"w": 1.5, "l": 1.5, "c3": 1.0, "c2": 0.7, "c1": 0.3}
_CACHE_LIMIT = 200_000


def _stem_english(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=50_000)
def word_features(raw: str) -> tuple[str, ...]:
    """Features of one lower-cased word: the word and its character 1-3 grams."""
    word = _stem_english(raw) if raw.isascii() else strip_particles(raw)
    if not word:
        return ()
    padded = f"<{word}>"
    grams = [f"c{n}:" + padded[i: i + n] for n in (2, 3) for i in range(len(padded) - n + 1)]
    return ("w:" + word, *grams, *("c1:" + char for char in word))


def text_features(text: str, lemmas: list[str]) -> Counter[str]:
    """The bag of (prefixed) features of one text."""
    features: Counter[str] = Counter()
    for raw in _WORD.findall(unicodedata.normalize("NFC", text).lower()):
        features.update(word_features(raw))
    features.update("l:" + lemma.lower() for lemma in lemmas)
    return features


# names the hashing scheme; bump it when the features change, so old vectors are re-embedded
HASHING_MODEL = "feature-hash-v1"

class HashingEmbedder:
    """Texts → L2-normalised vectors of `dim` floats. Deterministic; no model, no network."""

    def __init__(self, dim: int, lemmatize: Lemmatize) -> None:
        self.dim = dim
        self._lemmatize = lemmatize
        self._buckets: dict[str, tuple[int, float]] = {}

    def _bucket(self, feature: str) -> tuple[int, float]:
        cached = self._buckets.get(feature)
        if cached is None:
            digest = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")
            cached = (digest % self.dim, -1.0 if digest >> 63 else 1.0)
            if len(self._buckets) >= _CACHE_LIMIT:
                self._buckets.clear()
            self._buckets[feature] = cached
        return cached

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        korean = [i for i, text in enumerate(texts) if detect_language(text) == "ko"]
        lemmas: dict[int, list[str]] = {}
        if korean:  # no Korean, no kiwipiepy to load
            lemmas = dict(zip(korean, self._lemmatize([texts[i] for i in korean]), strict=True))
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, text in enumerate(texts):
            for feature, count in text_features(text, lemmas.get(row, [])).items():
                column, sign = self._bucket(feature)
                rows.append(row)
                cols.append(column)
                values.append(sign * _WEIGHTS[feature.split(":", 1)[0]] * (1.0 + math.log(count)))
        flat = np.asarray(rows, dtype=np.int64) * self.dim + np.asarray(cols, dtype=np.int64)
        matrix = np.bincount(flat, weights=np.asarray(values, dtype=np.float64),
                             minlength=len(texts) * self.dim).reshape(len(texts), self.dim)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0.0] = 1.0
        result: list[list[float]] = (matrix / norms).tolist()
        return result
