"""POST /api/explain and POST /api/feedback."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response
from pydantic import ConfigDict, Field, field_validator

from api.deps import StateDep
from api.feedback import FeedbackTokens, with_feedback_token
from api.ratelimit import rate_limit
from api.schemas import Envelope, ExplainData, FeedbackData, error_responses
from api.validation import RequestBody, is_blank
from explainer.core.errors import Forbidden, VideoNotFound
from explainer.explain.service import MAX_TEXT_CHARS, Explainer, feedback
from explainer.ingest.registration import VIDEO_ID, Platform
from explainer.llm import build_provider

router = APIRouter(prefix="/api", tags=["explain"])


class CamelModel(RequestBody):
    # unknown fields are ignored: extension versions may send more than this release reads
    model_config = ConfigDict(extra="ignore")


class Metadata(CamelModel):
    """What the extension knows of the video. Explain never registers a video it does not know
    (registration needs an ingest key); the metadata only makes the VIDEO_NOT_FOUND answer say
    which episode is missing."""

    title: str | None = Field(default=None, max_length=300)
    season: int | None = Field(default=None, ge=0, le=1000)
    episode: int | None = Field(default=None, ge=0, le=10000)
    platform: Platform | None = None

    def describe(self) -> str:
        parts = [f"'{self.title}'" if self.title else None,
                 f"S{self.season}" if self.season is not None else None,
                 f"E{self.episode}" if self.episode is not None else None,
                 f"on {self.platform}" if self.platform else None]
        return " ".join(p for p in parts if p)


class ExplainRequest(CamelModel):
    video_id: str = Field(pattern=VIDEO_ID.pattern, max_length=128)
    selected_text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    timestamp: float = Field(ge=0, le=48 * 3600, allow_inf_nan=False, description="Seconds into the video")
    metadata: Metadata | None = None

    @field_validator("selected_text")
    @classmethod
    def _visible(cls, value: str) -> str:
        if is_blank(value):
            raise ValueError("selectedText is empty")
        return value


class FeedbackRequest(CamelModel):
    question_id: str = Field(min_length=1, max_length=64)
    feedback_token: str = Field(min_length=1, max_length=64, description="The token the explain answer carried")
    helpful: bool
    comment: str | None = Field(default=None, max_length=2000)


async def get_explainer(request: Request, state: StateDep) -> Explainer:
    """One Explainer per app, built on first use with the app's provider (async: no thread hop)."""
    explainer: Explainer | None = getattr(request.app.state, "explainer_service", None)
    if explainer is None:
        provider = state.provider or build_provider(state.settings)
        explainer = Explainer(state.settings, state.store, state.redis, provider)
        request.app.state.explainer_service = explainer
    return explainer


ExplainerDep = Annotated[Explainer, Depends(get_explainer)]


def feedback_tokens(request: Request) -> FeedbackTokens:
    tokens: FeedbackTokens | None = getattr(request.app.state, "feedback_tokens", None)
    if tokens is None:
        tokens = request.app.state.feedback_tokens = FeedbackTokens(request.app.state.explainer.redis)
    return tokens


def _not_registered(body: ExplainRequest) -> str:
    what = body.metadata.describe() if body.metadata else ""
    episode = f"video {body.video_id}" + (f" ({what})" if what else "")
    return (f"{episode} is not registered: register it with POST /api/video/register (an ingest key) and "
            "submit its subtitles, then ask again")


@router.post("/explain", dependencies=[Depends(rate_limit("explain"))],
             responses={200: {"model": Envelope[ExplainData], "description": "The explanation"},
                        **error_responses(400, 404, 409, 413, 429, 502)})
async def explain(body: ExplainRequest, explainer: ExplainerDep, tasks: BackgroundTasks, request: Request) -> Response:
    try:
        result = await explainer.explain(video_id=body.video_id, selected_text=body.selected_text,
                                         timestamp=body.timestamp)
    except VideoNotFound as exc:
        raise VideoNotFound(_not_registered(body)) from exc
    tasks.add_task(explainer.questions.record, result.question)
    # the body is assembled as JSON text: a cached explanation is sent as it was stored
    token = await feedback_tokens(request).token(result.question.id)
    return Response(with_feedback_token(result.body(), token), media_type="application/json", background=tasks)


@router.post("/feedback", dependencies=[Depends(rate_limit("feedback"))], response_model=Envelope[FeedbackData],
             responses=error_responses(400, 403, 404, 413, 429))
async def post_feedback(body: FeedbackRequest, state: StateDep, request: Request) -> Envelope[FeedbackData]:
    if not await feedback_tokens(request).matches(body.question_id, body.feedback_token):
        raise Forbidden("feedback is for the client that asked: send the feedbackToken of its explain answer")
    answer = await feedback(state.store, question_id=body.question_id, helpful=body.helpful, comment=body.comment)
    return Envelope(data=FeedbackData(question_id=str(answer["questionId"]), helpful=bool(answer["helpful"])))
