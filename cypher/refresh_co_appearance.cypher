// Co-appearance weights recomputed from every MENTIONED_IN of the series: re-running an
// episode never counts twice, and weight accumulates across episodes
MATCH (a:Character {seriesId: $seriesId})-[:MENTIONED_IN]->(s:Segment)<-[:MENTIONED_IN]-(b:Character {seriesId: $seriesId})
WHERE a.id < b.id
WITH a, b, count(DISTINCT s) AS together, min(s.ordinal) AS sinceOrdinal
MERGE (a)-[r:RELATED_TO {type: 'co_appearance'}]->(b)
SET r.count = together, r.strength = 1.0 - 1.0 / (1.0 + toFloat(together) / 3.0), r.sinceOrdinal = sinceOrdinal
RETURN count(r) AS relations
