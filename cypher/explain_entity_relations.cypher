// Relations visible at the bound: typed relations found in earlier episodes, and characters
// seen together with the entity in segments up to the bound (co-appearance counted only there)
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
OPTIONAL MATCH (e)-[r:RELATED_TO]-(t:Entity)
WHERE r.type <> 'co_appearance' AND r.sinceOrdinal < $ordinal
WITH e, collect({id: t.id, name: t.name, type: r.type, strength: r.strength}) AS typed
OPTIONAL MATCH (e)-[m1:MENTIONED_IN]->(s:Segment)<-[m2:MENTIONED_IN]-(o:Character)
WHERE o.id <> e.id
  AND (s.ordinal < $ordinal OR (s.ordinal = $ordinal AND m1.firstAt <= $until AND m2.firstAt <= $until))
WITH e, typed, o, count(s) AS together
ORDER BY together DESC
WITH e, typed, collect({id: o.id, name: o.name, together: together}) AS others
RETURN e.id AS id, [x IN typed WHERE x.id IS NOT NULL][..$limit] AS typed,
       [x IN others WHERE x.id IS NOT NULL][..$limit] AS together
