"""POST /api/explain and POST /api/feedback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from api.deps import StateDep
from api.ratelimit import rate_limit
from explainer.explain.service import MAX_TEXT_CHARS, Explainer, feedback
from explainer.llm import build_provider

router = APIRouter(prefix="/api", tags=["explain"])


class CamelModel(BaseModel):
    # unknown fields are ignored: extension versions may send more than this release reads
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


class Metadata(CamelModel):
    title: str | None = Field(default=None, max_length=300)
    season: int | None = Field(default=None, ge=0, le=1000)
    episode: int | None = Field(default=None, ge=0, le=10000)
    platform: str | None = Field(default=None, max_length=32)


class ExplainRequest(CamelModel):
    video_id: str = Field(min_length=1, max_length=128)
    selected_text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    timestamp: float = Field(ge=0, le=48 * 3600)
    metadata: Metadata | None = None


class FeedbackRequest(CamelModel):
    question_id: str = Field(min_length=1, max_length=64)
    helpful: bool
    comment: str | None = Field(default=None, max_length=2000)


def get_explainer(request: Request, state: StateDep) -> Explainer:
    """One Explainer per app, built on first use with the app's provider."""
    explainer: Explainer | None = getattr(request.app.state, "explainer_service", None)
    if explainer is None:
        provider = state.provider or build_provider(state.settings)
        explainer = Explainer(state.settings, state.store, state.redis, provider)
        request.app.state.explainer_service = explainer
    return explainer


ExplainerDep = Annotated[Explainer, Depends(get_explainer)]


@router.post("/explain", dependencies=[Depends(rate_limit("explain"))])
async def explain(body: ExplainRequest, explainer: ExplainerDep, tasks: BackgroundTasks) -> Response:
    result = await explainer.explain(video_id=body.video_id, selected_text=body.selected_text,
                                     timestamp=body.timestamp)
    tasks.add_task(explainer.questions.record, result.question)
    # the body is assembled as JSON text: a cached explanation is sent as it was stored
    return Response(result.body(), media_type="application/json", background=tasks)


@router.post("/feedback", dependencies=[Depends(rate_limit("feedback"))])
async def post_feedback(body: FeedbackRequest, state: StateDep) -> dict[str, Any]:
    return {"success": True, "data": await feedback(state.store, question_id=body.question_id,
                                                    helpful=body.helpful, comment=body.comment)}
