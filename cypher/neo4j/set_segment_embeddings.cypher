UNWIND $rows AS row
MATCH (s:Segment {id: row.id})
CALL db.create.setNodeVectorProperty(s, 'embedding', row.embedding)
RETURN count(s) AS updated
