MATCH (l:Line {videoId: $videoId})
WHERE l.index >= $lineCount
DETACH DELETE l
RETURN count(*) AS deleted
