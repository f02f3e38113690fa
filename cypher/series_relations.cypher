MATCH (a:Entity {seriesId: $seriesId})-[r:RELATED_TO]->(b:Entity {seriesId: $seriesId})
RETURN a.id AS source, b.id AS target, coalesce(r.strength, 1.0) AS strength
