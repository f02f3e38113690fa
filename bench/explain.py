"""Explain benchmark: server-side latency (p50/p95/p99) and requests/s of POST /api/explain for
cache hits and for cache misses (graph-only answers, offline provider), on the demo series and
on a synthetic 16-episode series (~15,000 lines), with a bare `RETURN 1` round trip to the graph
store as the floor.

Runs its own embedded server in a temporary directory, ingests both series in process, drives
the real app over ASGI (no network: latency is measured from the request entering the app to
its last response byte; the Question log written after the answer is not in it, but it is in
requests/s), and stops the server at the end. The first misses after start-up (the app's
statement warm-up done) show whether a cold store still costs the first viewer; per-statement
timings (every graph read the app sent, by statement name: n, mean, p50/p95, max, total) follow
the table, so a slow store shows which statement costs.

`--backend neo4j` runs the same measurement against the Neo4j at NEO4J_URI (NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE as for the app) — its database NEO4J_DATABASE is EMPTIED first;
Redis stays the embedded one. `--backend both` prints the embedded table, then the Neo4j one
(Redis is flushed between them: no answer or analysis cached by the first run helps the second).
The default is neo4j when NEO4J_URI is set, else the embedded FalkorDB.

    python bench/explain.py [--backend falkordb|neo4j|both] [--episodes 16] [--cues 940] [--requests 200]
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... python bench/explain.py --backend both
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine, MutableMapping
from pathlib import Path
from typing import Any

import httpx
import redis.asyncio as aioredis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.app import create_app  # noqa: E402
from bench.synthetic import synthetic_episode  # noqa: E402
from cli.local_ingest import demo_items, ingest_files  # noqa: E402
from explainer.core.keys import generation_key  # noqa: E402
from explainer.core.runtime import start_server, stop_server  # noqa: E402
from explainer.core.settings import Settings  # noqa: E402
from graph.repositories.segments import RangeKey, lines_in_ranges  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.stores import open_store  # noqa: E402
from seeds.loader import demo_episodes  # noqa: E402

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

KO_QUESTIONS = ["그때 그 사람이었어.", "그 사람 누구야?", "거기서 뭐 했어?", "그분이 누군지 알아요?",
                "그거 누가 준 거예요?", "미소 씨는 어디 갔어요?", "그날 무슨 일이 있었어?", "걔가 왜 거기 있었지?"]
EN_QUESTIONS = ["It was him.", "Who is she?", "What happened there?", "Back then, he was the keeper.",
                "Why was he at the lighthouse?"]
CONCURRENCY = 8


class Timed:
    """ASGI wrapper recording the time from a request's arrival to its last response byte."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.samples: list[float] = []

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.samples.append(time.perf_counter() - started)
            await send(message)

        await self.app(scope, receive, timed_send)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def row(label: str, samples: list[float], per_second: float | None) -> str:
    ms = [s * 1000 for s in samples]
    rate = "" if per_second is None else f"{per_second:.0f}"
    return (f"{label:<66} {len(ms):>6} {percentile(ms, 0.50):>8.2f} {percentile(ms, 0.95):>8.2f} "
            f"{percentile(ms, 0.99):>8.2f} {rate:>9}")


def synthetic_items(episodes: int, cues: int) -> list[dict[str, Any]]:
    return [{"registration": {"platform": "local", "video_id": f"synthetic-s01e{e:02d}", "title": f"합성 {e}화",
                              "series_title": "합성 드라마", "series_id": "synthetic", "season": 1, "episode": e,
                              "duration": 3600.0, "language": "ko"},
             "data": synthetic_episode(1000 + e, cues=cues), "filename": f"e{e:02d}.srt"}
            for e in range(1, episodes + 1)]


