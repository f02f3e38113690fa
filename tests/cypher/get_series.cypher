MATCH (s:Series {id: $id})
RETURN s.id AS id, s.title AS title, s.platform AS platform, s.language AS language
