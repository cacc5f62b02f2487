"""``/api/queries``: the canned query library, as JSON or CSV."""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from api.routes.deps import NotFound, StateDep, bounded
from api.schemas import CannedRows, QueryInfo, QueryList, QueryParamInfo, error_responses
from api.tables import csv_text
from cypher.registry import CannedQuery, load_queries
from cypher.runner import run_canned

router = APIRouter(tags=["queries"])


def _info(query: CannedQuery) -> QueryInfo:
    return QueryInfo(
        name=query.name, title_zh=query.title_zh, title_en=query.title_en, description=query.description,
        params=[QueryParamInfo(name=p.name, type=p.type, default=p.default, example=p.example,
                               description=p.description, min=p.minimum, max=p.maximum)
                for p in query.params],
        graph_columns=list(query.graph_columns))


@router.get("/api/queries", response_model=QueryList)
def list_queries() -> QueryList:
    """Every canned query with its titles, description and parameters."""
    return QueryList(queries=[_info(q) for q in load_queries().values()])


@router.get("/api/queries/{name}", response_model=CannedRows,
            responses={200: {"content": {"text/csv": {}}}, **error_responses(400, 404, 422, 504)})
async def run_query(
    state: StateDep,
    request: Request,
    name: Annotated[str, Path(description="A canned query (see /api/queries).", max_length=100,
                              examples=["centre_leaders", "company_rounds"])],
    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv.")] = "json",
) -> Any:
    """Run one canned query; its parameters are query-string values (entities by id, name or alias)."""
    queries = load_queries()
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=5, cutoff=0.4)
        raise NotFound(f"no canned query {name!r}; see /api/queries", close)
    given = {k: v for k, v in request.query_params.items() if k != "format"}
    result = await bounded(state.read_slots, state.settings.queue_s, run_canned, state.store, queries[name],
                           given, state.names, timeout_ms=state.settings.timeout_ms,
                           max_rows=state.settings.max_rows)
    if format == "csv":
        return Response(csv_text(result.columns, result.rows, bom=True), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return CannedRows(name=name, columns=result.columns, rows=result.rows, truncated=result.truncated,
                      query_ms=round(result.query_ms, 3))
