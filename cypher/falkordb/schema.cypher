// FalkorDB DDL. Unique constraints are created by the adapter with GRAPH.CONSTRAINT (not
// Cypher); each needs the exact-match index on `id` below. "already indexed" errors mean done.
CREATE INDEX FOR (n:Series) ON (n.id);
CREATE INDEX FOR (n:Video) ON (n.id);
CREATE INDEX FOR (n:Segment) ON (n.id);
CREATE INDEX FOR (n:Line) ON (n.id);
CREATE INDEX FOR (n:Entity) ON (n.id);
CREATE INDEX FOR (n:Reference) ON (n.id);
CREATE INDEX FOR (n:Source) ON (n.id);
CREATE INDEX FOR (n:Question) ON (n.id);
CREATE INDEX FOR (n:Line) ON (n.videoId, n.start);
CREATE INDEX FOR (n:Segment) ON (n.videoId, n.index);
CREATE INDEX FOR (n:Video) ON (n.seriesId);
CREATE INDEX FOR (n:Entity) ON (n.seriesId);
CREATE INDEX FOR (n:Reference) ON (n.videoId);
CREATE INDEX FOR (n:Question) ON (n.videoId);
CREATE VECTOR INDEX FOR (n:Segment) ON (n.embedding) OPTIONS {dimension: $embeddingDim, similarityFunction: 'cosine'};
CALL db.idx.fulltext.createNodeIndex({label: 'Line', stopwords: []}, 'text');
CALL db.idx.fulltext.createNodeIndex({label: 'Entity', stopwords: []}, 'name', 'aliasText')
