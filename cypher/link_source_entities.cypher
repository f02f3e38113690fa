UNWIND $links AS row
MATCH (src:Source {id: row.sourceId})
MATCH (e:Entity {id: row.entityId})
MERGE (src)-[d:DESCRIBES]->(e)
SET d.description = row.description, d.wikiName = row.wikiName
RETURN count(d) AS linked
