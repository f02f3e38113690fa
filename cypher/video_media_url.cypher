// The media URL a video was registered with (the web player plays it when it is a media file)
MATCH (v:Video {id: $id})
RETURN v.url AS url
