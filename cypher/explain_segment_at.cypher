// The segment holding `$at` (or the last one starting before it, when `$at` falls in a gap)
MATCH (s:Segment {videoId: $videoId})
WHERE s.start <= $at
RETURN s.id AS id, s.index AS index, s.start AS start, s.end AS end
ORDER BY s.start DESC
LIMIT 1
