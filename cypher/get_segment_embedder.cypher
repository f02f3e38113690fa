// The embedder (provider:model:dimension) whose vectors fill the series' segment embeddings
MATCH (s:Series {id: $seriesId})
RETURN s.segmentEmbedder AS embedder
