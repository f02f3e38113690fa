"""API keys with scopes (header `X-API-Key`), from settings."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Security
from fastapi.security import APIKeyHeader

from api.deps import SettingsDep
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
