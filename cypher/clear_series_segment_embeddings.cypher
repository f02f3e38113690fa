// Vectors of another embedder are removed before the series is re-embedded: one space per series
MATCH (g:Segment {seriesId: $seriesId})
WHERE g.embedding IS NOT NULL
REMOVE g.embedding
RETURN count(g) AS cleared
