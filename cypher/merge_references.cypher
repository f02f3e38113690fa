UNWIND $references AS row
MATCH (s:Segment {id: row.segmentId})
MATCH (e:Entity {id: row.entityId})
MERGE (r:Reference {id: row.id})
SET r.videoId = row.videoId, r.seriesId = row.seriesId, r.ordinal = row.ordinal,
    r.expression = row.expression, r.at = row.at, r.confidence = row.confidence,
    r.reason = row.reason
MERGE (r)-[:IN_SEGMENT]->(s)
MERGE (r)-[:REFERS_TO]->(e)
RETURN count(r) AS merged
