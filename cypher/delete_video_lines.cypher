MATCH (l:Line {videoId: $videoId})
DETACH DELETE l
RETURN count(*) AS deleted
