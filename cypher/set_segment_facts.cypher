UNWIND $segments AS row
MATCH (s:Segment {id: row.id})
SET s.topics = row.topics, s.complexity = row.complexity, s.importance = row.importance
RETURN count(s) AS updated
