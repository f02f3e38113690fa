"""Takes docs/graphiql-timeline.png: the app's own GraphiQL page running a timeline query on the
demo series, in a real headless Chromium (Debian's `chromium` package).

    apt-get install -y chromium      # once
    .venv/bin/python docs/graphiql_screenshot.py

A doc artifact, not a test: nothing in CI depends on Chromium. Everything runs locally: an
embedded server in a temporary directory with the demo series ingested, the API under uvicorn,
and Chromium driven over the DevTools protocol (load the page, press Run, capture). GraphiQL's
page loads React and GraphiQL from unpkg.com; machines without that host get the same files from
the npm registry (`npm pack`), served over a local HTTPS server that Chromium is told to use for
unpkg.com, so the page and its subresource-integrity hashes are exactly what users get.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTPUT = ROOT / "docs" / "graphiql-timeline.png"
UNPKG = ("react@18.2.0", "react-dom@18.2.0", "js-cookie@3.0.5", "graphiql@3.8.3", "@graphiql/plugin-explorer@1.0.2")
QUERY = """# Where does Silas Crane appear, episode by episode (viewing order)?
query Timeline($series: ID!, $entity: ID!) {
  timeline(seriesId: $series, entityId: $entity) {
    video { episode title }
    at
    mentions
  }
  entity(id: $entity) {
    name
    aliases
    firstAppearance { episode at }
    relations(first: 2) { type strength entity { name } }
  }
}
"""
# the English demo series: its text renders without CJK fonts on a bare machine
SERIES = "harbor-lights"
VARIABLES = {"series": SERIES, "entity": "harbor-lights:character:silascrane"}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1600,1000"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def log(message: str) -> None:
    print(f"[screenshot] {message}", flush=True)


# --- GraphiQL's assets ---------------------------------------------------------------------------

def unpkg_reachable() -> bool:
    try:
        with urllib.request.urlopen("https://unpkg.com/react@18.2.0/package.json", timeout=5):
            return True
    except OSError:
        return False


def vendor_unpkg(workdir: Path) -> Path:
    """The packages unpkg would serve, unpacked from the npm registry: <root>/<name>@<version>/…"""
    root = workdir / "unpkg"
    for spec in UNPKG:
        target = root / spec
        subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)], check=True,
                       capture_output=True, cwd=workdir)
        name, version = spec.rsplit("@", 1)
        tarball = workdir / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
        with tarfile.open(tarball) as archive:
            archive.extractall(workdir / "extract", filter="data")
        shutil.move(str(workdir / "extract" / "package"), target)
    return root


def serve_https(root: Path, workdir: Path) -> tuple[int, http.server.ThreadingHTTPServer]:
    key, cert = workdir / "key.pem", workdir / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=unpkg.com", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def end_headers(self) -> None:
            self.send_header("Access-Control-Allow-Origin", "*")  # the page loads them with `crossorigin`
            super().end_headers()

        def log_message(self, *_: Any) -> None:
            return None

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return port, server


# --- the service -----------------------------------------------------------------------------------

def start_service(workdir: Path) -> tuple[str, Any, Path]:
    import uvicorn

    from api.app import create_app
    from cli.local_ingest import demo_items, ingest_files
    from explainer.core.runtime import start_server
    from explainer.core.settings import Settings
    from graph.stores import open_store

    data_dir = workdir / "data"
    info = start_server(data_dir, free_port())
    settings = Settings(_env_file=None, environment="development", graph_backend="falkordb",  # type: ignore[call-arg]
                        redis_url=info.url, data_dir=info.data_dir, embedded_port=info.port,
                        graph_name="graphiql_demo", llm_provider="offline", enrich_enabled=False)

    async def load() -> None:
        store = open_store(settings)
        await store.drop_all()
        await store.close()
        await ingest_files(settings, [i for i in demo_items() if i["registration"]["series_id"] == SERIES])

    log(f"ingesting the demo series {SERIES}")
    asyncio.run(load())
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(100):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            break
        time.sleep(0.1)
    return f"http://127.0.0.1:{port}", server, data_dir


# --- Chromium over the DevTools protocol -----------------------------------------------------------

class DevTools:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        await self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(await self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def evaluate(self, expression: str) -> Any:
        answer = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return answer.get("result", {}).get("value")

    async def wait_for(self, expression: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await self.evaluate(expression):
                return
            await asyncio.sleep(0.25)
        raise TimeoutError(f"waited {timeout}s for {expression}")


async def capture(url: str, chromium_args: list[str], profile: Path) -> bytes:
    import websockets

    port = free_port()
    browser = subprocess.Popen(["chromium", *CHROMIUM_FLAGS, *chromium_args, f"--user-data-dir={profile}",
                                f"--remote-debugging-port={port}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        targets: list[dict[str, Any]] = []
        for _ in range(100):
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=1) as answer:
                    targets = [t for t in json.load(answer) if t.get("type") == "page"]
                if targets:
                    break
            time.sleep(0.1)
        async with websockets.connect(targets[0]["webSocketDebuggerUrl"], max_size=64 * 1024 * 1024) as ws:
            tools = DevTools(ws)
            await tools.call("Page.enable")
            await tools.call("Page.navigate", url=url)
            await tools.wait_for("!!document.querySelector('.graphiql-execute-button')")
            await tools.wait_for("!!document.querySelector('.graphiql-doc-explorer-title, .graphiql-sidebar')")
            await asyncio.sleep(1.0)
            await tools.evaluate("document.querySelector('.graphiql-execute-button').click()")
            await tools.wait_for("(document.querySelector('.graphiql-response')?.innerText || '')"
                                 ".includes('timeline')")
            await asyncio.sleep(1.0)
            shot = await tools.call("Page.captureScreenshot", format="png")
            return base64.b64decode(shot["data"])
    finally:
        browser.terminate()
        browser.wait(10)


def main() -> None:
    if shutil.which("chromium") is None:
        sys.exit("chromium is not installed: apt-get install -y chromium")
    from explainer.core.runtime import stop_server

    with tempfile.TemporaryDirectory(prefix="graphiql-shot-") as tmp:
        workdir = Path(tmp)
        chromium_args: list[str] = []
        https = None
        if not unpkg_reachable():
            log("unpkg.com is not reachable: serving its files from the npm registry locally")
            https_port, https = serve_https(vendor_unpkg(workdir), workdir)
            chromium_args = [f"--host-resolver-rules=MAP unpkg.com 127.0.0.1:{https_port}",
                             "--ignore-certificate-errors"]
        base, server, data_dir = start_service(workdir)
        try:
            # the page decodes with decodeURIComponent: spaces must be %20, not +
            params = urllib.parse.urlencode({"q": QUERY, "variables": json.dumps(VARIABLES, ensure_ascii=False)},
                                            quote_via=urllib.parse.quote)
            url = f"{base}/graphql?{params}"
            log(f"capturing {base}/graphql")
            png = asyncio.run(capture(url, chromium_args, workdir / "profile"))
            OUTPUT.write_bytes(png)
            log(f"wrote {OUTPUT.relative_to(ROOT)} ({len(png)} bytes)")
        finally:
            server.should_exit = True
            if https is not None:
                https.shutdown()
            time.sleep(0.5)
            stop_server(data_dir)


if __name__ == "__main__":
    main()
