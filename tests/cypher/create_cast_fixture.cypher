// A character heard as 'the stranger's nickname' first and by a full name only in a later episode:
// one mention per episode, with the names said there (`surfaces`)
UNWIND $mentions AS row
MERGE (e:Entity:Character {id: $entityId})
SET e.seriesId = $seriesId, e.name = $displayName, e.aliases = $aliases, e.type = 'character', e.firstSeen = $firstSeen
MERGE (s:Segment {id: row.segmentId})
SET s.seriesId = $seriesId, s.ordinal = row.ordinal, s.start = row.at, s.end = row.at + 30.0
MERGE (e)-[m:MENTIONED_IN]->(s)
SET m.count = 1, m.firstAt = row.at, m.surfaces = row.surfaces
RETURN count(m) AS mentions
