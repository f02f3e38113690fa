// Typed relations from the duplicate become the kept entity's (strongest evidence, earliest episode)
MATCH (:Entity {id: $duplicateId})-[r:RELATED_TO]->(o:Entity)
WHERE r.type <> 'co_appearance' AND o.id <> $keepId
MATCH (k:Entity {id: $keepId})
MERGE (k)-[n:RELATED_TO {type: r.type}]->(o)
SET n.strength = CASE WHEN n.strength IS NULL OR r.strength > n.strength THEN r.strength ELSE n.strength END,
    n.sinceOrdinal = CASE WHEN n.sinceOrdinal IS NULL OR r.sinceOrdinal < n.sinceOrdinal
                          THEN r.sinceOrdinal ELSE n.sinceOrdinal END,
    n.since = coalesce(n.since, r.since)
DELETE r
RETURN count(n) AS moved
