MATCH (v:Video {id: $id})
OPTIONAL MATCH (v)-[:OF_SERIES]->(s:Series)
RETURN v.id AS id, v.status AS status, v.progress AS progress, v.step AS step, v.error AS error,
       v.errorCode AS errorCode, v.title AS title, v.platform AS platform, v.season AS season,
       v.episode AS episode, v.ordinal AS ordinal, v.duration AS duration, v.language AS language,
       v.seriesId AS seriesId, s.title AS seriesTitle, v.registeredAt AS registeredAt,
       v.processedAt AS processedAt, v.subtitleUrl AS subtitleUrl, v.callbackUrl AS callbackUrl,
       v.degraded AS degraded, v.llmProvider AS llmProvider, v.llmCalls AS llmCalls,
       v.llmInputTokens AS llmInputTokens, v.llmOutputTokens AS llmOutputTokens,
       v.llmCostUsd AS llmCostUsd, v.llmError AS llmError, v.cueCount AS cueCount, v.segmentCount AS segmentCount,
       v.callbackStatus AS callbackStatus, v.callbackAt AS callbackAt, v.callbackError AS callbackError,
       v.callbackHttpStatus AS callbackHttpStatus, v.subtitleSha256 AS subtitleSha256,
       s.segmentEmbedder AS segmentEmbedder
