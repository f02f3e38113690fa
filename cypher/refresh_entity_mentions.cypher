MATCH (e:Entity {seriesId: $seriesId})
OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(s:Segment)
WITH e, coalesce(sum(m.count), 0) AS mentions, min(s.ordinal * 100000 + s.start) AS first
SET e.mentions = mentions, e.firstSeen = first
RETURN count(e) AS entities
