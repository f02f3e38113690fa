// Batch: for each key {key, videoId, lo, hi, limit} the references made in [lo, hi)
UNWIND $keys AS k
MATCH (r:Reference {videoId: k.videoId})-[:REFERS_TO]->(e:Entity)
WHERE r.at >= k.lo AND r.at < k.hi
OPTIONAL MATCH (r)-[:IN_SEGMENT]->(s:Segment)
WITH k, r, e, s
ORDER BY r.at, r.id
WITH k, collect({id: r.id, videoId: r.videoId, expression: r.expression, at: r.at, confidence: r.confidence,
                 entityId: e.id, segmentId: s.id}) AS rows
RETURN k.key AS key, rows[0..k.limit] AS rows
