"""Durability of the embedded store: a season ingested, then a clean stop and a SIGKILL, each
followed by a start with clients knocking all through the load (as the API and workers do).
Prints node counts before and after, the load time and the size of the append-only file.

    python bench/durability.py [--episodes 4] [--cues 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_episode  # noqa: E402
from cli.local_ingest import ingest_files  # noqa: E402
from explainer.core.runtime import ServerInfo, pid_alive, start_server, stop_server  # noqa: E402
from explainer.core.settings import Settings  # noqa: E402

LABELS = ("Series", "Video", "Segment", "Line", "Entity", "Reference")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def counts(port: int) -> dict[str, int]:
    client = redis.Redis(port=port)
    try:
        return {label: client.execute_command("GRAPH.RO_QUERY", "explainer",
                                              f"MATCH (n:{label}) RETURN count(n)")[1][0][0] for label in LABELS}
    finally:
        client.close()


def aof_bytes(data_dir: Path) -> tuple[int, int]:
    files = list((data_dir / "server" / "appendonlydir").iterdir())
    return (sum(f.stat().st_size for f in files if f.suffix == ".rdb"),
            sum(f.stat().st_size for f in files if f.suffix == ".aof"))


def knocked_start(data_dir: Path, port: int) -> tuple[ServerInfo, float]:
    stop = threading.Event()

    def knock() -> None:
        while not stop.is_set():
            try:
                client = redis.Redis(port=port, socket_timeout=0.5, socket_connect_timeout=0.2)
                client.ping()
                client.close()
            except redis.RedisError:
                pass
            time.sleep(0.002)

    threads = [threading.Thread(target=knock, daemon=True) for _ in range(3)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    try:
        info = start_server(data_dir, port)
    finally:
        stop.set()
    return info, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=4)
    parser.add_argument("--cues", type=int, default=2000, help="cues per episode (an hour-long drama has ~1,000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, port = Path(tmp), free_port()
        info = start_server(data_dir, port)
        settings = Settings(_env_file=None, environment="test", graph_backend="falkordb",  # type: ignore[call-arg]
                            redis_url=info.url, data_dir=data_dir, embedded_port=port, llm_provider="offline",
                            enrich_enabled=False)
        items = [{"registration": {"platform": "local", "video_id": f"season-s01e{e:02d}", "title": f"시즌 {e}화",
                                   "series_title": "시즌", "series_id": "season", "season": 1, "episode": e},
                  "data": synthetic_episode(2000 + e, cues=args.cues), "filename": f"e{e:02d}.srt"}
                 for e in range(1, args.episodes + 1)]
        t0 = time.perf_counter()
        asyncio.run(ingest_files(settings, items))
        print(f"\ningested {args.episodes} episodes x {args.cues} cues in {time.perf_counter() - t0:.1f} s")
        before = counts(port)
        print(f"{'':28} {' '.join(f'{label:>8}' for label in LABELS)}   load s   base MB  incr MB")
        base, incr = aof_bytes(data_dir)
        print(f"{'after ingest':28} {' '.join(f'{before[label]:>8}' for label in LABELS)}   {'':>6}"
              f"   {base / 1e6:7.2f}  {incr / 1e6:7.2f}")
        try:
            for how in ("clean stop", "SIGKILL", "SIGKILL again"):
                if how == "clean stop":
                    stop_server(data_dir)
                else:
                    os.kill(info.pid, signal.SIGKILL)
                    while pid_alive(info.pid):
                        time.sleep(0.02)
                base, incr = aof_bytes(data_dir)
                info, seconds = knocked_start(data_dir, port)
                after = counts(port)
                kept = "all kept" if after == before else "LOST"
                print(f"{'start after ' + how:28} {' '.join(f'{after[label]:>8}' for label in LABELS)}   "
                      f"{seconds:6.2f}   {base / 1e6:7.2f}  {incr / 1e6:7.2f}  {kept}")
                time.sleep(1.5)  # the compaction after start runs in the background
        finally:
            stop_server(data_dir)


if __name__ == "__main__":
    main()
