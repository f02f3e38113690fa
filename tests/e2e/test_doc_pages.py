"""/docs, /redoc and GraphiQL come from the package, with the pages' CSP: they loaded their code
from public CDNs at floating versions (blank pages offline) and were the only pages without a CSP."""

from __future__ import annotations

import re

import httpx
import pytest

pytestmark = [pytest.mark.e2e]

ASSET = re.compile(r"""(?:src|href)="([^"]+)\"""")


@pytest.mark.parametrize(("path", "needs"), [
    ("/docs", {"/static/swagger-ui-bundle.js", "/static/swagger-ui.css", "/static/docs-init.js"}),
    ("/redoc", {"/static/redoc-standalone.js"}),
    ("/graphql", {"/static/react.js", "/static/react-dom.js", "/static/graphiql.js", "/static/graphiql.css",
                  "/static/graphiql-init.js"}),
])
async def test_doc_pages_are_served_from_the_package_with_a_csp(client: httpx.AsyncClient, path: str,
                                                                 needs: set[str]) -> None:
    page = await client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assets = set(ASSET.findall(page.text))
    assert needs <= assets, assets
    assert all(asset.startswith("/static/") for asset in assets), assets  # nothing from another origin
    assert "<script>" not in page.text  # no inline script: the CSP would refuse it
    for asset in assets:
        served = await client.get(asset)
        assert served.status_code == 200 and served.content, asset
    # the page's own code starts the viewer on this service's documents
    if path == "/docs":
        assert "/openapi.json" in (await client.get("/static/docs-init.js")).text
    if path == "/redoc":
        assert 'spec-url="/openapi.json"' in page.text
