// Entities named or speaking in the current episode between $since and $until (the bound),
// the latest mentioned first: `firstAt` is their first visible mention in that window, `sceneAt`
// the first in segments reaching past $sceneSince (the current scene; null when none)
MATCH (s:Segment {videoId: $videoId})
WHERE s.end > $since AND s.start <= $until
MATCH (e:Entity)-[m:MENTIONED_IN]->(s)
WHERE m.firstAt <= $until
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.importance, 0.0) AS importance,
       coalesce(e.aliases, []) AS aliases,
       min(m.firstAt) AS firstAt, min(CASE WHEN s.end > $sceneSince THEN m.firstAt END) AS sceneAt,
       max(m.firstAt) AS lastAt, sum(m.count) AS count
ORDER BY lastAt DESC
LIMIT $limit
