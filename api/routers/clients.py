"""Viewer clients: `POST /api/clients` gives the extension a client token on its first use, so a
viewer can register the episode they watch and upload the captions their player loaded without
an operator key (within the VIEWER_* quotas). Nothing about the person is asked or kept."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.auth import issue_client_token
from api.clients import client_address
from api.deps import StateDep
from api.ratelimit import spend_quota
from api.schemas import ApiModel, Envelope, error_responses
from explainer.core.errors import Forbidden

router = APIRouter(prefix="/api/clients", tags=["clients"])


class Quotas(ApiModel):
    videos_per_hour: int
    upload_bytes_per_day: int


class ClientData(ApiModel):
    client_token: str
    quotas: Quotas


@router.post("", response_model=Envelope[ClientData], responses=error_responses(403, 429))
async def new_client(request: Request, state: StateDep) -> Envelope[ClientData]:
    """A new client token (header `X-Client-Token` on register and upload). Limited per address
    (VIEWER_CLIENTS_PER_HOUR); refused when VIEWER_REGISTRATION is off."""
    settings = state.settings
    if not settings.viewer_registration:
        raise Forbidden("viewer registration is turned off on this service; an operator API key is needed")
    address = client_address(request.client.host if request.client else None,
                             request.headers.get("x-forwarded-for"), settings.trusted_proxy_list)
    await spend_quota(request, name="clients", who=address, amount=1, limit=settings.viewer_clients_per_hour,
                      window_seconds=3600, what="new clients per hour from this address")
    token = await issue_client_token(state.redis)
    return Envelope(data=ClientData(client_token=token, quotas=Quotas(
        videos_per_hour=settings.viewer_videos_per_hour, upload_bytes_per_day=settings.viewer_upload_bytes_per_day)))
