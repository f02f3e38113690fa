MATCH (e:Character {seriesId: $seriesId})
RETURN e.id AS id, e.name AS name, e.importance AS importance, e.community AS community
ORDER BY e.importance DESC
