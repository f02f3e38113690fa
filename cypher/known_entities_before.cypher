// Entities seen in episodes before `$ordinal`: what analysis of this episode may refer back to
MATCH (e:Entity {seriesId: $seriesId})-[m:MENTIONED_IN]->(s:Segment)
WHERE s.ordinal < $ordinal
WITH e, sum(m.count) AS mentions, max(s.ordinal * 100000 + s.start) AS lastSeen
RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.type AS type,
       coalesce(e.importance, 0.0) AS importance, mentions, lastSeen
ORDER BY e.id
