// Whatever still carries the video's id (segments, lines, references, questions, the video)
MATCH (n)
WHERE n.videoId = $videoId OR n.id = $videoId
RETURN labels(n)[0] AS label, count(n) AS count
ORDER BY label
