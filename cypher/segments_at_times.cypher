// Batch: for each key {key, videoId, at} the segment holding that moment
UNWIND $keys AS k
MATCH (s:Segment {videoId: k.videoId})
WHERE s.start <= k.at AND k.at < s.end
RETURN k.key AS key, s.id AS id, s.videoId AS videoId, s.index AS index, s.start AS start, s.end AS end,
       s.text AS text, s.topics AS topics, s.complexity AS complexity, s.importance AS importance
