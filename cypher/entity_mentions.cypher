// Batch: every mention of each entity, in viewing order (episode, then time), with its segment
MATCH (e:Entity)-[m:MENTIONED_IN]->(s:Segment)
WHERE e.id IN $ids
RETURN e.id AS entityId, m.count AS count, m.firstAt AS at, s.ordinal AS ordinal,
       s.id AS id, s.videoId AS videoId, s.index AS index, s.start AS start, s.end AS end, s.text AS text,
       s.topics AS topics, s.complexity AS complexity, s.importance AS importance
ORDER BY entityId, ordinal, at
