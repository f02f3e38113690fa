MATCH (s:Series)
WITH s
ORDER BY s.id
SKIP $offset
LIMIT $limit
RETURN s.id AS id, s.title AS title, s.platform AS platform, s.language AS language
