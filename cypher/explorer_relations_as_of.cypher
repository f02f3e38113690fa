// Typed relations (from analysis) among the given entities, established in an episode watched
// to its end (before $complete); co-appearance is counted up to the bound separately
MATCH (a:Entity)-[r:RELATED_TO]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND r.type <> $derivedType AND r.sinceOrdinal < $complete
RETURN a.id AS source, b.id AS target, r.type AS type, coalesce(r.strength, 0.0) AS strength
ORDER BY source, target, type
