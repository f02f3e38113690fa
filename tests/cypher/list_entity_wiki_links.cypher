MATCH (src:Source)-[d:DESCRIBES]->(e:Entity {seriesId: $seriesId})
RETURN e.id AS entityId, e.name AS entityName, src.kind AS kind, src.title AS title, d.wikiName AS wikiName,
       d.description AS description
ORDER BY entityId, kind
