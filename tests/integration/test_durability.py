"""The embedded store keeps a season: several thousand cues over four episodes are all there after
a clean stop and after SIGKILL, while clients keep knocking during the load (what API processes
and workers do while the store restarts), and explain answers from it at once."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from bench.synthetic import synthetic_episode
from cli.local_ingest import ingest_files
from explainer.core.runtime import ServerInfo, pid_alive, start_server, stop_server
from explainer.core.settings import Settings
from graph.stores import open_store
from tests.conftest import free_port, graph_counts, make_settings

pytestmark = [pytest.mark.slow, pytest.mark.graph]

EPISODES, CUES = 4, 1500


def season() -> list[dict[str, Any]]:
    return [{"registration": {"platform": "local", "video_id": f"keep-s01e{e:02d}", "title": f"시즌 {e}화",
                              "series_title": "시즌", "series_id": "season", "season": 1, "episode": e,
                              "language": "ko"},
             "data": synthetic_episode(500 + e, cues=CUES), "filename": f"e{e:02d}.srt"}
            for e in range(1, EPISODES + 1)]


class Knocking:
    """Clients that keep sending commands to a port, as the API and the workers do."""

    def __init__(self, port: int) -> None:
        self.port, self.stop, self.answered = port, threading.Event(), 0
        self.threads = [threading.Thread(target=self._knock, daemon=True) for _ in range(3)]

    def _knock(self) -> None:
        while not self.stop.is_set():
            try:
                client = redis.Redis(port=self.port, socket_timeout=0.5, socket_connect_timeout=0.2)
                try:
                    client.ping()
                    client.get("anything")
                    self.answered += 1
                finally:
                    client.close()
            except redis.RedisError:
                pass
            time.sleep(0.002)

    def __enter__(self) -> Knocking:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(5)


@pytest.fixture
def own_store(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    port = free_port()
    yield tmp_path, port
    stop_server(tmp_path)


def _settings(info: ServerInfo) -> Settings:
    return make_settings(info, graph_name="explainer")


async def _counts(settings: Settings) -> dict[str, int]:
    store = open_store(settings)
    try:
        nodes, rels = await graph_counts(store)
    finally:
        await store.close()
    return {**nodes, **{f"rel:{k}": v for k, v in rels.items()}}


def _restart(data_dir: Path, port: int) -> tuple[ServerInfo, list[str]]:
    said: list[str] = []
    with Knocking(port):
        info = start_server(data_dir, port, progress=said.append)
    return info, said


async def _explain(settings: Settings) -> dict[str, Any]:
    from api.app import create_app  # the app only where a test asks through it

    app = create_app(settings)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        question = {"videoId": "keep-s01e04", "selectedText": "그분이 누군지 알아요?", "timestamp": 1800.0}
        response = await http.post("/api/explain", json=question)
    assert response.status_code == 200, response.text
    return dict(response.json()["data"])


async def test_a_season_survives_a_clean_stop_and_a_kill(own_store: tuple[Path, int]) -> None:
    data_dir, port = own_store
    info = start_server(data_dir, port)
    settings = _settings(info)
    await ingest_files(settings, season())
    before = await _counts(settings)
    assert before["Line"] >= EPISODES * CUES * 0.9 and before["Video"] == EPISODES

    # a clean stop, then a start with clients knocking all through the load
    stop_server(data_dir)
    info, said = _restart(data_dir, port)
    assert await _counts(_settings(info)) == before
    assert any(s.startswith("loading the graph") for s in said), said

    # SIGKILL: acknowledged writes are in the append-only file before their replies went out
    client = redis.Redis(port=port)
    client.set("written-just-before-the-kill", "1")
    client.close()
    os.kill(info.pid, signal.SIGKILL)
    for _ in range(100):
        if not pid_alive(info.pid):
            break
        time.sleep(0.05)
    info, _ = _restart(data_dir, port)
    assert await _counts(_settings(info)) == before
    assert redis.Redis(port=port).get("written-just-before-the-kill") == b"1"

    answer = await _explain(_settings(info))
    assert answer["explanation"]["text"]


def test_a_data_directory_written_with_multi_exec_still_opens(own_store: tuple[Path, int]) -> None:
    """Data directories written before units stopped using MULTI/EXEC hold graph writes inside
    MULTI/EXEC; they load with no client able to reach the server until the load is done."""
    data_dir, port = own_store
    info = start_server(data_dir, port)
    client = redis.Redis(port=port)
    for batch in range(200):
        pipe = client.pipeline(transaction=True)
        for i in range(20):
            pipe.execute_command("GRAPH.QUERY", "legacy", f"MERGE (:Line {{id: 'l{batch}-{i}', text: '{'x' * 200}'}})")
        pipe.execute()
    client.close()
    stop_server(data_dir)
    aof = b"".join(p.read_bytes() for p in (data_dir / "server" / "appendonlydir").glob("*.incr.aof"))
    assert b"MULTI" in aof

    info, _ = _restart(data_dir, port)
    client = redis.Redis(port=info.port)
    rows = client.execute_command("GRAPH.QUERY", "legacy", "MATCH (l:Line) RETURN count(l)")
    client.close()
    assert rows[1] == [[4000]]


async def test_graph_units_leave_no_multi_exec_in_the_append_only_file(own_store: tuple[Path, int]) -> None:
    data_dir, port = own_store
    info = start_server(data_dir, port)
    settings = _settings(info)
    await ingest_files(settings, season()[:1])
    stop_server(data_dir)
    aof = b"".join(p.read_bytes() for p in (data_dir / "server" / "appendonlydir").glob("*.incr.aof"))
    assert b"GRAPH.QUERY" in aof
    assert b"MULTI" not in aof
