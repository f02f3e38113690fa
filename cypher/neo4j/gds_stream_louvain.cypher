// concurrency 1: GDS Louvain is only deterministic single-threaded.
CALL gds.louvain.stream($graphName, {
  relationshipWeightProperty: 'strength',
  concurrency: 1
})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId AS community
