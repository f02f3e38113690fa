// Registration: creates the Video (status from the caller) or refreshes its metadata; never
// resets the processing state of a video that already exists, nor forgets a duration it has.
MATCH (s:Series {id: $seriesId})
MERGE (v:Video {id: $id})
ON CREATE SET v.status = $status, v.progress = 0, v.step = null, v.error = null,
              v.registeredAt = $registeredAt
SET v.platform = $platform, v.platformVideoId = $platformVideoId, v.title = $title,
    v.seriesId = $seriesId, v.season = $season, v.episode = $episode, v.duration = coalesce($duration, v.duration),
    v.language = $language, v.url = $url, v.subtitleUrl = $subtitleUrl, v.callbackUrl = $callbackUrl
MERGE (v)-[:OF_SERIES]->(s)
RETURN v.id AS id, v.status AS status, v.processedAt AS processedAt
