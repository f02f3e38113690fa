// FalkorDB reports cosine distance (0..2); the port promises (1 + cos) / 2 like Neo4j
CALL db.idx.vector.queryNodes('Segment', 'embedding', $candidates, vecf32($vector)) YIELD node, score
WITH node, 1.0 - score / 2.0 AS similarity
WHERE $seriesId IS NULL OR node.seriesId = $seriesId
RETURN node.id AS id, similarity AS score
ORDER BY score DESC
LIMIT $k
