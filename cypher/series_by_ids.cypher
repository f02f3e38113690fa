MATCH (s:Series)
WHERE s.id IN $ids
RETURN s.id AS id, s.title AS title, s.platform AS platform, s.language AS language
