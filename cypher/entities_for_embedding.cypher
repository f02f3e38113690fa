MATCH (e:Entity {seriesId: $seriesId})
RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.type AS type
ORDER BY e.id
