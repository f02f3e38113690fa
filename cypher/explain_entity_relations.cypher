// Relations established in episodes before the viewer's (typed ones from analysis, and
// co-appearance, by `sinceOrdinal`), strongest first
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})-[r:RELATED_TO]-(t:Entity)
WHERE r.sinceOrdinal < $ordinal
WITH e, r, t
ORDER BY coalesce(r.count, 0) DESC, r.strength DESC
WITH e, collect({id: t.id, name: t.name, type: r.type}) AS relations
RETURN e.id AS id, relations[..$limit] AS relations
