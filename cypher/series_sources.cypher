MATCH (src:Source)-[:DESCRIBES]->(s:Series {id: $seriesId})
RETURN src.id AS id, src.kind AS kind, src.url AS url, src.title AS title, src.fetchedAt AS fetchedAt,
       src.expiresAt AS expiresAt, src.characterNames AS characterNames,
       src.characterAliases AS characterAliases, src.characterDescriptions AS characterDescriptions
ORDER BY id
