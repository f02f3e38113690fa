MATCH (x:Reference)-[r:REFERS_TO]->(:Entity {id: $duplicateId})
MATCH (k:Entity {id: $keepId})
MERGE (x)-[:REFERS_TO]->(k)
DELETE r
RETURN count(x) AS moved
