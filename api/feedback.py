"""Feedback belongs to the client that asked: the explain answer carries a feedback token, an
HMAC of the question id under a secret every API process shares, and `POST /api/feedback` needs
it. Question ids alone (uuid4, shown only to admin keys in GraphQL) authorise nothing.

The secret is made once and kept in Redis (persisted with it), so every API process and every
restart checks tokens alike; it is read once per process.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

import redis.asyncio as aioredis

SECRET_KEY = "explainer:feedback:secret"


class FeedbackTokens:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._secret: bytes | None = None

    async def _key(self) -> bytes:
        if self._secret is None:
            # the first process to ask makes it; every other one reads that one
            await self._redis.set(SECRET_KEY, secrets.token_hex(32), nx=True)
            stored = await self._redis.get(SECRET_KEY)
            self._secret = stored if isinstance(stored, bytes) else str(stored).encode()
        return self._secret

    async def token(self, question_id: str) -> str:
        digest = hmac.new(await self._key(), question_id.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode()

    async def matches(self, question_id: str, token: str) -> bool:
        return hmac.compare_digest((await self.token(question_id)).encode(), token.encode())


def with_feedback_token(body: bytes, token: str) -> bytes:
    """The explain envelope (`{"success":true,"data":{…}}`) with `feedbackToken` added to `data`."""
    if not body.endswith(b"}}"):
        raise ValueError("not an explain envelope")
    return body[:-2] + b',"feedbackToken":"' + token.encode() + b'"}}'
