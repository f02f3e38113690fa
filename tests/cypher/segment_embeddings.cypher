MATCH (g:Segment {seriesId: $seriesId})
RETURN g.id AS id, g.videoId AS videoId, g.text AS text, g.embedding AS embedding
ORDER BY g.id
