"""Ingestion, the domain side: registration, the pipeline stages, entity resolution, enrichment,
curation. Knows nothing of RQ (it enqueues through the JobQueue protocol) nor of HTTP."""
