MATCH (x:Source)-[r:DESCRIBES]->(:Entity {id: $duplicateId})
MATCH (k:Entity {id: $keepId})
MERGE (x)-[:DESCRIBES]->(k)
DELETE r
RETURN count(x) AS moved
