"""``/api/search``: ranked name search."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query

from api.routes.deps import StateDep
from api.schemas import SearchResponse, SearchResult, error_responses
from cypher.runner import ParameterError
from graph.text import match_form

router = APIRouter(tags=["entities"])


@router.get("/api/search", response_model=SearchResponse, responses=error_responses(422))
async def search(
    state: StateDep,
    q: Annotated[str, Query(min_length=1, max_length=200,
                            description="An id, name or alias, or part of one (简体 or 繁體), or its "
                                        "pinyin or initials (youbixuan, ybx).")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> SearchResponse:
    """Entities whose id, name, alias or pinyin matches: exact matches, then prefixes, then substrings."""
    if not match_form(q):
        raise ParameterError("q", "must not be blank")
    hits = state.search.search(q, limit)
    return SearchResponse(query=q, results=[SearchResult(**asdict(h)) for h in hits])
