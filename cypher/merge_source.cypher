// A wiki page about a series. `plot` may describe later episodes: stored for the data team,
// never read by explain. Characters are kept as parallel lists (candidates until matched).
MATCH (s:Series {id: $seriesId})
MERGE (src:Source {id: $id})
SET src.kind = $kind, src.url = $url, src.title = $title, src.language = $language,
    src.fetchedAt = $fetchedAt, src.expiresAt = $expiresAt, src.summary = $summary, src.plot = $plot,
    src.infobox = $infobox, src.characterNames = $characterNames, src.characterAliases = $characterAliases,
    src.characterDescriptions = $characterDescriptions
MERGE (src)-[:DESCRIBES]->(s)
RETURN src.id AS id
