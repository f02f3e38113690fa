// Neo4j 5 DDL, idempotent with IF NOT EXISTS. Fulltext uses the `cjk` analyzer so Hangul is
// indexed as bigrams (미소 matches 미소가). Vector indexes are cosine; the dimension comes from
// settings (EMBEDDING_DIM) because Neo4j 5 takes no parameters in index options.
CREATE CONSTRAINT series_id IF NOT EXISTS FOR (n:Series) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT video_id IF NOT EXISTS FOR (n:Video) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT segment_id IF NOT EXISTS FOR (n:Segment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT line_id IF NOT EXISTS FOR (n:Line) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reference_id IF NOT EXISTS FOR (n:Reference) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT question_id IF NOT EXISTS FOR (n:Question) REQUIRE n.id IS UNIQUE;
CREATE INDEX line_video_start IF NOT EXISTS FOR (n:Line) ON (n.videoId, n.start);
CREATE INDEX segment_video_index IF NOT EXISTS FOR (n:Segment) ON (n.videoId, n.index);
// explain's window statements: equality on the video, a range on the time (a composite range
// index seeks on both: equality on the first property, range on the next)
CREATE INDEX segment_video_start IF NOT EXISTS FOR (n:Segment) ON (n.videoId, n.start);
CREATE INDEX video_series IF NOT EXISTS FOR (n:Video) ON (n.seriesId);
CREATE INDEX video_series_ordinal IF NOT EXISTS FOR (n:Video) ON (n.seriesId, n.ordinal);
CREATE INDEX entity_series IF NOT EXISTS FOR (n:Entity) ON (n.seriesId);
CREATE INDEX reference_video IF NOT EXISTS FOR (n:Reference) ON (n.videoId);
CREATE INDEX reference_video_at IF NOT EXISTS FOR (n:Reference) ON (n.videoId, n.at);
CREATE INDEX question_video IF NOT EXISTS FOR (n:Question) ON (n.videoId);
CREATE VECTOR INDEX segment_embedding IF NOT EXISTS FOR (n:Segment) ON (n.embedding)
  OPTIONS {indexConfig: {`vector.dimensions`: $embeddingDim, `vector.similarity_function`: 'cosine'}};
CREATE FULLTEXT INDEX line_text IF NOT EXISTS FOR (n:Line) ON EACH [n.text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}
