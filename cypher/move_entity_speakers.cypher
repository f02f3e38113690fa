MATCH (l:Line)-[r:SPOKEN_BY]->(:Entity {id: $duplicateId})
MATCH (k:Entity {id: $keepId})
MERGE (l)-[:SPOKEN_BY]->(k)
DELETE r
RETURN count(l) AS moved
