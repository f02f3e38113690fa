"""Entity importance and communities computed in the process (FalkorDB, or Neo4j without GDS).

Pure functions over a plain description of one series' entity graph. The RELATED_TO
relationships are treated as undirected; parallel relationships between the same two entities
add their strengths (as GDS does with parallel relationships); self-loops and non-positive
strengths are ignored, matching `cypher/project_series_entities.cypher`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import networkx as nx
import numpy as np

from graph.algorithms.scores import (
    DAMPING_FACTOR,
    LOUVAIN_SEED,
    MAX_ITERATIONS,
    TOLERANCE,
    NodeScores,
    combine,
    renumber_communities,
    scale_importance,
)


def compute_importance_and_communities(
    nodes: list[str], edges: list[tuple[str, str, float]]
) -> dict[str, NodeScores]:
    """Importance (scaled PageRank) and community (Louvain) for every node.

    The result does not depend on the order of `nodes` or `edges`.
    """
    ordered = sorted(set(nodes))
    weights = _undirected_weights(ordered, edges)
    raw = _pagerank(ordered, weights)
    communities = _louvain(ordered, weights)
    return combine(scale_importance(raw), communities)


def _undirected_weights(
    nodes: Sequence[str], edges: Iterable[tuple[str, str, float]]
) -> dict[tuple[str, str], float]:
    """Summed strength per unordered pair, keyed (smaller id, larger id)."""
    known = set(nodes)
    weights: dict[tuple[str, str], float] = {}
    for source, target, strength in edges:
        if source not in known or target not in known:
            raise ValueError(f"edge {source!r} - {target!r} names a node that is not in `nodes`")
        if not math.isfinite(strength):
            raise ValueError(f"edge {source!r} - {target!r} has a non-finite strength {strength!r}")
        if source == target or strength <= 0:
            continue
        pair = (source, target) if source < target else (target, source)
        weights[pair] = weights.get(pair, 0.0) + float(strength)
    return weights


def _pagerank(nodes: Sequence[str], weights: dict[tuple[str, str], float]) -> dict[str, float]:
    """PageRank exactly as GDS 2.x computes it (org.neo4j.gds.pagerank.PageRankComputation).

    Every score starts at (1 - d); each superstep a node whose last increment exceeded the
    tolerance sends increment * w / weighted_degree along each relationship, and each receiver
    adds d * (sum of what it received). This converges to the fixpoint
    PR(v) = (1 - d) + d * sum_u PR(u) * w(u, v) / W(u), with no normalisation and no
    redistribution from nodes without relationships (they keep 1 - d).
    """
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted(weights)
    one_way = np.array([index[a] for a, _ in pairs], dtype=np.intp)
    other_way = np.array([index[b] for _, b in pairs], dtype=np.intp)
    strength = np.array([weights[pair] for pair in pairs], dtype=np.float64)
    # each undirected relationship carries messages both ways
    senders = np.concatenate([one_way, other_way])
    receivers = np.concatenate([other_way, one_way])
    relationship_weight = np.concatenate([strength, strength])

    size = len(nodes)
    degree = np.bincount(senders, weights=relationship_weight, minlength=size).astype(np.float64)
    has_relationships = degree > 0
    safe_degree = np.where(has_relationships, degree, 1.0)

    rank = np.full(size, 1.0 - DAMPING_FACTOR)
    delta = rank.copy()
    sending = has_relationships  # superstep 0 sends unconditionally
    for _superstep in range(1, MAX_ITERATIONS):
        if not sending.any():
            break
        per_weight = np.where(sending, delta / safe_degree, 0.0)
        received = np.bincount(
            receivers, weights=per_weight[senders] * relationship_weight, minlength=size
        )
        delta = DAMPING_FACTOR * received
        rank += delta
        sending = (delta > TOLERANCE) & has_relationships
    return {node: float(rank[i]) for node, i in index.items()}


def _louvain(nodes: Sequence[str], weights: dict[tuple[str, str], float]) -> dict[str, int]:
    """Louvain with a fixed seed on a graph built in sorted order, so every run agrees."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, weights[(a, b)]) for a, b in sorted(weights))
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    labels = {node: label for label, members in enumerate(found) for node in members}
    return renumber_communities(labels)
