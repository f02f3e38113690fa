MATCH (:Entity)-[d:DESCRIBED_IN]->(:Video {id: $videoId})
DELETE d
RETURN count(d) AS removed
