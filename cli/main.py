"""`explainer` — one entry point for the embedded runtime, the API, workers and ingestion."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING

from explainer.core.errors import ExplainerError
from explainer.core.logs import configure_logging
from explainer.core.runtime import (
    EmbeddedServerError,
    ServerInfo,
    server_exited,
    server_status,
    start_server,
    stop_server,
)
from explainer.core.settings import Settings, get_settings

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger("cli.up")


def _ensure_schema(settings: Settings) -> None:
    from graph.schema import ensure_schema  # each command loads only what it runs
    from graph.stores import open_store  # each command loads only what it runs

    async def apply() -> None:
        store = open_store(settings)
        try:
            await ensure_schema(store, settings.embedding_dim)
        finally:
            await store.close()

    asyncio.run(apply())


def cmd_db(settings: Settings, action: str) -> int:
    if action == "start":
        info = start_server(settings.data_dir, settings.embedded_port, progress=_say)
        verb = "started" if info.started_here else "already running"
        print(f"embedded server {verb}: pid {info.pid}, {info.url}, data in {info.data_dir / 'server'}")
        return 0
    if action == "stop":
        stopped = stop_server(settings.data_dir)
        print("embedded server stopped" if stopped else "no embedded server was running")
        return 0
    status = server_status(settings.data_dir)
    if status is None:
        print("embedded server: not running")
        return 3
    print(f"embedded server: running, pid {status.pid}, {status.url}")
    return 0


def quiet_known_warnings() -> None:
    """Warnings that say nothing to whoever runs the service, repeated by every process: the
    FalkorDB store hands redis-py's asyncio pool a synchronous Retry, which redis-py converts
    (and says so for each connection pool)."""
    warnings.filterwarnings("ignore", message="A synchronous redis.retry.Retry was passed", category=UserWarning)


def api_app() -> FastAPI:
    """The app of one API worker process (uvicorn's factory when API_WORKERS > 1)."""
    from api.app import create_app  # each command loads only what it runs

    # a process uvicorn spawned: main() did not run here
    configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
    quiet_known_warnings()
    return create_app(get_settings())


def cmd_api(settings: Settings) -> int:
    import uvicorn  # each command loads only what it runs

    from api.app import create_app  # each command loads only what it runs
    from api.server import uvicorn_options  # each command loads only what it runs

    workers = settings.effective_api_workers
    if workers > 1:
        # one listening socket, `workers` processes, each with its own pools (sized per process);
        # uvicorn's supervisor restarts a worker process that dies
        uvicorn.run("cli.main:api_app", factory=True, workers=workers, **uvicorn_options(settings))
    else:
        uvicorn.run(create_app(settings), **uvicorn_options(settings))
    return 0


def cmd_worker(settings: Settings, burst: bool) -> int:
    from jobs.worker import run_worker  # each command loads only what it runs

    run_worker(settings, burst=burst)
    return 0


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from pathlib import Path  # each command loads only what it runs

    from cli.local_ingest import file_item, ingest_files  # each command loads only what it runs

    item = file_item(Path(args.file), series=args.series, episode=args.episode, season=args.season,
                     title=args.title, video_id=args.video_id, language=args.language)
    with _server_for(settings):
        for result in asyncio.run(ingest_files(settings, [item])):
            print(json.dumps(result, ensure_ascii=False))
    return 0


def cmd_demo(settings: Settings) -> int:
    from cli.local_ingest import demo_items, ingest_files  # each command loads only what it runs

    with _server_for(settings):
        for result in asyncio.run(ingest_files(settings, demo_items())):
            print(json.dumps(result, ensure_ascii=False))
    return 0


@contextlib.contextmanager
def _server_for(settings: Settings) -> Iterator[None]:
    """The embedded server for a one-off command: reused if running, else started and stopped."""
    if not settings.uses_embedded_server:
        yield
        return
    info = start_server(settings.data_dir, settings.embedded_port)
    try:
        yield
    finally:
        if info.started_here:
            stop_server(settings.data_dir)


def _queue_demo_on_first_run(settings: Settings) -> None:
    """`explainer up` loads the demo series once, through the worker, so there is something to ask."""
    if os.environ.get("EXPLAINER_DEMO", "1") == "0":
        return
    import redis  # each command loads only what it runs
    import redis.asyncio as aioredis  # each command loads only what it runs

    from explainer.ingest.registration import enqueue_demo  # each command loads only what it runs
    from graph.stores import open_store  # each command loads only what it runs
    from jobs.queues import RqJobQueue  # each command loads only what it runs

    async def queue_it() -> list[str]:
        store = open_store(settings)
        async_redis = aioredis.Redis.from_url(settings.effective_redis_url)
        sync_redis = redis.Redis.from_url(settings.effective_redis_url)
        try:
            return await enqueue_demo(settings, store, async_redis, RqJobQueue(settings, sync_redis))
        finally:
            await store.close()
            await async_redis.aclose()
            sync_redis.close()

    jobs = asyncio.run(queue_it())
    if jobs:
        print(f"demo series queued: {len(jobs)} episodes (watch /api/video/<id>/status)")


# a dead child of `up` is restarted after 1, 2, 4 ... up to 30 s; a run of a minute resets that
RESTART_BACKOFF_SECONDS = 1.0
RESTART_BACKOFF_MAX_SECONDS = 30.0
HEALTHY_RUN_SECONDS = 60.0


@dataclass
class _Child:
    """One supervised process of `explainer up` (the API or a worker)."""

    role: str
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: float = 0.0
    restarts: int = 0


def _spawn(role: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    # its own process group: whatever it leaves behind when it dies (a job's work horse, API
    # worker processes) is killed with the group, not left to write or to hold the port
    return subprocess.Popen([sys.executable, "-m", "cli.main", role], env=env, start_new_session=True)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _stop_child(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    _kill_group(process.pid)


def _next_delay(supervised: _Child | _Store, ran: float) -> float:
    """The backoff before the next restart: 1, 2, 4 … 30 s, from 1 again after a healthy run."""
    if ran >= HEALTHY_RUN_SECONDS:
        supervised.failures = 0
    delay = min(RESTART_BACKOFF_MAX_SECONDS, RESTART_BACKOFF_SECONDS * 2 ** supervised.failures)
    supervised.failures += 1
    return delay


def _supervise(children: list[_Child], env: dict[str, str], now: float) -> None:
    """Restart dead children with backoff; the others (and the store) stay up."""
    for child in children:
        if child.process is not None and (code := child.process.poll()) is not None:
            _kill_group(child.process.pid)
            ran = now - child.started_at
            delay = _next_delay(child, ran)
            child.process, child.restart_at = None, now + delay
            log.warning("%s exited (code %s) after %.1f s; restarting it in %.0f s", child.role, code, ran, delay,
                        extra={"role": child.role, "exitCode": code, "restartIn": delay})
        elif child.process is None and now >= child.restart_at:
            child.process, child.started_at = _spawn(child.role, env), now
            if child.restart_at:
                child.restarts += 1
                log.warning("%s restarted (pid %d, restart %d)", child.role, child.process.pid, child.restarts,
                            extra={"role": child.role, "pid": child.process.pid, "restarts": child.restarts})


@dataclass
class _Store:
    """The embedded server under `explainer up`: restarted with the same backoff when it dies."""

    info: ServerInfo | None = None
    failures: int = 0
    restart_at: float = 0.0
    started_at: float = 0.0


def _say(message: str) -> None:
    print(message, flush=True)


def _supervise_store(store: _Store, settings: Settings, children: list[_Child], now: float) -> None:
    """Restart the embedded server when it died; then the API and the worker at once (a worker
    that exited while the store was away would otherwise wait out its own backoff)."""
    if store.info is not None:
        if not server_exited(store.info):
            return
        ran = now - store.started_at
        delay = _next_delay(store, ran)
        store.info, store.restart_at = None, now + delay
        log.warning("embedded server exited after %.1f s; restarting it in %.0f s", ran, delay,
                    extra={"role": "store", "restartIn": delay})
        return
    if now < store.restart_at:
        return
    try:
        store.info = start_server(settings.data_dir, settings.embedded_port, progress=_say)
    except EmbeddedServerError as exc:
        delay = _next_delay(store, 0.0)
        store.restart_at = time.monotonic() + delay
        log.error("embedded server did not start: %s; trying again in %.0f s", exc, delay,
                  extra={"role": "store", "restartIn": delay})
        return
    store.started_at = time.monotonic()
    log.warning("embedded server restarted (pid %d)", store.info.pid, extra={"role": "store", "pid": store.info.pid})
    for child in children:
        child.failures = 0
        if child.process is None:
            child.restart_at = min(child.restart_at, store.started_at)


DEV_KEY_FILE = "dev-api-key"


def _development_key(settings: Settings) -> str | None:
    """In development with no API_KEYS, an operator key of this data directory (made once, kept in
    DATA_DIR/dev-api-key) so the README's ingest commands work as written; None otherwise."""
    if settings.environment != "development" or settings.api_keys:
        return None
    import secrets  # each command loads only what it runs

    path = settings.data_dir / DEV_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"dev-{secrets.token_urlsafe(18)}\n")
        path.chmod(0o600)
    return path.read_text().strip()


def cmd_up(settings: Settings) -> int:
    """Embedded server + API + one worker in the foreground; Ctrl-C stops all three. Any of them
    that dies is restarted with backoff while the others keep serving."""
    dev_key = _development_key(settings)
    if dev_key is not None:
        os.environ["API_KEYS"] = f"{dev_key}:ingest+admin"
        settings = settings.model_copy(update={"api_keys": os.environ["API_KEYS"]})
        print(f"development API key (ingest, admin): {dev_key} — kept in {settings.data_dir / DEV_KEY_FILE}; "
              "set API_KEYS to use your own")
    store = _Store()
    if settings.uses_embedded_server:
        store.info = start_server(settings.data_dir, settings.embedded_port, progress=_say)
        store.started_at = time.monotonic()
        print(f"embedded server on {store.info.url} ({'started' if store.info.started_here else 'reused'})")
    # a server this command reused belongs to whoever started it: it is neither watched nor stopped
    supervised = store.info is not None and store.info.started_here
    children = [_Child("worker"), _Child("api")]
    stopping = False

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        _ensure_schema(settings)
        _queue_demo_on_first_run(settings)
        env = dict(os.environ)
        _supervise(children, env, time.monotonic())
        print(f"API on http://{settings.api_host}:{settings.api_port} ({settings.effective_api_workers} "
              "processes, docs at /docs); Ctrl-C stops everything")
        while not stopping:
            time.sleep(0.2)
            if supervised:
                _supervise_store(store, settings, children, time.monotonic())
            _supervise(children, env, time.monotonic())
    finally:
        for child in reversed(children):
            if child.process is not None:
                _stop_child(child.process)
        if supervised:
            stop_server(settings.data_dir)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="embedded server + API + one worker in the foreground")
    db = sub.add_parser("db", help="the embedded graph + Redis server")
    db.add_argument("action", choices=["start", "stop", "status"])
    sub.add_parser("schema", help="apply constraints and indexes (idempotent)")
    sub.add_parser("api", help="run the HTTP API")
    worker = sub.add_parser("worker", help="run an RQ worker on every queue")
    worker.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    ingest = sub.add_parser("ingest", help="ingest a local subtitle file in this process, with a progress bar")
    ingest.add_argument("file")
    ingest.add_argument("--series", required=True, help="series title (its id is derived from it)")
    ingest.add_argument("--episode", type=int, required=True)
    ingest.add_argument("--season", type=int, default=1)
    ingest.add_argument("--title")
    ingest.add_argument("--video-id")
    ingest.add_argument("--language", choices=["ko", "en"])
    sub.add_parser("demo", help="ingest the demo series in this process")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
    quiet_known_warnings()
    settings = get_settings()
    try:
        if args.command == "db":
            return cmd_db(settings, args.action)
        if args.command == "schema":
            _ensure_schema(settings)
            print("schema applied")
            return 0
        if args.command == "api":
            return cmd_api(settings)
        if args.command == "worker":
            return cmd_worker(settings, args.burst)
        if args.command == "ingest":
            return cmd_ingest(settings, args)
        if args.command == "demo":
            return cmd_demo(settings)
        return cmd_up(settings)
    except EmbeddedServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ExplainerError as exc:
        print(f"error: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
