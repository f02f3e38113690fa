// Typed relations from analysis: the strongest evidence wins, `since` is the earliest episode.
// Separate SET clauses run in order on both backends: `since` is decided before `sinceOrdinal` moves.
UNWIND $relations AS row
MATCH (a:Entity {id: row.sourceId})
MATCH (b:Entity {id: row.targetId})
MERGE (a)-[r:RELATED_TO {type: row.type}]->(b)
SET r.strength = CASE WHEN r.strength IS NULL OR row.strength > r.strength THEN row.strength ELSE r.strength END
SET r.since = CASE WHEN r.sinceOrdinal IS NULL OR row.ordinal < r.sinceOrdinal THEN row.videoId ELSE r.since END
SET r.sinceOrdinal = CASE WHEN r.sinceOrdinal IS NULL OR row.ordinal < r.sinceOrdinal
                          THEN row.ordinal ELSE r.sinceOrdinal END
RETURN count(r) AS merged
