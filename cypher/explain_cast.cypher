// The cast the viewer knows at the bound: every character of the series first seen before it
// (`name`, `aliases`: as heard by then; `fullName`, `allAliases`: every name of the series, only
// to recognise a person a model names) (`firstSeen`, series clock ordinal * 100000 + segment start, then the mention's own time), with
// its aliases, how often and when it was seen within the bound (first and last), the latest
// description written from a finished earlier episode, and typed relations established before
// the viewer's episode. The most mentioned first.
MATCH (e:Character {seriesId: $seriesId})
WHERE e.firstSeen IS NOT NULL AND e.firstSeen <= $ordinal * 100000 + $until
MATCH (e)-[m:MENTIONED_IN]->(s:Segment)
WHERE s.ordinal < $ordinal OR (s.ordinal = $ordinal AND m.firstAt <= $until)
WITH e, sum(m.count) AS mentions, min(s.ordinal * 100000 + m.firstAt) AS firstSeen,
     max(s.ordinal * 100000 + m.firstAt) AS lastSeen, collect(m.surfaces) AS surfaceLists
ORDER BY mentions DESC, e.id
LIMIT $limit
// only the names the viewer has heard by the bound (the surfaces of the mentions within it): a
// name or alias first said later is a spoiler. Mentions written before surfaces were recorded
// (no list at all) keep the entity's names as they are. Which heard name is shown is the caller's
// choice (explainer.reading.names.heard_name: the most complete, the given name first).
WITH e, mentions, firstSeen, lastSeen, size(surfaceLists) > 0 AS recorded,
     reduce(heard = [], l IN surfaceLists | heard + [x IN l WHERE NOT x IN heard]) AS heard
WITH e, mentions, firstSeen, lastSeen, recorded, heard, [x IN heard | toLower(x)] AS heardLower
WITH e, mentions, firstSeen, lastSeen, recorded, heard, heardLower,
     [a IN coalesce(e.aliases, []) WHERE toLower(a) IN heardLower] + heard AS spellings
WITH e, mentions, firstSeen, lastSeen, recorded, heard, heardLower,
     CASE WHEN NOT recorded OR size(heard) = 0 OR toLower(e.name) IN heardLower THEN e.name
          ELSE spellings[0] END AS name
WITH e, mentions, firstSeen, lastSeen, name,
     CASE WHEN NOT recorded THEN coalesce(e.aliases, [])
          ELSE reduce(kept = [name], a IN coalesce(e.aliases, []) + heard |
                      CASE WHEN toLower(a) IN heardLower AND NOT toLower(a) IN [k IN kept | toLower(k)]
                           THEN kept + [a] ELSE kept END)[1..] END AS aliases
OPTIONAL MATCH (e)-[d:DESCRIBED_IN]->(:Video)
WHERE d.ordinal < $ordinal
WITH e, name, aliases, mentions, firstSeen, lastSeen, d
ORDER BY d.ordinal DESC
WITH e, name, aliases, mentions, firstSeen, lastSeen, collect(d.text) AS descriptions
OPTIONAL MATCH (e)-[r:RELATED_TO]-(t:Entity)
WHERE r.sinceOrdinal < $ordinal AND r.type <> 'co_appearance'
WITH e, name, aliases, mentions, firstSeen, lastSeen, descriptions, r, t
ORDER BY r.strength DESC
WITH e, name, aliases, mentions, firstSeen, lastSeen, descriptions,
     collect(CASE WHEN t IS NULL THEN null ELSE {name: t.name, type: r.type} END) AS relations
RETURN e.id AS id, name, aliases, e.name AS fullName, coalesce(e.aliases, []) AS allAliases, mentions,
       firstSeen, lastSeen,
       CASE WHEN size(descriptions) > 0 THEN descriptions[0] ELSE null END AS description,
       relations[..$relations] AS relations
ORDER BY mentions DESC, id
