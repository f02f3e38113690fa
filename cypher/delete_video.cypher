// The Video node itself, with its OF_SERIES, NEXT_EPISODE and DESCRIBED_IN edges
MATCH (v:Video {id: $videoId})
DETACH DELETE v
RETURN count(*) AS deleted
