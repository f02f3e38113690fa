// The end of the episode before the viewer's (the latest ready one of the series with a smaller
// ordinal): its last $limit lines, latest first, with their speakers. Everything of an earlier
// episode is within the bound.
MATCH (v:Video {seriesId: $seriesId})
WHERE v.ordinal < $ordinal AND v.status = 'ready'
WITH v
ORDER BY v.ordinal DESC
LIMIT 1
MATCH (l:Line {videoId: v.id})
WITH v, l
ORDER BY l.start DESC
LIMIT $limit
OPTIONAL MATCH (l)-[:SPOKEN_BY]->(e:Entity)
RETURN v.id AS videoId, v.season AS season, v.episode AS episode, l.id AS id, l.start AS start, l.end AS end,
       l.text AS text, l.speaker AS speaker, e.id AS speakerId, e.name AS speakerName,
       coalesce(l.lyric, false) AS lyric
ORDER BY start DESC
