// Similar earlier moments: over-fetch `$candidates` neighbours, keep the series' segments that
// ended before the current scene (earlier episodes, or this one before `$before`), with who is
// mentioned in them
CALL db.idx.vector.queryNodes('Segment', 'embedding', $candidates, vecf32($vector)) YIELD node, score
WITH node, 1.0 - score / 2.0 AS similarity
WHERE node.seriesId = $seriesId
  AND (node.ordinal < $ordinal OR (node.ordinal = $ordinal AND node.end <= $before))
WITH node AS s, similarity AS score
ORDER BY score DESC
LIMIT $k
MATCH (v:Video {id: s.videoId})
OPTIONAL MATCH (s)<-[m:MENTIONED_IN]-(e:Entity)
WITH s, score, v, collect({id: e.id, at: m.firstAt}) AS mentioned
RETURN s.id AS id, score, s.videoId AS videoId, s.ordinal AS ordinal, v.season AS season, v.episode AS episode,
       s.start AS start, s.end AS end, s.text AS text, [x IN mentioned WHERE x.id IS NOT NULL] AS entities
ORDER BY score DESC
