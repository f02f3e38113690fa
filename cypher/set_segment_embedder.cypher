MATCH (s:Series {id: $seriesId})
SET s.segmentEmbedder = $embedder
RETURN s.segmentEmbedder AS embedder
