"""Graph algorithms on a series' entity graph: importance (PageRank) and communities (Louvain).

GDS when the Neo4j server has the plugin (`gds_available`, `run_gds`), otherwise in-process
(`compute_importance_and_communities`); both follow the conventions in `scores.py`.
"""

from graph.algorithms.gds import gds_available, run_gds
from graph.algorithms.inprocess import compute_importance_and_communities
from graph.algorithms.scores import NodeScores

__all__ = ["NodeScores", "compute_importance_and_communities", "gds_available", "run_gds"]
