// One series' entity graph as an in-memory GDS graph: every Entity of the series (isolated ones
// too, through the OPTIONAL MATCH) and its RELATED_TO relationships inside the series, projected
// undirected and weighted by strength (missing -> 1.0). Self-loops and non-positive strengths are
// left out, as in graph/algorithms/inprocess.py. Sorted so the projection order (and so
// single-threaded Louvain) is the same on every run.
MATCH (source:Entity {seriesId: $seriesId})
OPTIONAL MATCH (source)-[r:RELATED_TO]->(target:Entity {seriesId: $seriesId})
  WHERE target <> source AND coalesce(r.strength, 1.0) > 0
WITH source, target, r
ORDER BY source.id, target.id
WITH gds.graph.project(
  $graphName,
  source,
  target,
  {relationshipProperties: {strength: toFloat(coalesce(r.strength, 1.0))}},
  {undirectedRelationshipTypes: ['*']}
) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount
