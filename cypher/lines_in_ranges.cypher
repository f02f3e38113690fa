// Batch: for each key {key, videoId, lo, hi, limit} the video's lines starting in [lo, hi)
UNWIND $keys AS k
MATCH (l:Line {videoId: k.videoId})
WHERE l.start >= k.lo AND l.start < k.hi
WITH k, l
ORDER BY l.start, l.index
WITH k, collect({id: l.id, videoId: l.videoId, index: l.index, start: l.start, end: l.end, text: l.text,
                 speaker: l.speaker}) AS rows
RETURN k.key AS key, rows[0..k.limit] AS rows
