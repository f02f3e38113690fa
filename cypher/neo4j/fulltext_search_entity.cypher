CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $k * 4}) YIELD node, score
WITH node, score
WHERE $seriesId IS NULL OR node.seriesId = $seriesId
RETURN node.id AS id, score
ORDER BY score DESC
LIMIT $k
