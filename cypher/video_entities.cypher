// Batch: the entities mentioned in each video, most mentioned first
MATCH (e:Entity)-[m:MENTIONED_IN]->(s:Segment)
WHERE s.videoId IN $videoIds
WITH s.videoId AS videoId, e, sum(m.count) AS count
RETURN videoId, e.id AS id, count
ORDER BY videoId, count DESC, id
