MATCH (q:Question {id: $id})
OPTIONAL MATCH (q)-[:ABOUT]->(s:Segment)
RETURN q.id AS id, q.videoId AS videoId, q.text AS text, q.at AS at, q.responseMs AS responseMs,
       q.cached AS cached, q.degraded AS degraded, q.helpful AS helpful, q.comment AS comment,
       q.askedAt AS askedAt, s.id AS segmentId
