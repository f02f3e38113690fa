// Earlier lines holding every word of one of the recent ones (a callback quotes an earlier scene):
// for each query, in the order given, the index is over-fetched, then its best $k of the series'
// lines the viewer saw before `$before` are kept, best first
UNWIND range(0, size($queries) - 1) AS probe
CALL db.index.fulltext.queryNodes('line_text', $queries[probe], {limit: $candidates}) YIELD node, score
WITH probe, node AS l, score
WHERE l.seriesId = $seriesId AND (l.ordinal < $ordinal OR (l.ordinal = $ordinal AND l.start < $before))
WITH probe, l, score
ORDER BY score DESC
WITH probe, collect({line: l, score: score})[..$k] AS best
UNWIND best AS hit
WITH probe, hit.line AS l, hit.score AS score
MATCH (v:Video {id: l.videoId})
OPTIONAL MATCH (l)-[:SPOKEN_BY]->(e:Entity)
RETURN probe, l.id AS id, score, l.videoId AS videoId, l.ordinal AS ordinal, v.season AS season, v.episode AS episode,
       l.start AS start, l.text AS text, e.id AS speakerId
ORDER BY probe, score DESC
