// Registration's series: created with the title the first episode gave; an explicit series title
// (seriesTitle) renames it, a title derived from an episode's own title never does.
MERGE (s:Series {id: $id})
ON CREATE SET s.title = $title, s.platform = $platform, s.language = $language
SET s.title = coalesce($explicitTitle, s.title)
RETURN s.id AS id, s.title AS title
