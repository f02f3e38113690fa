MATCH (v:Video)
WHERE $seriesId IS NULL OR v.seriesId = $seriesId
RETURN v.status AS status, count(v) AS count
ORDER BY status
