"""The statements explain runs, each run once against the store at start-up with parameters
that match nothing, so the store has parsed and planned them (Neo4j's and FalkorDB's query
caches) before the first viewer's question pays for it. In the background: `/health` answers
meanwhile; a statement that fails is logged, never fatal."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from graph.repositories import embeddings
from graph.repositories import explain as repo
from graph.repositories.videos import get_video
from graph.stores import GraphStore

log = logging.getLogger(__name__)

# no video, series or entity has these ids (ids are letters, digits, '_', '-', '.', ':')
NOBODY = "__warm-up__"


def explain_statements(store: GraphStore, embedding_dim: int) -> dict[str, Callable[[], Awaitable[Any]]]:
    """Statement name -> one harmless run of it through its repository function."""
    ids = [NOBODY]
    vector = [1.0] + [0.0] * (embedding_dim - 1)  # a unit vector: a zero one has no cosine
    return {
        "get_video": lambda: get_video(store, NOBODY),
        "get_segment_embedder": lambda: embeddings.segment_embedder(store, NOBODY),
        "explain_recent_lines": lambda: repo.recent_lines(store, video_id=NOBODY, since=0.0, until=1.0),
        "explain_scene_entities": lambda: repo.scene_entities(store, video_id=NOBODY, since=0.0, until=1.0),
        "explain_references_near": lambda: repo.references_near(store, video_id=NOBODY, since=0.0, until=1.0),
        "explain_similar_segments": lambda: repo.similar_segments(store, vector=vector, series_id=NOBODY,
                                                                  ordinal=0, before=1.0, k=1),
        "explain_echo_lines": lambda: repo.echoed_lines(store, text="warm", series_id=NOBODY, ordinal=0, before=1.0),
        "fulltext_search_entity": lambda: repo.entities_named(store, text="warm", series_id=NOBODY, k=1),
        "explain_entity_facts": lambda: repo.entity_facts(store, entity_ids=ids, ordinal=0, until=1.0),
        "explain_entity_relations": lambda: repo.entity_relations(store, entity_ids=ids, ordinal=0),
        "explain_scene_companions": lambda: repo.scene_companions(store, entity_ids=ids, video_id=NOBODY, until=1.0),
    }


async def warm_statements(store: GraphStore, embedding_dim: int) -> list[str]:
    """Runs each statement once; returns the names of those that ran (the others are logged)."""
    warmed: list[str] = []
    for name, run in explain_statements(store, embedding_dim).items():
        try:
            await run()
        except Exception:  # a cold statement is slower, not broken: the API serves regardless
            log.warning("could not warm the statement %s", name, exc_info=True)
        else:
            warmed.append(name)
    log.info("warmed %d of the explain statements", len(warmed))
    return warmed
