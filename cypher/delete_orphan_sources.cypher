// Wiki sources that describe nothing any more (their entities or series were deleted)
MATCH (s:Source)
WHERE NOT (s)-[:DESCRIBES]->()
DETACH DELETE s
RETURN count(*) AS deleted
