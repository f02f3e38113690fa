// Similar earlier moments: over-fetch `$candidates` neighbours, keep the series' segments that
// ended before the current scene (earlier episodes, or this one before `$before`)
CALL db.index.vector.queryNodes('segment_embedding', $candidates, $vector) YIELD node, score
WITH node, score
WHERE node.seriesId = $seriesId
  AND (node.ordinal < $ordinal OR (node.ordinal = $ordinal AND node.end <= $before))
RETURN node.id AS id, score
ORDER BY score DESC
LIMIT $k
