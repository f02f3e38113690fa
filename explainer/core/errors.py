"""One exception root for the domain. Only `api/` maps these to HTTP or GraphQL."""

from __future__ import annotations

from typing import Any


class ExplainerError(Exception):
    """Root of every domain error. `code` is the stable error code of the API contract."""

    code = "INTERNAL_ERROR"

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = context


class InvalidRequest(ExplainerError):
    code = "INVALID_REQUEST"


class InvalidPlatform(InvalidRequest):
    code = "INVALID_PLATFORM"


class InvalidVideoId(InvalidRequest):
    code = "INVALID_VIDEO_ID"


class Unauthorized(ExplainerError):
    code = "UNAUTHORIZED"


class Forbidden(ExplainerError):
    code = "FORBIDDEN"


class VideoNotFound(ExplainerError):
    code = "VIDEO_NOT_FOUND"


class NotFound(ExplainerError):
    """Something other than a video (an entity, a series) does not exist."""

    code = "NOT_FOUND"


class VideoProcessing(ExplainerError):
    code = "VIDEO_PROCESSING"

    def __init__(self, message: str, *, retry_after: int = 10, **context: Any) -> None:
        super().__init__(message, **context)
        self.retry_after = retry_after


class PayloadTooLarge(ExplainerError):
    code = "PAYLOAD_TOO_LARGE"


class UnsupportedSubtitleFormat(ExplainerError):
    code = "UNSUPPORTED_SUBTITLE_FORMAT"


class RateLimitExceeded(ExplainerError):
    code = "RATE_LIMIT_EXCEEDED"

    def __init__(self, message: str, *, retry_after: int, **context: Any) -> None:
        super().__init__(message, **context)
        self.retry_after = retry_after


class Overloaded(ExplainerError):
    """The service cannot take the request now (a pool or queue is full); try again shortly."""

    code = "OVERLOADED"

    def __init__(self, message: str, *, retry_after: int = 1, **context: Any) -> None:
        super().__init__(message, **context)
        self.retry_after = retry_after


class ExternalServiceError(ExplainerError):
    code = "EXTERNAL_SERVICE_ERROR"


class FetchRefused(ExternalServiceError):
    """The safe fetcher refused a URL (scheme, private address, size, time)."""


class GeminiError(ExternalServiceError):
    code = "GEMINI_API_ERROR"

    def __init__(self, message: str, *, retryable: bool = False, status: int | None = None,
                 retry_after: float | None = None, **context: Any) -> None:
        super().__init__(message, **context)
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after



class EmbeddingUnavailable(GeminiError):
    """The embedder could not embed a batch after its retries. Vectors from another embedder are
    never substituted: one vector index holds one embedding space."""


# --- graph store -----------------------------------------------------------------------------

class GraphError(ExplainerError):
    """Root of graph store errors."""


class GraphUnavailable(GraphError):
    code = "GRAPH_UNAVAILABLE"


class ConstraintViolation(GraphError):
    code = "INVALID_REQUEST"


class BadQuery(GraphError):
    """A statement the store rejected: a bug in `cypher/`, never the caller's input."""


class QuestionNotFound(NotFound):
    """Feedback for a question id that was never asked (or not recorded yet)."""
