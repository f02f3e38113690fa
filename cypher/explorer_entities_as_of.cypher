// Entities of a series the viewer has met by the bound: mentioned in an episode before $ordinal,
// or in episode $ordinal at or before $until. Mentions are counted up to the bound (a segment
// the bound cuts counts once); the first appearance is the earliest bounded mention.
MATCH (e:Entity {seriesId: $seriesId})-[m:MENTIONED_IN]->(s:Segment)
WHERE ($type IS NULL OR e.type = $type)
  AND (s.ordinal < $ordinal OR (s.ordinal = $ordinal AND m.firstAt <= $until))
WITH e, s, m
ORDER BY s.ordinal, m.firstAt
WITH e, sum(CASE WHEN s.ordinal < $ordinal OR s.end <= $until THEN m.count ELSE 1 END) AS mentions,
     collect({videoId: s.videoId, ordinal: s.ordinal, at: m.firstAt}) AS seen
RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.type AS type, mentions,
       seen[0].videoId AS firstVideoId, seen[0].ordinal AS firstOrdinal, seen[0].at AS firstAt
ORDER BY mentions DESC, id
LIMIT $limit
