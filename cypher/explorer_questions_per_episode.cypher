// Questions per episode of a series up to the bound (asked at or before $until in episode
// $ordinal): how many, and how many were found helpful or not
MATCH (v:Video {seriesId: $seriesId})
WHERE v.ordinal <= $ordinal
MATCH (q:Question {videoId: v.id})
WHERE v.ordinal < $ordinal OR q.at <= $until
RETURN v.id AS videoId, v.ordinal AS ordinal, count(q) AS questions,
       sum(CASE WHEN q.helpful = true THEN 1 ELSE 0 END) AS helpful,
       sum(CASE WHEN q.helpful = false THEN 1 ELSE 0 END) AS notHelpful
ORDER BY ordinal
