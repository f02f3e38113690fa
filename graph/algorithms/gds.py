"""Entity importance and communities through the Neo4j Graph Data Science plugin (GDS 2.x).

Uses the `graphdatascience` client only to run the statements in `cypher/` (every value a
parameter), so the Cypher the product runs is all in files:

1. `project_series_entities` — a Cypher projection with the `gds.graph.project` aggregation
   function (the legacy `gds.graph.project.cypher` procedure is deprecated in GDS 2.x), filtered
   by `$seriesId`, relationships undirected, weighted by `strength`;
2. `stream_pagerank` and `stream_louvain` — stream mode, not write mode, because the raw scores
   and community labels still need the product's conventions (`scores.py`), applied by the same
   functions as the in-process path;
3. `write_entity_scores` — one UNWIND writing `importance` and `community` on the series' entities;
4. `drop_graph` — always, also when a step fails.

Only PageRank and Louvain run inside GDS; the projection is named per run so concurrent runs for
different (or the same) series never collide.
"""

from __future__ import annotations

import logging
import uuid
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from graph.algorithms.scores import (
    DAMPING_FACTOR,
    MAX_ITERATIONS,
    TOLERANCE,
    NodeScores,
    combine,
    renumber_communities,
    scale_importance,
)
from graph.catalog import load_statement

if TYPE_CHECKING:
    from pandas import DataFrame

log = logging.getLogger(__name__)


class GdsClient(Protocol):
    """The part of `graphdatascience.GraphDataScience` this module uses."""

    def run_cypher(self, query: str, params: dict[str, Any] | None = None) -> DataFrame: ...


@cache
def _statement(name: str) -> str:
    return load_statement(name if name in ("write_entity_scores", "gds_version") else f"gds_{name}", "neo4j")


def gds_available(gds: GdsClient) -> bool:
    """Whether the server answers `gds.version()` right now.

    Note that constructing `GraphDataScience(...)` already raises `GdsNotFound` when the plugin is
    missing; this check is for a client that exists (the plugin can go away with a restart).
    """
    try:
        frame = gds.run_cypher(_statement("gds_version"))
    except Exception as error:  # any failure means "do not use GDS"; the caller falls back
        log.info("GDS not available: %s", error)
        return False
    return not frame.empty and frame["version"].iloc[0] is not None


def run_gds(gds: GdsClient, series_id: str) -> dict[str, NodeScores]:
    """Compute and write `importance` and `community` on the series' entities; return them."""
    graph_name = f"entities-{uuid.uuid4().hex}"
    try:
        scores = _project_and_compute(gds, graph_name, series_id)
    except BaseException:
        _drop_projection(gds, graph_name, quiet=True)
        raise
    _drop_projection(gds, graph_name, quiet=False)
    if scores:
        rows = [
            {"id": node, "importance": score.importance, "community": score.community}
            for node, score in scores.items()
        ]
        gds.run_cypher(_statement("write_entity_scores"), {"seriesId": series_id, "rows": rows})
    return scores


def _project_and_compute(gds: GdsClient, graph_name: str, series_id: str) -> dict[str, NodeScores]:
    projected = gds.run_cypher(
        _statement("project_series_entities"), {"graphName": graph_name, "seriesId": series_id}
    )
    if _node_count(projected) == 0:
        return {}
    ranks = gds.run_cypher(
        _statement("stream_pagerank"),
        {
            "graphName": graph_name,
            "dampingFactor": DAMPING_FACTOR,
            "maxIterations": MAX_ITERATIONS,
            "tolerance": TOLERANCE,
        },
    )
    labels = gds.run_cypher(_statement("stream_louvain"), {"graphName": graph_name})
    raw = {str(row["id"]): float(row["score"]) for row in ranks.to_dict("records")}
    communities = {str(row["id"]): int(row["community"]) for row in labels.to_dict("records")}
    return combine(scale_importance(raw), renumber_communities(communities))


def _node_count(projected: DataFrame) -> int:
    """Node count of the projection; the aggregation yields null (no graph) for an empty series."""
    if projected.empty:
        return 0
    count = projected["nodeCount"].iloc[0]
    if count is None or count != count:  # None, or NaN once pandas has touched it
        return 0
    return int(count)


def _drop_projection(gds: GdsClient, graph_name: str, *, quiet: bool) -> None:
    """Drop the in-memory graph (no error if it was never created).

    `quiet` while another error is propagating: that error is the one worth seeing.
    """
    try:
        gds.run_cypher(_statement("drop_graph"), {"graphName": graph_name})
    except Exception:
        if not quiet:
            raise
        log.warning("could not drop GDS graph %s", graph_name, exc_info=True)
