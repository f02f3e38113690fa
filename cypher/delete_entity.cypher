MATCH (e:Entity {id: $id})
DETACH DELETE e
RETURN count(*) AS deleted
