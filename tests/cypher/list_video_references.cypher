MATCH (r:Reference {videoId: $videoId})-[:REFERS_TO]->(e:Entity)
RETURN r.id AS id, r.expression AS expression, r.at AS at, r.confidence AS confidence,
       e.id AS entityId, e.name AS entityName
ORDER BY r.at
