MATCH (v:Video {id: $id})
SET v.status = 'ready', v.progress = 100, v.step = 'done', v.error = null, v.errorCode = null,
    v.processedAt = $processedAt, v.degraded = $degraded, v.llmProvider = $llmProvider,
    v.llmCalls = $llmCalls, v.llmInputTokens = $llmInputTokens, v.llmOutputTokens = $llmOutputTokens,
    v.llmCostUsd = $llmCostUsd, v.cueCount = $cueCount, v.segmentCount = $segmentCount,
    v.droppedCues = $droppedCues, v.llmError = $llmError
// a video nobody gave a duration (an uploaded episode) lasts until the end of its last line
WITH v
OPTIONAL MATCH (l:Line {videoId: $id})
WITH v, max(l.end) AS lastEnd
SET v.duration = coalesce(v.duration, lastEnd)
RETURN v.id AS id, v.processedAt AS processedAt
