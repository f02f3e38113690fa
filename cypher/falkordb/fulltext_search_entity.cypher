CALL db.idx.fulltext.queryNodes('Entity', $query) YIELD node, score
WITH node, score
WHERE $seriesId IS NULL OR node.seriesId = $seriesId
RETURN node.id AS id, score
ORDER BY score DESC
LIMIT $k
