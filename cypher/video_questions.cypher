// Batch: for each key {key, videoId, offset, limit} a page of the video's questions, newest first
UNWIND $keys AS k
MATCH (q:Question {videoId: k.videoId})
WITH k, q
ORDER BY q.askedAt DESC, q.id
WITH k, collect({id: q.id, videoId: q.videoId, text: q.text, at: q.at, responseMs: q.responseMs,
                 cached: q.cached, degraded: q.degraded, helpful: q.helpful, askedAt: q.askedAt}) AS rows
RETURN k.key AS key, rows[k.offset..k.offset + k.limit] AS rows, size(rows) AS total
