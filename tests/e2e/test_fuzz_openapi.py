"""schemathesis over the complete `/openapi.json` of the app served by uvicorn against the real
embedded stores (issue 12): whatever it sends, no answer is a 5xx and every answer is in the
envelope (`{"success": true, "data": …}`, or `{"success": false, "error": {code, message}}`).

Bounded: a few dozen examples per operation, so it runs in the normal suite; `make fuzz` runs
the same test with many more (FUZZ_EXAMPLES)."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, settings

from api.app import create_app
from api.server import uvicorn_options
from explainer.core.settings import Settings
from tests.conftest import fresh_store, make_settings

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
KEY = {"X-API-Key": "test-admin"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served_app(embedded_server: Any) -> Iterator[str]:
    """uvicorn (the options `explainer api` uses) in a thread of its own, on an empty graph;
    yields the base URL. The limiter is raised: a 429 is a fine answer but explores nothing."""
    app_settings: Settings = make_settings(embedded_server, graph_name="explainer_fuzz", api_port=_free_port(),
                                           rate_limit_per_minute=100_000)

    async def reset() -> None:
        await (await fresh_store(app_settings)).close()

    asyncio.run(reset())
    server = uvicorn.Server(uvicorn.Config(create_app(app_settings), **uvicorn_options(app_settings)))
    thread = threading.Thread(target=server.run, name="fuzz-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{app_settings.api_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def _document() -> dict[str, Any]:
    """The app's OpenAPI document, built without stores (pytest-collection time). The test below
    checks that the running server serves exactly this document."""
    return create_app(Settings(_env_file=None, environment="test")).openapi()  # type: ignore[call-arg]


# (loaded at import: schemathesis.pytest.from_fixture does not work with pytest 9, which removed
# Node._nodeid)
schema = schemathesis.openapi.from_dict(_document())


def test_the_fuzzed_document_is_the_one_served(served_app: str, http: requests.Session) -> None:
    served = http.get(f"{served_app}/openapi.json", timeout=30)
    assert served.status_code == 200
    assert served.json() == _document()
    assert len(served.json()["paths"]) >= 7


def assert_enveloped(response: schemathesis.Response, what: str) -> None:
    assert response.status_code < 500, f"{what} → {response.status_code}: {response.text[:500]}"
    content_type = response.headers.get("content-type", [""])[0]  # schemathesis: name → values
    assert content_type.startswith("application/json"), \
        f"{what} → {response.status_code} {content_type}: {response.text[:300]}"
    body = response.json()
    assert isinstance(body, dict), f"{what} → {response.text[:300]}"
    if response.status_code < 400:
        assert body.get("success") is True and "data" in body, f"{what} → {response.text[:300]}"
        return
    error = body.get("error")
    assert body.get("success") is False and isinstance(error, dict), f"{what} → {response.text[:300]}"
    assert isinstance(error.get("code"), str) and isinstance(error.get("message"), str), \
        f"{what} → {response.text[:300]}"


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_5xx_and_every_body_in_the_envelope(case: schemathesis.Case, served_app: str,
                                               http: requests.Session) -> None:
    what = f"{case.method} {case.formatted_path}"
    # with a key of every scope, and (for half of the cases) without one: both are answers
    keyed = zlib.crc32(repr(case.body).encode()) % 2 == 0
    response = case.call(base_url=served_app, session=http, headers=KEY if keyed else None, timeout=30)
    assert_enveloped(response, what)
