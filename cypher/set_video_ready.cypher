MATCH (v:Video {id: $id})
SET v.status = 'ready', v.progress = 100, v.step = 'done', v.error = null, v.errorCode = null,
    v.processedAt = $processedAt, v.degraded = $degraded, v.llmProvider = $llmProvider,
    v.llmCalls = $llmCalls, v.llmInputTokens = $llmInputTokens, v.llmOutputTokens = $llmOutputTokens,
    v.llmCostUsd = $llmCostUsd, v.cueCount = $cueCount, v.segmentCount = $segmentCount,
    v.droppedCues = $droppedCues, v.llmError = $llmError
RETURN v.id AS id, v.processedAt AS processedAt
