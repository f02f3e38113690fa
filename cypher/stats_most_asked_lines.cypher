// The selections viewers ask about most: (video, text), with where they were asked
MATCH (q:Question)
OPTIONAL MATCH (v:Video {id: q.videoId})
WITH q, v
WHERE $seriesId IS NULL OR v.seriesId = $seriesId
OPTIONAL MATCH (q)-[:ABOUT]->(s:Segment)
WITH q.videoId AS videoId, q.text AS text, count(q) AS count, min(q.at) AS at, collect(DISTINCT s.id)[0] AS segmentId
RETURN videoId, text, count, at, segmentId
ORDER BY count DESC, videoId, text
LIMIT $limit
