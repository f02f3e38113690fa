MATCH (s:Series {id: $id})
RETURN s.id AS id, s.enrichedAt AS enrichedAt, s.enrichmentFailures AS failures
