UNWIND $rows AS row
MATCH (s:Segment {id: row.id})
SET s.embedding = vecf32(row.embedding)
RETURN count(s) AS updated
