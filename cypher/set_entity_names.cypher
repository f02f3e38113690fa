MATCH (e:Entity {id: $id})
SET e.aliases = $aliases, e.aliasText = $aliasText
RETURN e.id AS id
