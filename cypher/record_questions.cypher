// Questions, written in batches after their answers went out, each linked to the segment at
// its timestamp when there is one. Never merged: a duplicate id is a bug and fails the constraint.
UNWIND $questions AS row
CREATE (q:Question {id: row.id, videoId: row.videoId, text: row.text, at: row.at, responseMs: row.responseMs,
                    cached: row.cached, degraded: row.degraded, askedAt: row.askedAt})
WITH q, row
OPTIONAL MATCH (s:Segment {videoId: row.videoId})
WHERE s.start <= row.at AND s.end > row.at
WITH q, collect(s) AS segments
FOREACH (s IN segments[..1] | MERGE (q)-[:ABOUT]->(s))
RETURN count(q) AS created
