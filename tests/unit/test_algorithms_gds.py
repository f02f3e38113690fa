"""The GDS path.

No Neo4j server is available in CI, so the first tests use a small recording stand-in for the
`graphdatascience` client. It only checks what this module decides — statement order, parameters,
that the projection is always dropped, how results are post-processed — never GDS behaviour.
The last test runs the real thing against Neo4j + GDS when NEO4J_URI is set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from graph.algorithms import NodeScores, compute_importance_and_communities, gds_available, run_gds
from graph.algorithms.gds import _statement

STATEMENTS = [
    "gds_version", "project_series_entities", "stream_pagerank", "stream_louvain", "drop_graph",
    "write_entity_scores",
]


class RecordingGds:
    """Answers `run_cypher` from canned frames keyed by statement file name; records every call."""

    def __init__(self, answers: dict[str, pd.DataFrame], fail_on: str | None = None) -> None:
        self.answers = answers
        self.fail_on = fail_on
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def run_cypher(self, query: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        name = next(n for n in STATEMENTS if _statement(n) == query)
        self.calls.append((name, params or {}))
        if name == self.fail_on:
            raise RuntimeError(f"{name} failed")
        return self.answers.get(name, pd.DataFrame())

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


PROJECTED = pd.DataFrame([{"graphName": "g", "nodeCount": 3, "relationshipCount": 4}])
RANKS = pd.DataFrame([{"id": "b", "score": 0.5}, {"id": "a", "score": 2.0}, {"id": "c", "score": 1.0}])
LOUVAIN = pd.DataFrame([{"id": "c", "community": 917}, {"id": "a", "community": 42}, {"id": "b", "community": 917}])


def test_projects_streams_drops_then_writes_scaled_and_renumbered_scores() -> None:
    gds = RecordingGds(
        {"project_series_entities": PROJECTED, "stream_pagerank": RANKS, "stream_louvain": LOUVAIN}
    )

    scores = run_gds(gds, "series-1")

    assert gds.names == [
        "project_series_entities", "stream_pagerank", "stream_louvain", "drop_graph", "write_entity_scores",
    ]
    params = dict(gds.calls)
    graph_name = params["project_series_entities"]["graphName"]
    assert params["project_series_entities"]["seriesId"] == "series-1"
    assert {params[n]["graphName"] for n in ("stream_pagerank", "stream_louvain", "drop_graph")} == {graph_name}
    assert params["stream_pagerank"]["maxIterations"] == 100
    assert scores == {"a": NodeScores(1.0, 0), "b": NodeScores(0.25, 1), "c": NodeScores(0.5, 1)}
    assert params["write_entity_scores"] == {
        "seriesId": "series-1",
        "rows": [
            {"id": "a", "importance": 1.0, "community": 0},
            {"id": "b", "importance": 0.25, "community": 1},
            {"id": "c", "importance": 0.5, "community": 1},
        ],
    }


@pytest.mark.parametrize("failing", ["project_series_entities", "stream_pagerank", "stream_louvain"])
def test_projection_is_dropped_when_a_step_fails(failing: str) -> None:
    gds = RecordingGds(
        {"project_series_entities": PROJECTED, "stream_pagerank": RANKS, "stream_louvain": LOUVAIN},
        fail_on=failing,
    )

    with pytest.raises(RuntimeError, match=f"{failing} failed"):
        run_gds(gds, "series-1")

    assert gds.names[-1] == "drop_graph"
    assert gds.calls[-1][1]["graphName"] == gds.calls[0][1]["graphName"]
    assert "write_entity_scores" not in gds.names


def test_series_without_entities_runs_no_algorithm_and_writes_nothing() -> None:
    gds = RecordingGds({"project_series_entities": pd.DataFrame([{"graphName": None, "nodeCount": None}])})

    assert run_gds(gds, "empty-series") == {}
    assert gds.names == ["project_series_entities", "drop_graph"]


def test_gds_available_follows_gds_version() -> None:
    assert gds_available(RecordingGds({"gds_version": pd.DataFrame([{"version": "2.13.2"}])}))
    assert not gds_available(RecordingGds({}, fail_on="gds_version"))


# --- against a real Neo4j with the GDS plugin -------------------------------------------------

NODES = ["a", "b", "c", "x", "y", "z", "hub", "loner"]
EDGES = [
    ("a", "b", 1.0), ("b", "c", 2.0), ("c", "a", 1.0),
    ("x", "y", 1.0), ("y", "z", 1.0), ("z", "x", 3.0),
    ("c", "x", 0.1), ("hub", "a", 0.5), ("hub", "b", 0.5),
]


@pytest.fixture
def neo4j_gds() -> Iterator[Any]:
    from graphdatascience import GraphDataScience
    from graphdatascience.error.gds_not_installed import GdsNotFound

    try:
        gds = GraphDataScience(
            os.environ["NEO4J_URI"],
            auth=(os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "neo4j")),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
            arrow=False,
        )
    except GdsNotFound as missing:  # a Neo4j without the plugin: the in-process path is the one used
        pytest.skip(f"the Neo4j at NEO4J_URI has no Graph Data Science plugin (GdsNotFound: {missing})")
    try:
        yield gds
    finally:
        gds.close()


@pytest.mark.graph
@pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"), reason="needs NEO4J_URI pointing at Neo4j with the GDS plugin"
)
def test_real_gds_agrees_with_the_in_process_path(neo4j_gds: Any) -> None:
    series_id = f"test-algorithms-{uuid.uuid4().hex}"
    key = {node: f"{series_id}-{node}" for node in NODES}  # Entity ids are unique database-wide
    graphs_before = set(neo4j_gds.run_cypher("CALL gds.graph.list() YIELD graphName RETURN graphName")["graphName"])
    neo4j_gds.run_cypher(
        "UNWIND $ids AS id CREATE (:Entity:Character {id: id, seriesId: $seriesId, name: id})",
        {"ids": list(key.values()), "seriesId": series_id},
    )
    neo4j_gds.run_cypher(
        "UNWIND $edges AS e MATCH (s:Entity {id: e.source}), (t:Entity {id: e.target}) "
        "CREATE (s)-[:RELATED_TO {type: 'knows', strength: e.strength}]->(t)",
        {"edges": [{"source": key[a], "target": key[b], "strength": w} for a, b, w in EDGES]},
    )
    try:
        assert gds_available(neo4j_gds)
        returned = run_gds(neo4j_gds, series_id)
        stored = neo4j_gds.run_cypher(
            "MATCH (e:Entity {seriesId: $seriesId}) RETURN e.id AS id, e.importance AS importance, "
            "e.community AS community",
            {"seriesId": series_id},
        )
    finally:
        neo4j_gds.run_cypher("MATCH (e:Entity {seriesId: $seriesId}) DETACH DELETE e", {"seriesId": series_id})

    expected = compute_importance_and_communities(list(key.values()), [(key[a], key[b], w) for a, b, w in EDGES])
    written = {row["id"]: NodeScores(row["importance"], int(row["community"])) for row in stored.to_dict("records")}
    assert written == returned
    assert written.keys() == expected.keys()
    for node, score in expected.items():
        assert written[node].importance == pytest.approx(score.importance, abs=1e-5), node
    assert {n: s.community for n, s in written.items()} == {n: s.community for n, s in expected.items()}
    graphs_after = set(neo4j_gds.run_cypher("CALL gds.graph.list() YIELD graphName RETURN graphName")["graphName"])
    assert graphs_after <= graphs_before
