// One Question per explain call, linked to the segment at its timestamp when there is one
CREATE (q:Question {id: $id, videoId: $videoId, text: $text, at: $at, responseMs: $responseMs,
                    cached: $cached, degraded: $degraded, askedAt: $askedAt})
WITH q
OPTIONAL MATCH (s:Segment {videoId: $videoId})
WHERE s.start <= $at AND s.end > $at
WITH q, s LIMIT 1
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (q)-[:ABOUT]->(s))
RETURN q.id AS id
