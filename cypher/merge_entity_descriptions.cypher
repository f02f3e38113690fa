// Descriptions are kept per episode so explain can use only what was known by then
UNWIND $descriptions AS row
MATCH (e:Entity {id: row.entityId})
MATCH (v:Video {id: row.videoId})
MERGE (e)-[d:DESCRIBED_IN]->(v)
SET d.text = row.text, d.ordinal = v.ordinal
RETURN count(d) AS merged
