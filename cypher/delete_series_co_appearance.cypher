// Before recomputing co-appearance from scratch (refresh_co_appearance only adds and updates)
MATCH (a:Entity {seriesId: $seriesId})-[r:RELATED_TO {type: 'co_appearance'}]->(:Entity)
DELETE r
RETURN count(*) AS deleted
