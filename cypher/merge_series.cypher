MERGE (s:Series {id: $id})
SET s.title = $title, s.platform = $platform, s.language = $language
RETURN s.id AS id, s.title AS title, s.platform AS platform, s.language AS language
