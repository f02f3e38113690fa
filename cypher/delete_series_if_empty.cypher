MATCH (s:Series {id: $seriesId})
WHERE NOT ()-[:OF_SERIES]->(s)
DETACH DELETE s
RETURN count(*) AS deleted
