UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
WHERE e.seriesId = $seriesId
SET e.importance = row.importance, e.community = row.community
RETURN count(e) AS written
