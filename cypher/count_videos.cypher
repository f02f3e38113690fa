MATCH (v:Video)
WHERE ($seriesId IS NULL OR v.seriesId = $seriesId) AND ($status IS NULL OR v.status = $status)
RETURN count(v) AS total
