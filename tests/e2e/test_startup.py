"""The API serves only once its analyser is loaded: loading the Korean model holds the GIL for
seconds, and done in the background it stalled the event loop so the first explains failed."""

from __future__ import annotations

import subprocess
import sys

from explainer.core.settings import Settings
from tests.conftest import settings_env

# a fresh interpreter: in the test process the model is long loaded by other tests
PROBE = """
from fastapi.testclient import TestClient
from api.app import create_app
from explainer.llm.offline import is_warm
assert not is_warm()
with TestClient(create_app()) as client:
    # the lifespan's start-up is over: the first request may need the analyser
    print("warm" if is_warm() else "cold", client.get("/health").status_code)
"""


def test_the_api_serves_with_its_analyser_loaded(settings: Settings) -> None:
    env = {**settings_env(settings), "LLM_PROVIDER": "offline"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[:1] == ["warm"], done.stdout
