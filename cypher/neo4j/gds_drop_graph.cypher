CALL gds.graph.drop($graphName, false)
YIELD graphName
RETURN graphName
