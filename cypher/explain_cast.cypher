// The cast the viewer knows at the bound: every character of the series first seen before it
// (`firstSeen`, series clock ordinal * 100000 + segment start, then the mention's own time), with
// its aliases, how often and when it was seen within the bound (first and last), the latest
// description written from a finished earlier episode, and typed relations established before
// the viewer's episode. The most mentioned first.
MATCH (e:Character {seriesId: $seriesId})
WHERE e.firstSeen IS NOT NULL AND e.firstSeen <= $ordinal * 100000 + $until
MATCH (e)-[m:MENTIONED_IN]->(s:Segment)
WHERE s.ordinal < $ordinal OR (s.ordinal = $ordinal AND m.firstAt <= $until)
WITH e, sum(m.count) AS mentions, min(s.ordinal * 100000 + m.firstAt) AS firstSeen,
     max(s.ordinal * 100000 + m.firstAt) AS lastSeen
ORDER BY mentions DESC, e.id
LIMIT $limit
OPTIONAL MATCH (e)-[d:DESCRIBED_IN]->(:Video)
WHERE d.ordinal < $ordinal
WITH e, mentions, firstSeen, lastSeen, d
ORDER BY d.ordinal DESC
WITH e, mentions, firstSeen, lastSeen, collect(d.text) AS descriptions
OPTIONAL MATCH (e)-[r:RELATED_TO]-(t:Entity)
WHERE r.sinceOrdinal < $ordinal AND r.type <> 'co_appearance'
WITH e, mentions, firstSeen, lastSeen, descriptions, r, t
ORDER BY r.strength DESC
WITH e, mentions, firstSeen, lastSeen, descriptions,
     collect(CASE WHEN t IS NULL THEN null ELSE {name: t.name, type: r.type} END) AS relations
RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases, mentions, firstSeen, lastSeen,
       CASE WHEN size(descriptions) > 0 THEN descriptions[0] ELSE null END AS description,
       relations[..$relations] AS relations
ORDER BY mentions DESC, id
