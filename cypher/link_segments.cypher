MATCH (s:Segment {videoId: $videoId})
WITH s ORDER BY s.index
WITH collect(s) AS segments
UNWIND range(0, size(segments) - 2) AS i
WITH segments[i] AS a, segments[i + 1] AS b
MERGE (a)-[:NEXT]->(b)
RETURN count(*) AS linked
