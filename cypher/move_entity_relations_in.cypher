MATCH (o:Entity)-[r:RELATED_TO]->(:Entity {id: $duplicateId})
WHERE r.type <> 'co_appearance' AND o.id <> $keepId
MATCH (k:Entity {id: $keepId})
MERGE (o)-[n:RELATED_TO {type: r.type}]->(k)
SET n.strength = CASE WHEN n.strength IS NULL OR r.strength > n.strength THEN r.strength ELSE n.strength END,
    n.sinceOrdinal = CASE WHEN n.sinceOrdinal IS NULL OR r.sinceOrdinal < n.sinceOrdinal
                          THEN r.sinceOrdinal ELSE n.sinceOrdinal END,
    n.since = coalesce(n.since, r.since)
DELETE r
RETURN count(n) AS moved
