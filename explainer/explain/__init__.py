"""Explain: spoiler-bounded graph retrieval, reference resolution, answer composition, cache."""
