// What the viewer has seen of each entity up to the bound: mentions, first and last appearance,
// who was there at the first one, the latest description from a finished episode, wiki sources.
// Current-episode facts count only up to `$until`; descriptions only from earlier episodes
// (an episode's description is written from the whole episode).
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})-[m:MENTIONED_IN]->(s:Segment)
WHERE s.ordinal < $ordinal OR (s.ordinal = $ordinal AND m.firstAt <= $until)
WITH e, s, m
ORDER BY s.ordinal, m.firstAt
WITH e, collect({segmentId: s.id, videoId: s.videoId, ordinal: s.ordinal, at: m.firstAt}) AS seen,
     sum(m.count) AS mentions
WITH e, seen[0] AS first, seen[size(seen) - 1] AS last, size(seen) AS segments, mentions
MATCH (fv:Video {id: first.videoId})
MATCH (fs:Segment {id: first.segmentId})
OPTIONAL MATCH (fs)<-[om:MENTIONED_IN]-(o:Character)
WHERE o.id <> e.id AND (fs.ordinal < $ordinal OR om.firstAt <= $until)
WITH e, first, last, segments, mentions, fv, collect(o.name) AS firstWith
OPTIONAL MATCH (e)-[d:DESCRIBED_IN]->(:Video)
WHERE d.ordinal < $ordinal
WITH e, first, last, segments, mentions, fv, firstWith, d
ORDER BY d.ordinal DESC
WITH e, first, last, segments, mentions, fv, firstWith, collect(d.text) AS descriptions
OPTIONAL MATCH (src:Source)-[:DESCRIBES]->(e)
WITH e, first, last, segments, mentions, fv, firstWith, descriptions,
     collect({kind: src.kind, title: src.title, url: src.url, summary: src.summary}) AS sources
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases,
       coalesce(e.importance, 0.0) AS importance, mentions, segments,
       first.videoId AS firstVideoId, first.ordinal AS firstOrdinal, first.at AS firstAt,
       fv.season AS firstSeason, fv.episode AS firstEpisode,
       last.ordinal AS lastOrdinal, last.at AS lastAt, firstWith[..4] AS firstWith,
       CASE WHEN size(descriptions) > 0 THEN descriptions[0] ELSE null END AS description,
       [x IN sources WHERE x.kind IS NOT NULL][..2] AS sources
