// Batch: for each key {key, videoId, lo, hi, limit} the video's segments overlapping [lo, hi)
UNWIND $keys AS k
MATCH (s:Segment {videoId: k.videoId})
WHERE s.end > k.lo AND s.start < k.hi
WITH k, s
ORDER BY s.index
WITH k, collect({id: s.id, videoId: s.videoId, index: s.index, start: s.start, end: s.end, text: s.text,
                 topics: s.topics, complexity: s.complexity, importance: s.importance}) AS rows
RETURN k.key AS key, rows[0..k.limit] AS rows
