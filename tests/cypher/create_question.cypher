// Questions are never merged: a duplicate id is a bug and must fail on the unique constraint
CREATE (q:Question {id: $id, videoId: $videoId, text: $text, at: $at, responseMs: $responseMs,
                    cached: $cached, degraded: $degraded, askedAt: $askedAt})
WITH q
OPTIONAL MATCH (s:Segment {id: $segmentId})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (q)-[:ABOUT]->(s))
RETURN q.id AS id
