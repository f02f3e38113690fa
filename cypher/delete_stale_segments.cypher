// After re-ingesting a shorter subtitle file: segments past the new end go
MATCH (s:Segment {videoId: $videoId})
WHERE s.index >= $segmentCount
DETACH DELETE s
RETURN count(*) AS deleted
