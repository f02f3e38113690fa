MATCH (e:Entity {seriesId: $seriesId})
RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.type AS type,
       coalesce(e.importance, 0.0) AS importance, coalesce(e.mentions, 0) AS mentions,
       e.description AS description
ORDER BY e.id
