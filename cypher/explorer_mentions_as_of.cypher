// Batch: for each key {key, entityId, ordinal, until, limit} the entity's mentions up to the
// bound in viewing order. A segment the bound cuts ends at the bound and shows no text (its
// later lines are not seen yet); its count is 1.
UNWIND $keys AS k
MATCH (e:Entity {id: k.entityId})-[m:MENTIONED_IN]->(s:Segment)
WHERE s.ordinal < k.ordinal OR (s.ordinal = k.ordinal AND m.firstAt <= k.until)
WITH k, e, m, s, s.ordinal < k.ordinal OR s.end <= k.until AS whole
ORDER BY s.ordinal, m.firstAt
WITH k, collect({entityId: e.id, count: CASE WHEN whole THEN m.count ELSE 1 END, at: m.firstAt,
                 ordinal: s.ordinal, id: s.id, videoId: s.videoId, index: s.index, start: s.start,
                 end: CASE WHEN whole THEN s.end ELSE k.until END, text: CASE WHEN whole THEN s.text ELSE null END,
                 topics: CASE WHEN whole THEN s.topics ELSE [] END, complexity: s.complexity,
                 importance: s.importance}) AS rows
RETURN k.key AS key, rows[0..k.limit] AS rows
