"""``POST /api/cypher``: one ad-hoc read-only statement, with the server's time limit and row cap."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes.deps import StateDep
from api.schemas import CypherRequest, Rows
from cypher.registry import writes_in
from cypher.runner import ParameterError
from graph.errors import QueryParameterError, QueryRejected

router = APIRouter(tags=["cypher"])


@router.post("/api/cypher", response_model=Rows,
             responses={400: {"description": "A write, or a statement that does not parse."},
                        504: {"description": "The statement ran past its time limit."}})
def run_cypher(state: StateDep, body: CypherRequest) -> Rows:
    """Run one read statement with bound parameters; writes are refused by the read-only database.

    File and extension statements (COPY, LOAD, INSTALL, ATTACH…) are refused before they run:
    a read-only database still lets them touch the server's file system.
    """
    if refused := writes_in(body.query):
        raise QueryRejected(f"the graph is read-only: {', '.join(refused)} is refused")
    settings = state.settings
    timeout_ms = min(body.timeout_ms or settings.timeout_ms, settings.timeout_ms)
    max_rows = min(body.max_rows or settings.max_rows, settings.max_rows)
    try:
        result = state.store.query(body.query, body.params, timeout_ms=timeout_ms, max_rows=max_rows)
    except QueryParameterError as exc:
        raise ParameterError("params", str(exc)) from None
    return Rows(columns=result.columns, rows=result.rows, truncated=result.truncated,
                query_ms=round(result.query_ms, 3))
