MATCH (s:Series {id: $seriesId})
SET s.enrichedAt = $enrichedAt, s.enrichmentFailures = $failures
RETURN s.id AS id
