UNWIND $mentions AS row
MATCH (e:Entity {id: row.entityId})
MATCH (s:Segment {id: row.segmentId})
MERGE (e)-[m:MENTIONED_IN]->(s)
SET m.count = row.count, m.firstAt = row.firstAt, m.surfaces = row.surfaces
RETURN count(m) AS merged
