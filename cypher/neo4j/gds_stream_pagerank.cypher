CALL gds.pageRank.stream($graphName, {
  relationshipWeightProperty: 'strength',
  dampingFactor: $dampingFactor,
  maxIterations: $maxIterations,
  tolerance: $tolerance,
  concurrency: 1
})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
