"""/openapi.json documents what the REST API really answers: error statuses with the envelope,
the API-key scheme, the platform enum, the videoId pattern and the upload body."""

from __future__ import annotations

from typing import Any

import pytest

from api.app import create_app
from explainer.core.settings import Settings

pytestmark = pytest.mark.e2e


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app(Settings(_env_file=None, environment="test")).openapi()  # type: ignore[call-arg]


def test_error_statuses_are_declared_with_the_envelope(spec: dict[str, Any]) -> None:
    register = spec["paths"]["/api/video/register"]["post"]["responses"]
    assert {"200", "400", "401", "403", "413", "429", "500", "503"} <= register.keys()
    upload = spec["paths"]["/api/video/{video_id}/subtitles"]["post"]["responses"]
    assert {"404", "413", "415"} <= upload.keys()
    explain = spec["paths"]["/api/explain"]["post"]["responses"]
    assert {"400", "404", "409", "429", "502", "503"} <= explain.keys()
    assert "Retry-After" in explain["429"]["headers"]
    envelope = _resolve(spec, explain["409"]["content"]["application/json"]["schema"])
    assert envelope["properties"]["success"]["const"] is False
    detail = _resolve(spec, envelope["properties"]["error"])
    assert {"code", "message", "retryAfter"} <= detail["properties"].keys()
    assert set(detail["required"]) == {"code", "message"}


def test_security_scheme_enum_pattern_and_upload_body(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey", "in": "header", "name": "X-API-Key",
        "description": spec["components"]["securitySchemes"]["ApiKey"]["description"]}
    register = spec["paths"]["/api/video/register"]["post"]
    assert register["security"] == [{"ApiKey": []}, {"ClientToken": []}]  # either: an operator key or a viewer token
    body = _resolve(spec, register["requestBody"]["content"]["application/json"]["schema"])
    assert body["properties"]["platform"]["enum"] == ["netflix", "youtube", "local"]
    assert body["properties"]["videoId"]["pattern"].startswith("^[A-Za-z0-9]")
    upload = spec["paths"]["/api/video/{video_id}/subtitles"]["post"]
    content = upload["requestBody"]["content"]
    assert content["multipart/form-data"]["schema"]["properties"]["file"]["format"] == "binary"
    assert content["application/json"]["schema"]["required"] == ["url"]
    path_param = next(p for p in upload["parameters"] if p["name"] == "video_id")
    assert path_param["schema"]["pattern"] == body["properties"]["videoId"]["pattern"]
    status = spec["paths"]["/api/video/{video_id}/status"]["get"]["responses"]["200"]
    data = _resolve(spec, _resolve(spec, status["content"]["application/json"]["schema"])["properties"]["data"])
    assert {"videoId", "status", "progress", "currentStep"} <= data["properties"].keys()
