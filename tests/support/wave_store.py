"""A CountingStore that also records when each read it hands to the real store starts and ends, so
a test can count the sequential round trips ("waves") a piece of work needs: a read is in the wave
after the latest wave of the reads that had already answered when it was sent, so reads sent
together share a wave, and a read that waited for another's answer is one wave later."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from graph.stores.base import GraphStore, Row
from tests.support.counting_store import CountingStore


@dataclass(frozen=True, slots=True)
class Read:
    name: str
    started: float
    ended: float
    wave: int


class WaveStore(CountingStore):
    def __init__(self, inner: GraphStore) -> None:
        super().__init__(inner)
        self.reads: list[Read] = []

    def reset(self) -> None:
        super().reset()
        self.reads.clear()

    @property
    def waves(self) -> int:
        return max((r.wave for r in self.reads), default=0)

    def by_wave(self) -> dict[int, list[str]]:
        """Wave -> the statements read in it, sorted (for assertion messages)."""
        waves: dict[int, list[str]] = {}
        for read in self.reads:
            waves.setdefault(read.wave, []).append(read.name)
        return {w: sorted(names) for w, names in sorted(waves.items())}

    async def read(self, name: str, **params: Any) -> list[Row]:
        started = time.perf_counter()
        # only the reads that answered before this one was sent can have fed its parameters
        wave = 1 + max((r.wave for r in self.reads if r.ended <= started), default=0)
        try:
            return await super().read(name, **params)
        finally:
            self.reads.append(Read(name, started, time.perf_counter(), wave))
