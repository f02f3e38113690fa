// Details of earlier segments (already bounded by the caller) and who is mentioned in them
UNWIND $ids AS segmentId
MATCH (s:Segment {id: segmentId})
MATCH (v:Video {id: s.videoId})
OPTIONAL MATCH (e:Entity)-[m:MENTIONED_IN]->(s)
WITH s, v, collect({id: e.id, at: m.firstAt, count: m.count}) AS mentioned
RETURN s.id AS id, s.videoId AS videoId, s.ordinal AS ordinal, v.season AS season, v.episode AS episode,
       s.start AS start, s.end AS end, s.text AS text,
       [x IN mentioned WHERE x.id IS NOT NULL] AS entities
