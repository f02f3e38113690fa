// Mentions (MENTIONED_IN) go with the segments
MATCH (s:Segment {videoId: $videoId})
DETACH DELETE s
RETURN count(*) AS deleted
