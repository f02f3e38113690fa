// Entities no segment mentions any more (after re-ingestion) and no line is spoken by
MATCH (e:Entity {seriesId: $seriesId})
WHERE NOT (e)-[:MENTIONED_IN]->() AND NOT ()-[:SPOKEN_BY]->(e) AND NOT ()-[:REFERS_TO]->(e)
DETACH DELETE e
RETURN count(*) AS deleted
