// Batch: every mention of each entity, in viewing order (episode, then time)
MATCH (e:Entity)-[m:MENTIONED_IN]->(s:Segment)
WHERE e.id IN $ids
RETURN e.id AS entityId, s.id AS segmentId, s.videoId AS videoId, s.ordinal AS ordinal, s.index AS index,
       s.start AS start, s.end AS end, m.count AS count, m.firstAt AS at
ORDER BY entityId, ordinal, at
