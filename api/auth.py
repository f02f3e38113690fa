"""API keys with scopes (header `X-API-Key`), from settings; viewers' client tokens (header
`X-Client-Token`), issued by the service itself and kept in Redis as hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

import redis.asyncio as aioredis
from fastapi import Depends, FastAPI, Request, Security
from fastapi.security import APIKeyHeader

from api.deps import SettingsDep, get_state
from explainer.core.errors import Forbidden, Unauthorized

# documents the scheme in /openapi.json; the check itself is ours (401 vs 403, in the envelope)
API_KEY_HEADER = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="ApiKey",
                              description="An API key from API_KEYS; its scopes (ingest, admin) decide what it may do.")


def scopes_for(key: str | None, configured: dict[str, frozenset[str]]) -> frozenset[str] | None:
    if not key:
        return None
    for candidate, scopes in configured.items():
        if hmac.compare_digest(candidate.encode(), key.encode()):
            return scopes
    return None


def check_scope(scopes: frozenset[str] | None, scope: str) -> None:
    """Raises Unauthorized (no valid key) or Forbidden (a key without the scope; admin has all)."""
    if scopes is None:
        raise Unauthorized("a valid X-API-Key header is required")
    if scope not in scopes and "admin" not in scopes:
        raise Forbidden(f"this API key lacks the '{scope}' scope")


def require_scope(scope: str) -> Callable[..., Awaitable[str]]:
    async def check(settings: SettingsDep,
                    x_api_key: Annotated[str | None, Security(API_KEY_HEADER)] = None) -> str:
        check_scope(scopes_for(x_api_key, settings.api_key_scopes), scope)
        return x_api_key or ""

    return check


IngestKey = Annotated[str, Depends(require_scope("ingest"))]
AdminKey = Annotated[str, Depends(require_scope("admin"))]


# --- viewers: client tokens the extension obtains by itself (POST /api/clients) -------------------

CLIENT_TOKEN = "X-Client-Token"
CLIENT_TOKEN_SCHEME = {"type": "apiKey", "in": "header", "name": CLIENT_TOKEN, "description": (
    "A viewer's client token from POST /api/clients: registers videos and uploads their captions within "
    "quotas (VIEWER_* settings); no operator scope.")}
# on the routes an operator key or a client token may call: either one (alternatives, not both)
KEY_OR_CLIENT_TOKEN: dict[str, Any] = {"security": [{"ClientToken": []}]}
CLIENT_TOKEN_TTL = 365 * 24 * 3600


def _token_key(token: str) -> str:
    return "client:" + hashlib.sha256(token.encode()).hexdigest()


def _client_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


async def issue_client_token(redis: aioredis.Redis) -> str:
    """A new random token. Only its hash is stored, with when it was issued: nothing about the person."""
    token = secrets.token_urlsafe(32)
    await redis.set(_token_key(token), str(int(time.time())), ex=CLIENT_TOKEN_TTL)
    return token


@dataclass(frozen=True, slots=True)
class Uploader:
    """Who registers or uploads: an operator (an API key with `ingest`) or a viewer (a client token)."""

    viewer: bool
    client: str  # what quotas are counted by (a viewer's token hash; "operator" otherwise)


async def _uploader(request: Request, settings: SettingsDep,
                    x_api_key: Annotated[str | None, Security(API_KEY_HEADER)] = None) -> Uploader:
    x_client_token = request.headers.get(CLIENT_TOKEN)
    if x_api_key or not x_client_token:
        check_scope(scopes_for(x_api_key, settings.api_key_scopes), "ingest")
        return Uploader(viewer=False, client="operator")
    if not settings.viewer_registration:
        raise Forbidden("viewer registration is turned off on this service; an operator API key is needed")
    if len(x_client_token) > 100 or not await get_state(request).redis.exists(_token_key(x_client_token)):
        raise Unauthorized("unknown client token; get a new one with POST /api/clients")
    return Uploader(viewer=True, client=_client_id(x_client_token))


# an operator key with `ingest`, or (unless VIEWER_REGISTRATION=off) a viewer's client token
UploaderDep = Annotated[Uploader, Depends(_uploader)]


def document_client_tokens(app: FastAPI) -> None:
    """/openapi.json names the ClientToken scheme the routes with KEY_OR_CLIENT_TOKEN refer to
    (FastAPI lists a scheme only when a dependency declares it, and two declared there would read
    as both required)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["ClientToken"] = CLIENT_TOKEN_SCHEME
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]
