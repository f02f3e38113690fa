"""One ingestion job per video at a time, on any number of workers.

The queue names the video's latest job (`current_job_key`): every upload makes its job the
latest, and a delete writes `DELETED_MARK` there. A job writes only while it is the latest and
holds the video's turn, a lease in Redis (its job id, renewed from a thread so a busy event loop
cannot let it lapse; a dead worker's lease lapses after `LEASE_SECONDS`). A newer job waits for
the turn; the older one sees at its next graph write that it is no longer the latest, stops
(`JobSuperseded`) and gives the turn back, so the video's graph is always one upload's."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import redis
import redis.asyncio as aioredis

from explainer.core.errors import ExplainerError
from explainer.core.keys import DELETED_MARK, current_job_key, video_turn_key

log = logging.getLogger(__name__)

LEASE_SECONDS = 30.0
RENEW_EVERY_SECONDS = 5.0
POLL_SECONDS = 0.25

# take the turn when it is free or already ours (a requeued job of a dead worker)
_TAKE = """
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_GIVE_BACK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class JobSuperseded(ExplainerError):
    """The job is not the video's latest any more (a newer upload, or the video was deleted):
    it stops without writing and without recording a failure."""

    code = "JOB_SUPERSEDED"


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


class VideoTurn:
    def __init__(self, sync_redis: redis.Redis, async_redis: aioredis.Redis, video_id: str, job_id: str, *,
                 lease_seconds: float = LEASE_SECONDS) -> None:
        self._sync = sync_redis
        self._async = async_redis
        self.video_id = video_id
        self.job_id = job_id
        self._lease_ms = str(int(lease_seconds * 1000))
        self._held = False
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    async def latest(self) -> str | None:
        return _text(await self._async.get(current_job_key(self.video_id)))

    async def check(self) -> None:
        """Raises JobSuperseded unless this job is still the video's latest (before every write)."""
        latest = await self.latest()
        if latest != self.job_id:
            why = "the video was deleted" if latest == DELETED_MARK else f"job {latest} superseded it"
            raise JobSuperseded(f"ingestion job {self.job_id} of {self.video_id} stopped: {why}")

    async def take(self, *, timeout: float) -> None:
        """Wait for the video's turn (another job of it may still be stopping); raises
        JobSuperseded as soon as this job is no longer the latest."""
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            await self.check()
            taken = await self._async.eval(_TAKE, 1, video_turn_key(self.video_id), self.job_id,
                                           self._lease_ms)
            if taken:
                break
            if not waited:
                log.info("waiting for the video's running job to stop",
                         extra={"videoId": self.video_id, "jobId": self.job_id})
                waited = True
            if time.monotonic() > deadline:
                raise TimeoutError(f"video {self.video_id} stayed busy for {timeout:.0f} s")
            await asyncio.sleep(POLL_SECONDS)
        self._held = True
        self._renewer = threading.Thread(target=self._renew, name=f"turn-{self.video_id}", daemon=True)
        self._renewer.start()

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_EVERY_SECONDS):
            try:
                self._sync.eval(_RENEW, 1, video_turn_key(self.video_id), self.job_id, self._lease_ms)
            except redis.RedisError as exc:  # the store is restarting: the next renewal tries again
                log.warning("could not renew the video's turn: %s", exc, extra={"videoId": self.video_id})

    async def give_back(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            await asyncio.to_thread(self._renewer.join, 2 * RENEW_EVERY_SECONDS)
        if self._held:
            try:
                await self._async.eval(_GIVE_BACK, 1, video_turn_key(self.video_id), self.job_id)
            except redis.RedisError as exc:  # the lease lapses by itself
                log.warning("could not give the video's turn back: %s", exc, extra={"videoId": self.video_id})
            self._held = False


async def wait_until_free(async_redis: aioredis.Redis, video_id: str, *, timeout: float) -> bool:
    """True once no job holds the video's turn (within `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while await async_redis.exists(video_turn_key(video_id)):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(POLL_SECONDS / 2)
    return True
