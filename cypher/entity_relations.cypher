// Batch: relations of each entity in both directions, strongest first
MATCH (e:Entity)-[r:RELATED_TO]-(o:Entity)
WHERE e.id IN $ids
RETURN e.id AS entityId, o.id AS otherId, r.type AS type, coalesce(r.strength, 0.0) AS strength,
       r.sinceOrdinal AS sinceOrdinal, r.since AS since, startNode(r).id = e.id AS outgoing
ORDER BY entityId, strength DESC, otherId, type
