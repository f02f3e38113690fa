"""The embedded runtime through the real CLI: one server per data directory, data kept across
stop/start, and `explainer up` serving /health — a killed worker restarted and reported ok
again within 15 s, 503 within 2 s once the graph server dies, and the server restarted by `up`
with the API and the worker healthy again within seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from explainer.core.runtime import pid_alive, server_status, stop_server
from tests.conftest import free_port

pytestmark = pytest.mark.slow


def cli(data_dir: Path, port: int, *args: str, extra_env: dict[str, str] | None = None) -> str:
    env = {**os.environ, "DATA_DIR": str(data_dir), "EMBEDDED_PORT": str(port), **(extra_env or {})}
    env.pop("REDIS_URL", None)
    done = subprocess.run([sys.executable, "-m", "cli.main", *args], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode in (0, 3), done.stderr
    return done.stdout


def redis_server_pids(port: int) -> list[int]:
    out = subprocess.run(["pgrep", "-f", f"redis-server 127.0.0.1:{port}"], capture_output=True, text=True,
                         check=False).stdout
    return [int(p) for p in out.split()]


def child_roles(parent: int) -> dict[str, int]:
    """pid of each `cli.main <role>` child of `parent`."""
    roles: dict[str, int] = {}
    for pid in subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True,
                              check=False).stdout.split():
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            args = cmdline.read().decode().split("\0")
        if "cli.main" in args:
            roles[args[args.index("cli.main") + 1]] = int(pid)
    return roles


def test_db_start_twice_keeps_one_server_and_data_survives_restart(tmp_path: Path) -> None:
    port = free_port()
    try:
        first = cli(tmp_path, port, "db", "start")
        second = cli(tmp_path, port, "db", "start")
        assert "started" in first and "already running" in second
        assert len(redis_server_pids(port)) == 1
        client = redis.Redis(port=port)
        client.set("kept", "yes")
        client.close()
        assert "stopped" in cli(tmp_path, port, "db", "stop")
        assert redis_server_pids(port) == []
        assert "not running" in cli(tmp_path, port, "db", "status")
        cli(tmp_path, port, "db", "start")
        client = redis.Redis(port=port)
        assert client.get("kept") == b"yes"
        client.close()
    finally:
        stop_server(tmp_path)
    assert redis_server_pids(port) == []


def stop_up(up: subprocess.Popen[bytes]) -> None:
    """Ctrl-C for `explainer up`; killed with its group when it does not stop within 30 s."""
    up.send_signal(signal.SIGINT)
    try:
        up.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(up.pid, signal.SIGKILL)
        raise


def wait_healthy(base: str, seconds: float) -> dict[str, Any]:
    """The dependencies /health reports once it says ok (or the last ones seen)."""
    deadline = time.monotonic() + seconds
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{base}/health", timeout=2)
            body = response.json()
            if response.status_code == 200 and body["data"]["status"] == "ok":
                break
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.3)
    return dict(body.get("data", {}).get("dependencies", {}))


def test_up_serves_health_and_reports_a_dead_graph_fast(tmp_path: Path) -> None:
    port, api_port = free_port(), free_port()
    env = {**os.environ, "DATA_DIR": str(tmp_path), "EMBEDDED_PORT": str(port), "API_PORT": str(api_port),
           "LLM_PROVIDER": "offline", "EXPLAINER_DEMO": "0"}
    env.pop("REDIS_URL", None)
    output = (tmp_path / "up.log").open("wb")
    up = subprocess.Popen([sys.executable, "-m", "cli.main", "up"], env=env,
                          stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{api_port}"
    try:
        deps = wait_healthy(base, 60)
        assert {name: dep["status"] for name, dep in deps.items()} == {"graph": "ok", "redis": "ok", "workers": "ok"}
        assert httpx.get(f"{base}/docs", timeout=2).status_code == 200

        # no API_KEYS in development: the README's ingest commands work with the key `up` made
        key = (tmp_path / "dev-api-key").read_text().strip()
        registered = httpx.post(f"{base}/api/video/register", headers={"X-API-Key": key}, timeout=10, json={
            "platform": "local", "videoId": "dev-s01e01", "title": "개발 1화", "episode": 1})
        assert registered.status_code in (200, 201), registered.text
        assert httpx.post(f"{base}/api/video/register", headers={"X-API-Key": "guess"}, timeout=10,
                          json={"platform": "local", "videoId": "dev-s01e02", "title": "개발 2화"}).status_code == 401

        # a dead worker is restarted (with backoff) while the API and the store keep serving
        before = child_roles(up.pid)
        os.kill(before["worker"], signal.SIGKILL)
        deadline = time.monotonic() + 15
        workers: dict[str, object] = {}
        while time.monotonic() < deadline:
            workers = httpx.get(f"{base}/health", timeout=2).json()["data"]["dependencies"]["workers"]
            if workers["status"] == "ok":
                break
            time.sleep(0.3)
        assert workers["status"] == "ok" and workers["count"] == 1, workers
        after = child_roles(up.pid)
        assert after["worker"] != before["worker"] and after["api"] == before["api"]

        info = server_status(tmp_path)
        assert info is not None
        os.kill(info.pid, signal.SIGKILL)
        started = time.perf_counter()
        response = httpx.get(f"{base}/health", timeout=5)
        elapsed = time.perf_counter() - started
        assert response.status_code == 503
        assert response.headers["Retry-After"].isdigit()
        assert elapsed < 2.0
        payload = response.json()
        assert payload["error"]["code"] == "GRAPH_UNAVAILABLE"
        assert payload["data"]["dependencies"]["graph"]["status"] == "down"

        # `up` restarts the store it watches; the API and the worker are healthy again within seconds
        killed = time.monotonic()
        deps = wait_healthy(base, 30)
        assert {name: dep["status"] for name, dep in deps.items()} == {"graph": "ok", "redis": "ok", "workers": "ok"}
        assert time.monotonic() - killed < 15
        restarted = server_status(tmp_path)
        assert restarted is not None and restarted.pid != info.pid
    finally:
        children = [int(p) for p in subprocess.run(["pgrep", "-P", str(up.pid)], capture_output=True, text=True,
                                                    check=False).stdout.split()]
        stop_up(up)
    assert redis_server_pids(port) == []
    assert len(children) == 3  # the embedded server, the worker and the API
    assert not [pid for pid in children if pid_alive(pid)]
    # a newcomer reads start-up progress, not redis-py's warnings repeated by every process
    output.close()
    log = (tmp_path / "up.log").read_text(errors="replace")
    assert "UserWarning" not in log and "Retry was passed" not in log, log[-3000:]
    assert "loading the Korean model" in log and "API on http://" in log


def test_cli_ingest_a_local_file(tmp_path: Path) -> None:
    import json

    from seeds.loader import demo_episodes

    english = [ep for ep in demo_episodes() if ep.language == "en"][0]
    subtitle = tmp_path / "episode.srt"
    subtitle.write_bytes(english.read())
    port = free_port()
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "EMBEDDED_PORT": str(port), "LLM_PROVIDER": "offline",
           "ENRICH_ENABLED": "false"}
    env.pop("REDIS_URL", None)
    done = subprocess.run([sys.executable, "-m", "cli.main", "ingest", str(subtitle), "--series", "Harbor Lights",
                           "--episode", "1", "--language", "en"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == "ready" and result["videoId"] == "harbor-lights-s01e01"
    assert result["cues"] > 50 and result["droppedCues"].get("sound_only", 0) > 0
    assert "100%" in done.stderr  # the progress bar reached the end
    assert redis_server_pids(port) == []  # the one-off server was stopped again


def test_up_brings_the_store_back_after_sigkill_during_analysis(tmp_path: Path) -> None:
    """SIGKILL of the embedded server while a job analyses: `up` restarts it, the API and the worker
    are healthy again within seconds of it being back, and the interrupted job ends ready with
    every line (the job runs again from its stored file; nothing is lost)."""
    from bench.synthetic import synthetic_episode  # the season-sized file the benchmarks use too

    port, api_port = free_port(), free_port()
    env = {**os.environ, "DATA_DIR": str(tmp_path), "EMBEDDED_PORT": str(port), "API_PORT": str(api_port),
           "LLM_PROVIDER": "offline", "EXPLAINER_DEMO": "0", "API_KEYS": "op:ingest", "JOB_RETRY_BASE_SECONDS": "1"}
    env.pop("REDIS_URL", None)
    output = (tmp_path / "up.log").open("wb")
    up = subprocess.Popen([sys.executable, "-m", "cli.main", "up"], env=env,
                          stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    base, key = f"http://127.0.0.1:{api_port}", {"X-API-Key": "op"}
    try:
        assert wait_healthy(base, 60).get("graph", {}).get("status") == "ok"
        registered = httpx.post(f"{base}/api/video/register", headers=key, timeout=10, json={
            "platform": "local", "videoId": "kill-s01e01", "title": "중단 1화", "seriesTitle": "중단", "episode": 1})
        assert registered.status_code in (200, 201, 202), registered.text
        uploaded = httpx.post(f"{base}/api/video/kill-s01e01/subtitles", headers=key, timeout=30,
                              files={"file": ("e.srt", synthetic_episode(91, cues=6000), "application/x-subrip")})
        assert uploaded.status_code in (200, 202), uploaded.text
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status = httpx.get(f"{base}/api/video/kill-s01e01/status", timeout=5).json()["data"]
            if status["currentStep"] in ("analyse", "enrich", "graph"):
                break
            time.sleep(0.05)
        assert status["status"] == "processing", status

        info = server_status(tmp_path)
        assert info is not None
        os.kill(info.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        back: float | None = None
        while time.monotonic() < deadline and back is None:
            restarted = server_status(tmp_path)
            if restarted is not None and restarted.pid != info.pid:
                back = time.monotonic()
            time.sleep(0.1)
        assert back is not None, "the store was not restarted"
        deps = wait_healthy(base, 30)
        assert {name: dep["status"] for name, dep in deps.items()} == {"graph": "ok", "redis": "ok", "workers": "ok"}
        assert time.monotonic() - back <= 10

        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            status = httpx.get(f"{base}/api/video/kill-s01e01/status", timeout=5).json()["data"]
            if status["status"] in ("ready", "error"):
                break
            time.sleep(0.5)
        assert status["status"] == "ready", status
        client = redis.Redis(port=port)
        lines = client.execute_command("GRAPH.RO_QUERY", "explainer",
                                       "MATCH (l:Line {videoId: 'kill-s01e01'}) RETURN count(l)")[1][0][0]
        client.close()
        parsed = uploaded.json()["data"]
        assert lines == parsed.get("cues", lines) and lines >= 5900, (lines, parsed)
    finally:
        stop_up(up)
        output.close()
    assert redis_server_pids(port) == []
