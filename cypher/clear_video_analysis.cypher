// What analysis derived from one episode, removed before it is written again, so that a
// re-run produces exactly the same graph (a changed referent leaves no stale edge behind)
MATCH (s:Segment {videoId: $videoId})
OPTIONAL MATCH (s)<-[m:MENTIONED_IN]-(:Entity)
DELETE m
WITH DISTINCT s
OPTIONAL MATCH (r:Reference)-[:IN_SEGMENT]->(s)
DETACH DELETE r
WITH DISTINCT s
OPTIONAL MATCH (l:Line)-[:IN_SEGMENT]->(s)
OPTIONAL MATCH (l)-[sp:SPOKEN_BY]->()
DELETE sp
RETURN count(DISTINCT s) AS segments
