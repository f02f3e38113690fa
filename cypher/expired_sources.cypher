// Series whose wiki knowledge has expired (ISO-8601 UTC strings compare in time order)
MATCH (src:Source)-[:DESCRIBES]->(s:Series)
WHERE src.expiresAt <= $now
MATCH (v:Video {seriesId: s.id})
WITH s, collect(v)[0] AS v
RETURN s.id AS seriesId, s.title AS title, coalesce(s.language, v.language, 'ko') AS language
