"""/docs, /redoc and GraphiQL render with every other origin blocked (they were blank offline:
their code came from public CDNs), under their CSP, without a CSP violation for scripts."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, Route, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e, pytest.mark.slow]


@pytest.mark.parametrize(("path", "ready"), [
    ("/docs", ".swagger-ui .opblock"),
    ("/redoc", "[role=menuitem], li[data-item-id]"),
    ("/graphql", ".graphiql-container .graphiql-query-editor"),
])
async def test_doc_pages_work_offline(page: Page, service: str, path: str, ready: str) -> None:
    async def only_the_service(route: Route) -> None:
        url = route.request.url
        if url.startswith((service, service.replace("http", "ws", 1), "data:", "blob:")):
            await route.continue_()
        else:
            await route.abort()

    await page.route("**/*", only_the_service)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if "script-src" in message.text else None)
    response = await page.goto(service + path)
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    await expect(page.locator(ready).first).to_be_visible(timeout=15_000)
    assert not problems, problems
