MATCH (:Entity {id: $duplicateId})-[r:DESCRIBED_IN]->(v:Video)
MATCH (k:Entity {id: $keepId})
MERGE (k)-[n:DESCRIBED_IN]->(v)
ON CREATE SET n.text = r.text, n.ordinal = r.ordinal
DELETE r
RETURN count(n) AS moved
