MATCH (s:Segment {videoId: $videoId})
RETURN s.id AS id, s.index AS index, s.start AS start, s.end AS end, s.text AS text
ORDER BY s.index
