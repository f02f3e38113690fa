MATCH (e:Entity)
WHERE e.id IN $ids
RETURN e.id AS id, e.seriesId AS seriesId, e.name AS name, e.aliases AS aliases, e.type AS type,
       e.description AS description, coalesce(e.importance, 0.0) AS importance, e.community AS community,
       coalesce(e.mentions, 0) AS mentions
