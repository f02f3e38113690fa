MATCH (s:Series)
RETURN s.id AS id, s.title AS title, s.platform AS platform, s.language AS language
ORDER BY id
SKIP $offset
LIMIT $limit
