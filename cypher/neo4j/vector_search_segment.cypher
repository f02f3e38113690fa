CALL db.index.vector.queryNodes('segment_embedding', $candidates, $vector) YIELD node, score
WITH node, score
WHERE $seriesId IS NULL OR node.seriesId = $seriesId
RETURN node.id AS id, score
ORDER BY score DESC
LIMIT $k
