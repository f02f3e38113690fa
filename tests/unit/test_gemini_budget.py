"""RequestBudget: a sliding-window request budget that waits instead of failing."""

from __future__ import annotations

import asyncio

import pytest

from explainer.llm.budget import RequestBudget


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_acquisitions_within_the_limit_do_not_wait() -> None:
    clock = FakeClock()
    budget = RequestBudget(3, clock=clock, sleep=clock.sleep)
    assert [await budget.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert clock.sleeps == []


async def test_the_next_acquisition_waits_for_the_oldest_to_leave_the_window() -> None:
    clock = FakeClock()
    budget = RequestBudget(2, clock=clock, sleep=clock.sleep)
    await budget.acquire()
    clock.now = 10.0
    await budget.acquire()
    clock.now = 20.0

    waited = await budget.acquire()  # the first left the window at t=60

    assert waited == pytest.approx(40.0)
    assert clock.now == pytest.approx(60.0)
    assert await budget.acquire() == pytest.approx(10.0)  # the second leaves at t=70


async def test_concurrent_waiters_are_paced_in_real_time() -> None:
    budget = RequestBudget(2, window=0.2)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.gather(*(budget.acquire() for _ in range(5)))
    assert loop.time() - started >= 0.38  # 5 acquisitions at 2 per 0.2 s: two full waits


def test_a_budget_needs_a_positive_limit() -> None:
    with pytest.raises(ValueError):
        RequestBudget(0)
