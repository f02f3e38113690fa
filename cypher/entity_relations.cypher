// Batch: relations of each entity in both directions, strongest first, with the other end
MATCH (e:Entity)-[r:RELATED_TO]-(o:Entity)
WHERE e.id IN $ids
RETURN e.id AS entityId, r.type AS type, coalesce(r.strength, 0.0) AS strength, r.sinceOrdinal AS sinceOrdinal,
       r.since AS since, startNode(r).id = e.id AS outgoing,
       o.id AS id, o.seriesId AS seriesId, o.name AS name, o.aliases AS aliases, o.type AS entityType,
       o.description AS description, coalesce(o.importance, 0.0) AS importance, o.community AS community,
       coalesce(o.mentions, 0) AS mentions
ORDER BY entityId, strength DESC, id, type
