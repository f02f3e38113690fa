// Co-appearance among the given entities counted up to the bound: segments both are mentioned
// in, each mention at or before $until when the segment is in episode $ordinal
MATCH (a:Entity)-[ma:MENTIONED_IN]->(s:Segment)<-[mb:MENTIONED_IN]-(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND a.id < b.id
  AND (s.ordinal < $ordinal OR (s.ordinal = $ordinal AND ma.firstAt <= $until AND mb.firstAt <= $until))
RETURN a.id AS source, b.id AS target, count(DISTINCT s) AS together
ORDER BY source, target
