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
    """PageRank with GDS 2.x semantics, solved by `networkx.pagerank`.

    GDS converges to PR(v) = (1 - d) + d * sum_u PR(u) * w(u, v) / W(u), not normalised, and
    nodes without relationships keep 1 - d (they redistribute nothing). On the nodes that have
    relationships (none of them dangling: the graph is undirected) that fixpoint sums to their
    count n, so it is n times networkx's normalised PageRank with uniform teleport over them.
    """
    graph = nx.Graph()
    graph.add_weighted_edges_from((a, b, weights[(a, b)]) for a, b in sorted(weights))
    scores = dict.fromkeys(nodes, 1.0 - DAMPING_FACTOR)
    connected = graph.number_of_nodes()
    if connected:
        # networkx stops once the summed change of its normalised scores is below n * tol, i.e.
        # (tol = TOLERANCE / n) once the unnormalised scores move by less than TOLERANCE in all.
        # It raises instead of answering unconverged, so its bound is generous (~120 are needed
        # at d = 0.85 on a star, where GDS's per-node stopping gets by with fewer).
        ranks = nx.pagerank(graph, alpha=DAMPING_FACTOR, weight="weight", tol=TOLERANCE / connected,
                            max_iter=10 * MAX_ITERATIONS)
        scores.update({node: connected * rank for node, rank in ranks.items()})
    return scores


def _louvain(nodes: Sequence[str], weights: dict[tuple[str, str], float]) -> dict[str, int]:
    """Louvain with a fixed seed on a graph built in sorted order, so every run agrees."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, weights[(a, b)]) for a, b in sorted(weights))
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    labels = {node: label for label, members in enumerate(found) for node in members}
    return renumber_communities(labels)
