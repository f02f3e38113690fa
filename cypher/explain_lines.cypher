// Lines by id, kept only when the viewer saw them: earlier episodes, or this one before `$before`
UNWIND $ids AS lineId
MATCH (l:Line {id: lineId})
WHERE l.seriesId = $seriesId AND (l.ordinal < $ordinal OR (l.ordinal = $ordinal AND l.start < $before))
MATCH (v:Video {id: l.videoId})
OPTIONAL MATCH (l)-[:SPOKEN_BY]->(e:Entity)
RETURN l.id AS id, l.videoId AS videoId, l.ordinal AS ordinal, v.season AS season, v.episode AS episode,
       l.start AS start, l.text AS text, e.id AS speakerId
