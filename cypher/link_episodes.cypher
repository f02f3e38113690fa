MATCH (v:Video {seriesId: $seriesId})
WHERE v.ordinal IS NOT NULL
WITH v ORDER BY v.ordinal
WITH collect(v) AS videos
UNWIND range(0, size(videos) - 2) AS i
WITH videos[i] AS a, videos[i + 1] AS b
MERGE (a)-[:NEXT_EPISODE]->(b)
RETURN count(*) AS linked
