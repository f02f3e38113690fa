UNWIND $entities AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.seriesId = row.seriesId, e.type = row.type, e.importance = 0.0
SET e.name = row.name, e.aliases = row.aliases, e.aliasText = row.aliasText
FOREACH (_ IN CASE WHEN row.type = 'character' THEN [1] ELSE [] END | SET e:Character)
FOREACH (_ IN CASE WHEN row.type = 'location' THEN [1] ELSE [] END | SET e:Location)
FOREACH (_ IN CASE WHEN row.type = 'event' THEN [1] ELSE [] END | SET e:Event)
FOREACH (_ IN CASE WHEN row.type = 'concept' THEN [1] ELSE [] END | SET e:Concept)
FOREACH (_ IN CASE WHEN row.type = 'object' THEN [1] ELSE [] END | SET e:Object)
RETURN count(e) AS merged
