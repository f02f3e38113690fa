// The SHA-256 of the subtitle file the video's graph is (being) built from: the same file sent
// again is a no-op, a different one for a ready video is kept as a candidate.
MATCH (v:Video {id: $id})
SET v.subtitleSha256 = $sha256
RETURN v.id AS id
