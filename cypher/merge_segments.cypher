UNWIND $segments AS row
MERGE (s:Segment {id: row.id})
SET s.videoId = row.videoId, s.seriesId = row.seriesId, s.index = row.index, s.ordinal = row.ordinal,
    s.start = row.start, s.end = row.end, s.text = row.text
WITH s, row
MATCH (v:Video {id: row.videoId})
MERGE (s)-[:IN_VIDEO]->(v)
RETURN count(s) AS merged
