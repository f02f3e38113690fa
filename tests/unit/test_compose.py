"""The production compose file: the services, healthchecks and wiring the README promises.
(`.ci/run` also validates it with `docker-compose config`.)"""

from __future__ import annotations

from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text())


def test_services_and_images() -> None:
    services = COMPOSE["services"]
    assert {"neo4j", "redis", "api", "worker", "dashboard"} <= set(services)
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert "graph-data-science" in services["neo4j"]["environment"]["NEO4J_PLUGINS"]
    assert "apoc" in services["neo4j"]["environment"]["NEO4J_PLUGINS"]
    assert "cypher-shell" in " ".join(services["neo4j"]["healthcheck"]["test"])
    assert services["redis"]["image"] == "redis:7" and "--appendonly" in services["redis"]["command"]
    assert services["api"]["build"] == services["worker"]["build"] == "."


def test_api_and_workers_wait_for_healthy_stores() -> None:
    for name in ("api", "worker"):
        depends = COMPOSE["services"][name]["depends_on"]
        assert depends == {"neo4j": {"condition": "service_healthy"}, "redis": {"condition": "service_healthy"}}
        env = COMPOSE["services"][name]["environment"]
        assert env["GRAPH_BACKEND"] == "neo4j" and env["REDIS_URL"].startswith("redis://redis")
    # workers scale with --scale: no fixed name or host port may pin them to one instance
    worker = COMPOSE["services"]["worker"]
    assert "container_name" not in worker and "ports" not in worker


def test_the_api_serves_with_several_processes() -> None:
    from explainer.core.settings import Settings

    env = COMPOSE["services"]["api"]["environment"]
    # ${API_WORKERS:-0}: 0 means one process per CPU of the container
    assert env["API_WORKERS"] == "${API_WORKERS:-0}" and "GRAPH_POOL_SIZE" in env
    assert Settings(_env_file=None, api_workers=0).effective_api_workers >= 1  # type: ignore[call-arg]
    assert Settings(_env_file=None, api_workers=3).effective_api_workers == 3  # type: ignore[call-arg]
