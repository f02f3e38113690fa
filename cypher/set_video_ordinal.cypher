MATCH (v:Video {id: $id})
SET v.ordinal = $ordinal
RETURN v.id AS id
