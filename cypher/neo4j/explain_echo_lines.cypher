// Earlier lines holding every word of a recent one (a callback quotes an earlier scene): the
// index is over-fetched, then only the series' lines the viewer saw before `$before` are kept
CALL db.index.fulltext.queryNodes('line_text', $query, {limit: $candidates}) YIELD node, score
WITH node AS l, score
WHERE l.seriesId = $seriesId AND (l.ordinal < $ordinal OR (l.ordinal = $ordinal AND l.start < $before))
WITH l, score
ORDER BY score DESC
LIMIT $k
MATCH (v:Video {id: l.videoId})
OPTIONAL MATCH (l)-[:SPOKEN_BY]->(e:Entity)
RETURN l.id AS id, score, l.videoId AS videoId, l.ordinal AS ordinal, v.season AS season, v.episode AS episode,
       l.start AS start, l.text AS text, e.id AS speakerId
