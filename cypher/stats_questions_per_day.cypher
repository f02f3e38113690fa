MATCH (q:Question)
OPTIONAL MATCH (v:Video {id: q.videoId})
WITH q, v
WHERE q.askedAt IS NOT NULL AND ($seriesId IS NULL OR v.seriesId = $seriesId)
WITH substring(q.askedAt, 0, 10) AS day, count(q) AS count
RETURN day, count
ORDER BY day DESC
LIMIT $limit