def unique_questions(videos: list[tuple[str, float, list[str]]], count: int, seed: int) -> list[dict[str, Any]]:
    """Distinct (video, text, 10-second bucket): each is a cache miss the first time."""
    rng = random.Random(seed)
    seen: set[tuple[str, str, int]] = set()
    questions: list[dict[str, Any]] = []
    while len(questions) < count:
        video_id, duration, texts = rng.choice(videos)
        text = rng.choice(texts)
        timestamp = round(rng.uniform(20.0, duration - 1.0), 1)
        key = (video_id, text, int(timestamp // 10))
        if key in seen:
            continue
        seen.add(key)
        questions.append({"videoId": video_id, "selectedText": text, "timestamp": timestamp})
    return questions


async def post_all(http: httpx.AsyncClient, questions: list[dict[str, Any]], concurrency: int,
                   expect_cached: bool) -> float:
    """Sends every question with `concurrency` in flight; returns requests per second."""
    queue = list(reversed(questions))

    async def worker() -> None:
        while queue:
            body = queue.pop()
            response = await http.post("/api/explain", json=body)
            data = response.json()
            if response.status_code != 200 or data["data"]["cached"] is not expect_cached:
                raise RuntimeError(f"unexpected answer for {body}: {response.status_code} {data}")

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return len(questions) / (time.perf_counter() - started)


def line_questions(lines: list[dict[str, Any]], count: int, seed: int) -> list[dict[str, Any]]:
    """Distinct selections of a whole subtitle line at a moment it is on screen: what the
    extension sends when a viewer clicks a line, and an answer the cache keeps for its key (a
    text that is no line of its bucket may be answered for that request alone)."""
    rng = random.Random(seed)
    seen: set[tuple[str, str, int]] = set()
    questions: list[dict[str, Any]] = []
    for line in rng.sample(lines, len(lines)):
        start, end = float(line["start"]), float(line["end"] if line["end"] is not None else line["start"])
        timestamp = round(rng.uniform(start, max(start, end - 0.1)), 1)
        key = (line["videoId"], line["text"], int(timestamp // 10))
        if key in seen or not 2 <= len(line["text"]) <= 120:
            continue
        seen.add(key)
        questions.append({"videoId": line["videoId"], "selectedText": line["text"], "timestamp": timestamp})
        if len(questions) == count:
            break
    return questions


async def video_lines(settings: Settings, video_ids: list[str]) -> list[dict[str, Any]]:
    store = open_store(settings)
    try:
        found = await lines_in_ranges(store, [RangeKey(video_id, limit=10_000) for video_id in video_ids])
    finally:
        await store.close()
    return [line for rows in found for line in rows if line["text"]]


async def measure(http: httpx.AsyncClient, timed: Timed, redis: aioredis.Redis, label: str,
                  videos: list[tuple[str, float, list[str]]], lines: list[dict[str, Any]], requests: int,
                  seed: int) -> list[str]:
    out = []
    for video_id, _, _ in videos:  # what is cached (the warm-up) is out of date: every question a miss
        await redis.incr(generation_key(video_id))
    # misses: latency one request at a time, then throughput with several in flight
    misses = unique_questions(videos, requests * 2, seed)
    timed.samples.clear()
    await post_all(http, misses[:requests], 1, expect_cached=False)
    latency = list(timed.samples)
    rate = await post_all(http, misses[requests:], CONCURRENCY, expect_cached=False)
    out.append(row(f"{label}: cache miss (graph-only answer)", latency, rate))
    # hits: selected lines, asked once (misses, not measured), then again and again
    selected = line_questions(lines, requests, seed)
    await post_all(http, selected, CONCURRENCY, expect_cached=False)
    hits = [selected[i % len(selected)] for i in range(requests * 5)]
    timed.samples.clear()
    await post_all(http, hits[: requests * 2], 1, expect_cached=True)
    latency = list(timed.samples)
    rate = await post_all(http, hits[requests * 2:], CONCURRENCY, expect_cached=True)
    out.append(row(f"{label}: cache hit", latency, rate))
    return out


async def floor(settings: Settings, requests: int) -> str:
    store = open_store(settings)
    try:
        await store.ping()
        samples = [await store.ping() for _ in range(requests * 2)]
        started = time.perf_counter()
        count = requests * 5

        async def worker(n: int) -> None:
            for _ in range(n):
                await store.ping()

        await asyncio.gather(*(worker(count // CONCURRENCY) for _ in range(CONCURRENCY)))
        rate = count // CONCURRENCY * CONCURRENCY / (time.perf_counter() - started)
        return row("floor: graph store RETURN 1 round trip", samples, rate)
    finally:
        await store.close()


class StatementTimes:
    """Wraps a store's `read` to time each statement the app sends, by name (searches and pings
    go through `read` too)."""

    def __init__(self, store: Any) -> None:
        self.samples: dict[str, list[float]] = {}
        self._read = store.read

        async def timed_read(name: str, **params: Any) -> Any:
            started = time.perf_counter()
            try:
                return await self._read(name, **params)
            finally:
                self.samples.setdefault(name, []).append(time.perf_counter() - started)

        store.read = timed_read

    def lines(self) -> list[str]:
        out = [f"{'statement (every read the app sent)':<40} {'n':>7} {'mean ms':>8} {'p50 ms':>8} {'p95 ms':>8} "
               f"{'max ms':>8} {'total s':>8}"]
        for name, samples in sorted(self.samples.items(), key=lambda item: -sum(item[1])):
            ms = [s * 1000 for s in samples]
            out.append(f"{name:<40} {len(ms):>7} {sum(ms) / len(ms):>8.2f} {percentile(ms, 0.50):>8.2f} "
                       f"{percentile(ms, 0.95):>8.2f} {max(ms):>8.2f} {sum(samples):>8.2f}")
        return out


async def run(settings: Settings, episodes: int, cues: int, requests: int) -> None:
    redis = aioredis.Redis.from_url(settings.effective_redis_url)
    await redis.flushall()  # cached answers and analyses of an earlier run (the other backend's) must not help
    store = open_store(settings)
    await store.drop_all()
    await ensure_schema(store, settings.embedding_dim)
    await store.close()
    ingest: list[str] = []
    started = time.perf_counter()
    await ingest_files(settings, demo_items())
    ingest.append(f"ingest: demo series ({len(demo_items())} episodes) {time.perf_counter() - started:.1f} s")
    print(ingest[-1], file=sys.stderr)
    started = time.perf_counter()
    await ingest_files(settings, synthetic_items(episodes, cues))
    ingest.append(f"ingest: synthetic series ({episodes} episodes x {cues} cues = {episodes * cues} lines) "
                  f"{time.perf_counter() - started:.1f} s")
    print(ingest[-1], file=sys.stderr)

    demo_videos = [(ep.video_id, ep.duration, KO_QUESTIONS if ep.language == "ko" else EN_QUESTIONS)
                   for ep in demo_episodes()]
    synthetic_videos = [(f"synthetic-s01e{e:02d}", 3600.0, KO_QUESTIONS) for e in range(1, episodes + 1)]
    demo_lines = await video_lines(settings, [video_id for video_id, _, _ in demo_videos])
    synthetic_lines = await video_lines(settings, [video_id for video_id, _, _ in synthetic_videos])
    app = create_app(settings)
    timed = Timed(app)
    async with app.router.lifespan_context(app):
        warmed = await app.state.statement_warmup  # what a restarted API does before its first viewer
        statements = StatementTimes(app.state.explainer.store)
        transport = httpx.ASGITransport(app=timed)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            # the first misses after start-up: the first one should cost what the later ones do
            await post_all(http, unique_questions(demo_videos, 10, seed=99), 1, expect_cached=False)
            first = list(timed.samples)
            statements.samples.clear()
            lines = [row(f"demo: first miss after start ({len(warmed)} statements warmed)", first[:1], None),
                     row("demo: misses 2-10 after start", first[1:], None),
                     await floor(settings, requests)]
            lines += await measure(http, timed, redis, "demo (5 episodes)", demo_videos, demo_lines, requests, seed=1)
            lines += await measure(http, timed, redis, f"synthetic ({episodes} episodes, {episodes * cues} lines)",
                                   synthetic_videos, synthetic_lines, requests, seed=2)
    await redis.aclose()
    print(f"{'':<66} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>9}")
    for line in lines:
        print(line)
    print(f"(latency: one request at a time; req/s: {CONCURRENCY} in flight, Question log included; "
          f"graph store: {settings.graph_backend})")
    for line in ingest:
        print(line)
    print()
    for line in statements.lines():
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("falkordb", "neo4j", "both"),
                        default="neo4j" if os.environ.get("NEO4J_URI") else "falkordb",
                        help="graph store (neo4j and both need NEO4J_URI); default: neo4j when NEO4J_URI is set")
    parser.add_argument("--episodes", type=int, default=16)
    parser.add_argument("--cues", type=int, default=940, help="lines per synthetic episode")
    parser.add_argument("--requests", type=int, default=200, help="requests per latency measurement")
    args = parser.parse_args()
    backends = ["falkordb", "neo4j"] if args.backend == "both" else [args.backend]
    if "neo4j" in backends and not os.environ.get("NEO4J_URI"):
        parser.error("--backend neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE as for the app)")
    with tempfile.TemporaryDirectory(prefix="explain-bench-") as tmp:
        data_dir = Path(tmp)
        info = start_server(data_dir, free_port())
        try:
            for number, backend in enumerate(backends):
                if number:
                    print()
                graph: dict[str, Any] = {"graph_backend": "falkordb", "graph_name": "bench"}
                if backend == "neo4j":
                    graph = {"graph_backend": "neo4j", "neo4j_uri": os.environ["NEO4J_URI"],
                             "neo4j_user": os.environ.get("NEO4J_USER", "neo4j"),
                             "neo4j_password": os.environ.get("NEO4J_PASSWORD", "neo4j"),
                             "neo4j_database": os.environ.get("NEO4J_DATABASE", "neo4j")}
                settings = Settings(_env_file=None, environment="test",  # type: ignore[call-arg]
                                    redis_url=info.url, data_dir=data_dir, embedded_port=info.port,
                                    llm_provider="offline", enrich_enabled=False, rate_limit_per_minute=10**9,
                                    **graph)
                run_loop(run(settings, args.episodes, args.cues, args.requests))
        finally:
            stop_server(data_dir)


def run_loop(main: Coroutine[Any, Any, None]) -> None:
    try:  # the event loop uvicorn runs the API on when it is installed (uvicorn[standard])
        import uvloop
    except ImportError:
        asyncio.run(main)
    else:
        uvloop.run(main)


if __name__ == "__main__":
    main()
