// mergeEntities: the duplicate's mentions move to the kept entity (counts add up, earliest firstAt
// wins, the names said there join)
MATCH (d:Entity {id: $duplicateId})-[m:MENTIONED_IN]->(s:Segment)
MATCH (k:Entity {id: $keepId})
MERGE (k)-[n:MENTIONED_IN]->(s)
ON CREATE SET n.count = 0, n.firstAt = m.firstAt
SET n.count = n.count + m.count,
    n.firstAt = CASE WHEN m.firstAt < n.firstAt THEN m.firstAt ELSE n.firstAt END,
    n.surfaces = CASE WHEN m.surfaces IS NULL AND n.surfaces IS NULL THEN null
                      ELSE coalesce(n.surfaces, []) + [x IN coalesce(m.surfaces, []) WHERE NOT x IN coalesce(n.surfaces, [])]
                 END
DELETE m
RETURN count(n) AS moved
