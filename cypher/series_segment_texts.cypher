MATCH (g:Segment {seriesId: $seriesId})
RETURN g.id AS id, g.text AS text
ORDER BY g.id
