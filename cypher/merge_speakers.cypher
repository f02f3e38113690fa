UNWIND $speakers AS row
MATCH (l:Line {id: row.lineId})
MATCH (e:Entity {id: row.entityId})
MERGE (l)-[:SPOKEN_BY]->(e)
RETURN count(*) AS merged
