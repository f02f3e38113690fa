// Appearances across episodes up to the bound: one entry per (entity, episode) at its first
// moment there, mentions counted up to the bound (a segment the bound cuts counts once)
MATCH (e:Entity {seriesId: $seriesId})-[m:MENTIONED_IN]->(s:Segment)
WHERE ($entityId IS NULL OR e.id = $entityId)
  AND (s.ordinal < $ordinal OR (s.ordinal = $ordinal AND m.firstAt <= $until))
WITH e, s.videoId AS videoId, s.ordinal AS ordinal,
     sum(CASE WHEN s.ordinal < $ordinal OR s.end <= $until THEN m.count ELSE 1 END) AS count,
     count(s) AS segments, min(m.firstAt) AS at
RETURN e.id AS entityId, videoId, ordinal, at, count, segments
ORDER BY ordinal, at, count DESC, entityId
LIMIT $limit
