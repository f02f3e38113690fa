MATCH (e:Entity {seriesId: $seriesId})
RETURN e.id AS id
ORDER BY id
