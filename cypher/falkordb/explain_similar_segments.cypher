// Similar earlier moments: over-fetch `$candidates` neighbours, keep the series' segments that
// ended before the current scene (earlier episodes, or this one before `$before`)
CALL db.idx.vector.queryNodes('Segment', 'embedding', $candidates, vecf32($vector)) YIELD node, score
WITH node, 1.0 - score / 2.0 AS similarity
WHERE node.seriesId = $seriesId
  AND (node.ordinal < $ordinal OR (node.ordinal = $ordinal AND node.end <= $before))
RETURN node.id AS id, similarity AS score
ORDER BY score DESC
LIMIT $k
