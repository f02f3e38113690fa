MATCH (q:Question {videoId: $videoId})
DETACH DELETE q
RETURN count(*) AS deleted
