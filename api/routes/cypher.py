"""``POST /api/cypher``: one ad-hoc read statement, classified, confined and bounded."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header

from api.routes.deps import NotFound, StateDep, bounded
from api.schemas import CypherRequest, Rows, error_responses
from cypher.params import check_params
from cypher.runner import ParameterError
from graph.errors import EcokgError, QueryParameterError
from graph.statements.readonly import classify
from graph.stores.base import QueryResult

router = APIRouter(tags=["cypher"])


class ConsoleForbidden(EcokgError):
    """The console is switched off, or the request lacks the console token."""


@router.post("/api/cypher", response_model=Rows, responses=error_responses(400, 401, 404, 413, 422, 504))
async def run_cypher(
    state: StateDep,
    body: CypherRequest,
    authorization: Annotated[str | None, Header(description="'Bearer <token>' when the server "
                                                            "sets ECOKG_CONSOLE_TOKEN.")] = None,
) -> Rows:
    """Run one read statement of the accepted subset with bound parameters.

    The statement must parse as reading clauses only (:mod:`graph.statements.readonly`); what runs is the
    statement printed from its tokens. It runs in a confined worker process that is stopped at
    the time or memory limit; rows are capped in number and size. Bad statements get a 400
    naming what was refused, bad parameters a 422 naming the parameter.
    """
    settings = state.settings
    if not settings.console:
        raise NotFound("the console is switched off on this server (ecokg serve --no-console)")
    if settings.console_token is not None:
        expected = f"Bearer {settings.console_token.get_secret_value()}"
        if not hmac.compare_digest((authorization or "").encode(), expected.encode()):
            raise ConsoleForbidden("the console needs the token: send 'Authorization: Bearer <token>'")
    try:
        check_params(body.params)
    except EcokgError as exc:
        raise ParameterError("params", str(exc), location="body") from None
    timeout_ms = min(body.timeout_ms or settings.timeout_ms, settings.timeout_ms)
    max_rows = min(body.max_rows or settings.max_rows, settings.max_rows)

    def classify_and_run() -> QueryResult:
        # Parsing is linear but not free: it runs here, in a console slot's thread, never on
        # the event loop that answers every other request.
        statement = classify(body.query, state.adhoc.dialect)
        return state.adhoc.query(statement.text, body.params, timeout_ms=timeout_ms, max_rows=max_rows,
                                 max_bytes=settings.result_mb << 20)

    try:
        result = await bounded(state.console_slots, settings.queue_s, classify_and_run)
    except QueryParameterError as exc:
        raise ParameterError("params", str(exc), location="body") from None
    return Rows(columns=result.columns, rows=result.rows, truncated=result.truncated,
                query_ms=round(result.query_ms, 3))
