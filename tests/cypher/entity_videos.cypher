MATCH (e:Entity {id: $id})-[:MENTIONED_IN]->(s:Segment)
RETURN s.videoId AS videoId, min(s.ordinal) AS ordinal, count(s) AS segments
ORDER BY ordinal
