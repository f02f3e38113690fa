UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.embedding = vecf32(row.embedding)
RETURN count(e) AS updated
