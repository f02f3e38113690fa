// Who each entity was seen with lately in the current episode (segments in [$since, $until]):
// co-mentions walked from the episode's segments (indexed), not from the entity's whole history;
// `count`: the segments both were mentioned in, the basis of "seen together in N scenes"
MATCH (s:Segment {videoId: $videoId})
WHERE s.start <= $until AND s.end > $since
MATCH (s)<-[m1:MENTIONED_IN]-(e:Entity)
WHERE e.id IN $ids AND m1.firstAt <= $until
MATCH (s)<-[m2:MENTIONED_IN]-(o:Character)
WHERE o.id <> e.id AND m2.firstAt <= $until
WITH e, o, count(s) AS together
ORDER BY together DESC
WITH e, collect({id: o.id, name: o.name, type: 'co_appearance', count: together}) AS companions
RETURN e.id AS id, companions[..$limit] AS companions
