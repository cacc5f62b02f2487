"""``/api/analytics/{measure}``: degree, PageRank, betweenness, communities, brokers and bridge links."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.routes.deps import ServiceState, StateDep, bounded
from api.schemas import AnalyticsResult, error_responses
from cypher.runner import ParameterError
from graph.analytics import MEASURES, AnalyticsError
from graph.ontology import labels_by_name

router = APIRouter(tags=["analytics"])

Measure = StrEnum("Measure", {m: m for m in MEASURES})  # type: ignore[misc]
LabelName = StrEnum("LabelName", {name: name for name in labels_by_name()})  # type: ignore[misc]
MAX_TOP = 1000
MAX_SAMPLE = 10_000


@router.get("/api/analytics/{measure}", response_model=AnalyticsResult,
            responses=error_responses(422, 504))
async def analytics(
    state: StateDep,
    measure: Annotated[Measure, Path(description="degree, pagerank, betweenness, communities, bridges "
                                                 "(brokers) or bridge_edges (cut links).")],
    label: Annotated[LabelName | None, Query(description="Only entities of this label.")] = None,
    top: Annotated[int, Query(ge=1, le=MAX_TOP, description="How many rows.")] = 20,
    sample: Annotated[int | None, Query(ge=1, le=MAX_SAMPLE, description="Betweenness pivots (estimate); "
                                        "exact on small graphs by default.")] = None,
) -> Response:
    """The top entities (or communities) by one measure, computed once per parameters and cached.

    Heavy work runs in a thread, one computation at a time (the export slot).
    """
    wanted = label.value if label is not None else None
    if measure.value != "betweenness":
        sample = None  # it changes nothing else: one cache entry, not one per value
    key = ("analytics", measure.value, wanted, top, sample)
    body = state.cache.get(key)
    if body is None:
        body = await bounded(state.export_slots, state.settings.queue_s, _body, state, measure.value, wanted,
                             top, sample)
        state.cache.put(key, body)
    return Response(body, media_type="application/json")


def _body(state: ServiceState, measure: str, label: str | None, top: int, sample: int | None) -> bytes:
    try:
        result = state.analytics.analytics(lambda: state.graph).run(measure, label, top, sample)
    except AnalyticsError as exc:
        raise ParameterError(exc.param, str(exc)) from None
    answer = AnalyticsResult(measure=measure, label=label, top=top, nodes=result.nodes,
                             relationships=result.relationships, exact=result.exact, sample=result.sample,
                             columns=list(result.columns), rows=result.rows,
                             compute_ms=round(result.seconds * 1000, 3))
    return answer.model_dump_json().encode("utf-8")
