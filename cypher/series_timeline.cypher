// Appearances across episodes: one entry per (entity, episode) at its first moment there
MATCH (e:Entity {seriesId: $seriesId})-[m:MENTIONED_IN]->(s:Segment)
WHERE $entityId IS NULL OR e.id = $entityId
WITH e, s.videoId AS videoId, s.ordinal AS ordinal, sum(m.count) AS count, count(s) AS segments,
     min(m.firstAt) AS at
RETURN e.id AS entityId, videoId, ordinal, at, count, segments
ORDER BY ordinal, at, count DESC, entityId
LIMIT $limit
