// Referring expressions resolved by analysis in the current episode between $since and $until,
// with the reason the analysis gave (null for references stored before reasons were kept)
MATCH (r:Reference {videoId: $videoId})
WHERE r.at >= $since AND r.at <= $until
MATCH (r)-[:REFERS_TO]->(e:Entity)
RETURN r.expression AS expression, r.at AS at, r.confidence AS confidence, e.id AS entityId, e.name AS entityName,
       e.type AS entityType, r.reason AS reason
ORDER BY r.at DESC
LIMIT $limit
