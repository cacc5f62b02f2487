"""``POST /api/cypher``: one ad-hoc read-only statement, with the server's time limit and row cap."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes.deps import StateDep
from api.schemas import CypherRequest, Rows, error_responses
from cypher.guard import refusal
from cypher.runner import ParameterError, dialect_of
from graph.errors import QueryParameterError, QueryRejected

router = APIRouter(tags=["cypher"])


@router.post("/api/cypher", response_model=Rows, responses=error_responses(400, 413, 422, 504))
def run_cypher(state: StateDep, body: CypherRequest) -> Rows:
    """Run one read statement with bound parameters; writes are refused by the read-only database.

    Statements that a read-only database would still run but that touch the server (COPY,
    LOAD, INSTALL, ATTACH, settings, file-reading table functions…) are refused before they run
    (:mod:`cypher.guard`). The statement runs in a worker process that is stopped when it
    overruns the time limit or its memory limit.
    """
    if reason := refusal(body.query, dialect_of(state.store)):
        raise QueryRejected(reason)
    settings = state.settings
    timeout_ms = min(body.timeout_ms or settings.timeout_ms, settings.timeout_ms)
    max_rows = min(body.max_rows or settings.max_rows, settings.max_rows)
    try:
        result = state.adhoc.query(body.query, body.params, timeout_ms=timeout_ms, max_rows=max_rows)
    except QueryParameterError as exc:
        raise ParameterError("params", str(exc)) from None
    return Rows(columns=result.columns, rows=result.rows, truncated=result.truncated,
                query_ms=round(result.query_ms, 3))
