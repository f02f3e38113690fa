// What the viewer knows of each entity by the bound: the aliases heard in the lines of the
// bounded segments that mention it, and the latest description of an episode watched to its
// end (an episode's description covers all of it: episodes before $complete)
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})-[m:MENTIONED_IN]->(s:Segment)
WHERE s.ordinal < $ordinal OR (s.ordinal = $ordinal AND m.firstAt <= $until)
MATCH (l:Line)-[:IN_SEGMENT]->(s)
WHERE s.ordinal < $ordinal OR l.start <= $until
WITH e, collect(l.text) AS heard
OPTIONAL MATCH (e)-[d:DESCRIBED_IN]->(:Video)
WHERE d.ordinal < $complete
WITH e, heard, d
ORDER BY d.ordinal DESC
WITH e, heard, collect(d.text) AS descriptions
RETURN e.id AS id, [a IN coalesce(e.aliases, []) WHERE any(t IN heard WHERE t CONTAINS a)] AS aliases,
       CASE WHEN size(descriptions) > 0 THEN descriptions[0] ELSE null END AS description
