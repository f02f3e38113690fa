// The selections viewers asked about most in a series, only from what the viewer has seen:
// episodes before $ordinal, and episode $ordinal up to $until; with the share found helpful
MATCH (v:Video {seriesId: $seriesId})
WHERE v.ordinal <= $ordinal
MATCH (q:Question {videoId: v.id})
WHERE v.ordinal < $ordinal OR q.at <= $until
OPTIONAL MATCH (q)-[:ABOUT]->(s:Segment)
WITH q.videoId AS videoId, q.text AS text, count(q) AS count, min(q.at) AS at,
     collect(DISTINCT s.id)[0] AS segmentId,
     sum(CASE WHEN q.helpful = true THEN 1 ELSE 0 END) AS helpful,
     sum(CASE WHEN q.helpful IS NULL THEN 0 ELSE 1 END) AS rated
RETURN videoId, text, count, at, segmentId, helpful, rated
ORDER BY count DESC, videoId, text
LIMIT $limit
