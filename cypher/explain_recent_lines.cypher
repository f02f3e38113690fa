// Lines of the current episode in [$since, $until] (the spoiler bound), latest first; the
// (videoId, start) index finds them, the limit applies before the speaker is looked up
MATCH (l:Line {videoId: $videoId})
WHERE l.start >= $since AND l.start <= $until
WITH l
ORDER BY l.start DESC
LIMIT $limit
OPTIONAL MATCH (l)-[:SPOKEN_BY]->(e:Entity)
RETURN l.id AS id, l.start AS start, l.end AS end, l.text AS text, l.speaker AS speaker, e.id AS speakerId,
       e.name AS speakerName, coalesce(l.lyric, false) AS lyric
ORDER BY l.start DESC
