MATCH (r:Reference {videoId: $videoId})
DETACH DELETE r
RETURN count(*) AS deleted
