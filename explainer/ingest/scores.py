"""Entity importance (PageRank) and communities (Louvain) for one series: GDS on Neo4j when the
plugin answers, otherwise the same algorithms in-process, written back to the entities."""

from __future__ import annotations

import asyncio
import logging

from explainer.core.settings import Settings
from graph.algorithms import compute_importance_and_communities
from graph.repositories import scores as scores_repo
from graph.stores import GraphStore

log = logging.getLogger(__name__)


async def update_entity_scores(settings: Settings, store: GraphStore, series_id: str) -> str:
    """Returns which path ran: `gds` or `inprocess`."""
    if store.backend == "neo4j" and await asyncio.to_thread(_gds_run, settings, series_id):
        return "gds"
    graph = await scores_repo.series_graph(store, series_id)
    scores = compute_importance_and_communities(graph.nodes, graph.edges)
    await scores_repo.write_entity_scores(store, series_id, [
        scores_repo.EntityScore(id=node, importance=score.importance, community=score.community)
        for node, score in scores.items()])
    return "inprocess"


def _gds_run(settings: Settings, series_id: str) -> bool:
    """GDS path (synchronous client, run in a thread). False when GDS is not installed."""
    try:
        # the GDS client (pandas, pyarrow) loads only for a Neo4j store, in this thread
        from graphdatascience import GraphDataScience

        from graph.algorithms import gds_available, run_gds

        assert settings.neo4j_uri
        gds = GraphDataScience(settings.neo4j_uri, auth=(settings.neo4j_user,
                                                        settings.neo4j_password.get_secret_value()),
                               database=settings.neo4j_database)
    except Exception:  # GdsNotFound, driver errors: fall back to the in-process path
        log.info("GDS not available; computing in-process", exc_info=True)
        return False
    try:
        if not gds_available(gds):
            return False
        run_gds(gds, series_id)
        return True
    finally:
        gds.close()
