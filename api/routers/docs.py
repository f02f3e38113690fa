"""`/docs` (Swagger UI) and `/redoc` over `/openapi.json`, from the package like the other pages.

FastAPI's own pages load swagger-ui and redoc from a CDN at floating versions, without a CSP:
blank offline, and the only pages without one. These are static pages built from `web/docs/`
with the npm packages pinned in package-lock.json (web/build.mjs), sent with the pages' CSP.
GraphiQL (`GET /graphql` in a browser) is served the same way by the GraphQL router.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.routers.pages import PAGE_CSP
from api.routers.pages import _page as built_page

router = APIRouter(tags=["docs"])

# ReDoc styles itself with styled-components, which writes <style> elements at run time (a nonce
# it would read is not settable in its standalone bundle), and runs its search in a worker made
# from a blob of its own code: its page allows inline styles and blob: workers; nothing else
# differs from the other pages (scripts from this origin only)
REDOC_CSP = PAGE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") + "; worker-src 'self' blob:"


@router.get("/docs", include_in_schema=False)
async def swagger_ui() -> Response:
    return built_page("docs.html")


@router.get("/redoc", include_in_schema=False)
async def redoc() -> Response:
    page = built_page("redoc.html")
    if "Content-Security-Policy" in page.headers:
        page.headers["Content-Security-Policy"] = REDOC_CSP
    return page
