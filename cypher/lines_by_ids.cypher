MATCH (l:Line)
WHERE l.id IN $ids
OPTIONAL MATCH (l)-[:IN_SEGMENT]->(s:Segment)
RETURN l.id AS id, l.videoId AS videoId, l.index AS index, l.start AS start, l.end AS end, l.text AS text,
       l.speaker AS speaker, s.id AS segmentId
