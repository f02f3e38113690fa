// What the viewer knows of each entity at the bound: its first appearance (the series' first
// mention, `firstSeen` on the series clock ordinal * 100000 + segment start, kept by ingestion:
// whoever was seen at all within the bound was first seen within it), who was there then, the
// latest description from a finished episode (an episode's description covers all of it), wiki
// sources, and the relations established in episodes before the viewer's (typed ones from
// analysis, and co-appearance, by `sinceOrdinal`), strongest first, at most $relations.
// Entities first mentioned after the bound are left out.
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
WHERE e.firstSeen IS NOT NULL AND e.firstSeen <= $ordinal * 100000 + $until
WITH e, toInteger(floor(e.firstSeen / 100000)) AS firstOrdinal
WITH e, firstOrdinal, round((e.firstSeen - firstOrdinal * 100000) * 1000) / 1000.0 AS segmentStart
MATCH (fv:Video {seriesId: e.seriesId, ordinal: firstOrdinal})
WITH e, firstOrdinal, segmentStart, fv, fv.id AS firstVideo
MATCH (fs:Segment)
WHERE fs.videoId = firstVideo AND fs.start >= segmentStart - 0.01 AND fs.start <= segmentStart + 0.01
// a projection first, so the mention is looked up between the two nodes, not walked from `e`
WITH e, fv, fs
MATCH (fs)<-[fm:MENTIONED_IN]-(e)
WHERE fs.ordinal < $ordinal OR fm.firstAt <= $until
OPTIONAL MATCH (fs)<-[om:MENTIONED_IN]-(o:Character)
WHERE o.id <> e.id AND (fs.ordinal < $ordinal OR om.firstAt <= $until)
WITH e, fv, fs, fm, collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name} END) AS firstWith
OPTIONAL MATCH (e)-[d:DESCRIBED_IN]->(:Video)
WHERE d.ordinal < $ordinal
WITH e, fv, fs, fm, firstWith, d
ORDER BY d.ordinal DESC
WITH e, fv, fs, fm, firstWith, collect(d.text) AS descriptions
// the wiki's text about this character (DESCRIBES.description), never the page's plot section
OPTIONAL MATCH (src:Source)-[sd:DESCRIBES]->(e)
WITH e, fv, fs, fm, firstWith, descriptions,
     collect({kind: src.kind, title: src.title, url: src.url, summary: sd.description}) AS sources
OPTIONAL MATCH (e)-[r:RELATED_TO]-(t:Entity)
WHERE r.sinceOrdinal < $ordinal
WITH e, fv, fs, fm, firstWith, descriptions, sources, r, t
ORDER BY coalesce(r.count, 0) DESC, r.strength DESC
WITH e, fv, fs, fm, firstWith, descriptions, sources,
     collect(CASE WHEN t IS NULL THEN null ELSE {id: t.id, name: t.name, type: r.type} END) AS relations
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.importance, 0.0) AS importance,
       fv.id AS firstVideoId, fs.ordinal AS firstOrdinal, fm.firstAt AS firstAt,
       fv.season AS firstSeason, fv.episode AS firstEpisode, firstWith[..4] AS firstWith,
       CASE WHEN size(descriptions) > 0 THEN descriptions[0] ELSE null END AS description,
       [x IN sources WHERE x.kind IS NOT NULL][..2] AS sources, relations[..$relations] AS relations
