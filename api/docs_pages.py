"""``/docs`` (Swagger UI) and ``/redoc`` from assets served by the app itself (``fastapi-offline``'s bundle).

FastAPI's own pages load Swagger UI from a CDN and start it with an inline script, which the
app's Content-Security-Policy forbids; these pages load the bundled files from ``/docs-assets``
and start Swagger UI from a file (no OAuth2 redirect page: the API has no OAuth2).
ReDoc writes its styles into ``<style>`` elements, so its page
alone allows inline styles (scripts stay ``'self'``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.http_guard import CONTENT_SECURITY_POLICY

BUNDLE_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"
INIT_DIR = Path(__file__).resolve().parent / "docs_assets"
ASSETS_URL = "/docs-assets"
REDOC_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") + \
    "; worker-src 'self' blob:"
"""ReDoc's page: inline styles (styled-components) and its search worker, started from a blob."""


def add_docs_pages(app: FastAPI) -> None:
    """Serve ``/docs``, ``/redoc`` and their assets (the app must be created with ``docs_url=None``)."""
    # The init file's mount first: the bundle's would answer its path with 404.
    app.mount(f"{ASSETS_URL}/init", StaticFiles(directory=INIT_DIR), name="docs-init")
    app.mount(ASSETS_URL, StaticFiles(directory=BUNDLE_DIR), name="docs-assets")
    openapi_url = escape(app.openapi_url or "/openapi.json")
    title = escape(app.title)

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return HTMLResponse(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} — Swagger UI</title>
<link rel="icon" href="{ASSETS_URL}/favicon.png">
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi-url="{openapi_url}"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_URL}/init/swagger-init.js"></script>
</body></html>""")

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return HTMLResponse(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} — ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="{ASSETS_URL}/favicon.png"></head>
<body><redoc spec-url="{openapi_url}"></redoc>
<script src="{ASSETS_URL}/redoc.standalone.js"></script>
</body></html>""", headers={"content-security-policy": REDOC_POLICY})
