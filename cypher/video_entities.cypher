// Batch: the entities mentioned in each video, most mentioned there first
MATCH (e:Entity)-[m:MENTIONED_IN]->(s:Segment)
WHERE s.videoId IN $videoIds
WITH s.videoId AS videoId, e, sum(m.count) AS count
RETURN videoId, count, e.id AS id, e.seriesId AS seriesId, e.name AS name, e.aliases AS aliases, e.type AS type,
       e.description AS description, coalesce(e.importance, 0.0) AS importance, e.community AS community,
       coalesce(e.mentions, 0) AS mentions
ORDER BY videoId, count DESC, id
