MATCH (s:Segment)
WHERE s.id IN $ids
RETURN s.id AS id, s.videoId AS videoId, s.index AS index, s.start AS start, s.end AS end, s.text AS text,
       s.topics AS topics, s.complexity AS complexity, s.importance AS importance
