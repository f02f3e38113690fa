"""What both algorithm paths (GDS and in-process) produce, and the conventions they share.

Importance convention: PageRank as GDS computes it — undirected, weighted by `strength`, scores
start at (1 - d) and are not normalised (they sum to about the node count) — then divided by the
series' maximum. So `importance` is in (0, 1], the most central entity of a series has exactly
1.0, and values compare within a series, not across series. Both paths apply `scale_importance`.

Community convention: Louvain labels are arbitrary, so both paths renumber them with
`renumber_communities`: 0, 1, 2, ... in the order of each community's smallest entity id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

# GDS 2.x defaults except max_iterations (GDS: 20): 20 supersteps leave scores ~4 % short of the
# fixpoint (0.85 ** 19), so both paths run up to 100 and stop on the tolerance.
DAMPING_FACTOR = 0.85
TOLERANCE = 1e-7
MAX_ITERATIONS = 100
LOUVAIN_SEED = 42


@dataclass(frozen=True, slots=True)
class NodeScores:
    importance: float
    community: int


def scale_importance(raw: Mapping[str, float]) -> dict[str, float]:
    """Raw PageRank scores divided by their maximum (see the module docstring)."""
    if not raw:
        return {}
    top = max(raw.values())
    if top <= 0:  # cannot happen with PageRank (every score >= 1 - d); keep the division safe
        return dict.fromkeys(raw, 0.0)
    return {node: score / top for node, score in raw.items()}


def renumber_communities(labels: Mapping[str, Hashable]) -> dict[str, int]:
    """Arbitrary community labels -> 0..k-1, ordered by each community's smallest member id."""
    members: dict[Hashable, list[str]] = defaultdict(list)
    for node, label in labels.items():
        members[label].append(node)
    ordered = sorted(members.values(), key=min)
    return {node: number for number, group in enumerate(ordered) for node in group}


def combine(importance: Mapping[str, float], communities: Mapping[str, int]) -> dict[str, NodeScores]:
    """Join the two results per node; both must cover the same nodes."""
    if importance.keys() != communities.keys():
        raise ValueError("importance and community results cover different nodes")
    return {
        node: NodeScores(importance=importance[node], community=communities[node])
        for node in sorted(importance)
    }
