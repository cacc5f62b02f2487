"""The explorer's HTML pages, rendered by ``viz.pages`` when it is installed (404 otherwise)."""

from __future__ import annotations

import importlib
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


def _render(name: str, **context: Any) -> HTMLResponse:
    try:
        pages = importlib.import_module("viz.pages")
    except ImportError:
        raise HTTPException(404, "the web explorer is not installed") from None
    try:
        return HTMLResponse(pages.render_page(name, **context))
    except ValueError as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/", response_class=HTMLResponse)
def home() -> HTMLResponse:
    """Search and overview."""
    return _render("home")


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(entity_id: str) -> HTMLResponse:
    """One entity and its ego network."""
    return _render("entity", entity_id=entity_id)


@router.get("/paths", response_class=HTMLResponse)
def paths_page() -> HTMLResponse:
    """Paths between entities."""
    return _render("paths")


@router.get("/queries", response_class=HTMLResponse)
def queries_page() -> HTMLResponse:
    """The canned queries."""
    return _render("queries")


@router.get("/console", response_class=HTMLResponse)
def console_page() -> HTMLResponse:
    """The Cypher console."""
    return _render("console")
