"""In-process importance (PageRank, GDS semantics, scaled to max 1.0) and communities (Louvain)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from graph.algorithms import NodeScores, compute_importance_and_communities
from graph.algorithms.scores import DAMPING_FACTOR, renumber_communities

D = DAMPING_FACTOR

TWO_TRIANGLES = (
    ["a", "b", "c", "x", "y", "z"],
    [
        ("a", "b", 1.0), ("b", "c", 1.0), ("c", "a", 1.0),
        ("x", "y", 1.0), ("y", "z", 1.0), ("z", "x", 1.0),
        ("c", "x", 0.1),  # the weak bridge
    ],
)


def partition(scores: dict[str, NodeScores]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for node, score in scores.items():
        groups.setdefault(score.community, set()).add(node)
    return {frozenset(group) for group in groups.values()}


def exact_pagerank(nodes: list[str], edges: list[tuple[str, str, float]]) -> dict[str, float]:
    """Independent reference: solve PR = (1-d) + d * P^T PR exactly (P row-normalised weights,
    undirected, rows of nodes without relationships left zero as GDS does), then divide by max."""
    index = {node: i for i, node in enumerate(nodes)}
    weights = np.zeros((len(nodes), len(nodes)))
    for a, b, w in edges:
        weights[index[a], index[b]] += w
        weights[index[b], index[a]] += w
    degree = weights.sum(axis=1)
    transition = np.divide(weights, degree[:, None], out=np.zeros_like(weights), where=degree[:, None] > 0)
    solution = np.linalg.solve(np.eye(len(nodes)) - D * transition.T, np.full(len(nodes), 1 - D))
    return {node: float(solution[i] / solution.max()) for node, i in index.items()}


def test_empty_graph_has_no_scores() -> None:
    assert compute_importance_and_communities([], []) == {}


def test_single_node_is_fully_important_and_alone() -> None:
    assert compute_importance_and_communities(["solo"], []) == {"solo": NodeScores(1.0, 0)}


def test_two_triangles_joined_by_a_weak_edge_are_two_communities() -> None:
    nodes, edges = TWO_TRIANGLES
    scores = compute_importance_and_communities([*nodes, "loner"], edges)

    assert partition(scores) == {frozenset("abc"), frozenset("xyz"), frozenset({"loner"})}
    # numbered by each community's smallest member id
    assert [scores[n].community for n in ("a", "loner", "x")] == [0, 1, 2]


def test_star_centre_is_most_important_and_matches_the_closed_form() -> None:
    leaves = ["l1", "l2", "l3", "l4"]
    scores = compute_importance_and_communities(["hub", *leaves], [("hub", leaf, 1.0) for leaf in leaves])

    assert scores["hub"].importance == 1.0
    # hub: C = (1-d) + d*k*L, leaf: L = (1-d) + d*C/k  =>  C = (1 + d*k) / (1 + d)
    k = len(leaves)
    centre = (1 + D * k) / (1 + D)
    leaf = (1 - D) + D * centre / k
    for name in leaves:
        assert scores[name].importance == pytest.approx(leaf / centre, abs=1e-6)


def test_heavier_edge_raises_its_endpoints() -> None:
    square = ["a", "b", "c", "d"]
    uniform = [("a", "b", 1.0), ("b", "c", 1.0), ("c", "d", 1.0), ("d", "a", 1.0)]
    heavy = [("a", "b", 3.0), *uniform[1:]]

    even = compute_importance_and_communities(square, uniform)
    skewed = compute_importance_and_communities(square, heavy)

    assert [s.importance for s in even.values()] == pytest.approx([1.0] * 4)
    assert skewed["a"].importance == skewed["b"].importance == 1.0
    assert skewed["c"].importance < 1.0
    assert skewed["c"].importance == pytest.approx(skewed["d"].importance)


def test_agrees_with_an_independently_solved_pagerank() -> None:
    rng = random.Random(7)
    nodes = [f"e{i:02d}" for i in range(25)]
    edges = [
        (rng.choice(nodes[:22]), rng.choice(nodes[:22]), round(rng.uniform(0.1, 5.0), 2)) for _ in range(60)
    ]
    edges = [(a, b, w) for a, b, w in edges if a != b]  # e22..e24 stay isolated

    scores = compute_importance_and_communities(nodes, edges)
    expected = exact_pagerank(nodes, edges)

    for node in nodes:
        assert scores[node].importance == pytest.approx(expected[node], abs=1e-6), node


def test_parallel_edges_add_up_and_self_loops_and_non_positive_strengths_are_ignored() -> None:
    nodes = ["a", "b", "c"]
    summed = compute_importance_and_communities(nodes, [("a", "b", 3.0), ("b", "c", 1.0)])
    split = compute_importance_and_communities(
        nodes, [("a", "b", 1.0), ("b", "a", 2.0), ("b", "c", 1.0), ("c", "c", 9.0), ("a", "c", 0.0),
                ("c", "a", -1.0)]
    )
    assert split == summed


def test_result_is_stable_across_runs_and_input_order() -> None:
    nodes, edges = TWO_TRIANGLES
    first = compute_importance_and_communities(nodes, edges)
    shuffled_nodes, shuffled_edges = list(nodes), [(b, a, w) for a, b, w in edges]
    random.Random(3).shuffle(shuffled_nodes)
    random.Random(4).shuffle(shuffled_edges)

    assert compute_importance_and_communities(nodes, edges) == first
    assert compute_importance_and_communities(shuffled_nodes, shuffled_edges) == first


@pytest.mark.parametrize(
    "edge", [("a", "ghost", 1.0), ("a", "b", float("nan")), ("a", "b", float("inf"))]
)
def test_bad_edges_are_rejected(edge: tuple[str, str, float]) -> None:
    with pytest.raises(ValueError):
        compute_importance_and_communities(["a", "b"], [edge])


def test_renumbering_orders_communities_by_their_smallest_member() -> None:
    assert renumber_communities({"m": 917, "b": 3, "a": 917, "z": 3, "k": 12}) == {
        "a": 0, "m": 0, "b": 1, "z": 1, "k": 2,
    }
