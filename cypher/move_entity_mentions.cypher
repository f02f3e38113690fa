// mergeEntities: the duplicate's mentions move to the kept entity (counts add up, earliest firstAt wins)
MATCH (d:Entity {id: $duplicateId})-[m:MENTIONED_IN]->(s:Segment)
MATCH (k:Entity {id: $keepId})
MERGE (k)-[n:MENTIONED_IN]->(s)
ON CREATE SET n.count = 0, n.firstAt = m.firstAt
SET n.count = n.count + m.count,
    n.firstAt = CASE WHEN m.firstAt < n.firstAt THEN m.firstAt ELSE n.firstAt END
DELETE m
RETURN count(n) AS moved
