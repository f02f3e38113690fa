// Question totals for dashboards: how many, how many answered from the cache, mean response time
MATCH (q:Question)
OPTIONAL MATCH (v:Video {id: q.videoId})
WITH q, v
WHERE $seriesId IS NULL OR v.seriesId = $seriesId
RETURN count(q) AS questions,
       sum(CASE WHEN q.cached = true THEN 1 ELSE 0 END) AS cached,
       sum(CASE WHEN q.degraded = true THEN 1 ELSE 0 END) AS degraded,
       avg(q.responseMs) AS averageResponseMs
