MATCH (:Video {seriesId: $seriesId})-[r:NEXT_EPISODE]->()
DELETE r
RETURN count(*) AS removed
