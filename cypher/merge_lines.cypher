UNWIND $lines AS row
MERGE (l:Line {id: row.id})
SET l.videoId = row.videoId, l.seriesId = row.seriesId, l.index = row.index, l.ordinal = row.ordinal,
    l.start = row.start, l.end = row.end, l.text = row.text, l.speaker = row.speaker,
    l.lyric = coalesce(row.lyric, false)
WITH l, row
MATCH (s:Segment {id: row.segmentId})
MERGE (l)-[:IN_SEGMENT]->(s)
RETURN count(l) AS merged
