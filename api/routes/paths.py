"""``/api/paths``: shortest paths to an entity or to every entity of a label."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.routes.deps import StateDep, bounded
from api.schemas import Paths, error_responses
from cypher.ego import MAX_PATH_HOPS, find_paths
from cypher.runner import ParameterError
from graph.ontology import Label

router = APIRouter(tags=["paths"])


@router.get("/api/paths", response_model=Paths, responses=error_responses(400, 404, 422, 504))
async def paths(
    state: StateDep,
    source: Annotated[str, Query(min_length=1, max_length=200, description="Start: id, name or alias.")],
    target: Annotated[str | None, Query(max_length=200, description="End: id, name or alias.")] = None,
    target_label: Annotated[Label | None, Query(description="Or every entity of this label.")] = None,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = 4,
) -> dict[str, Any]:
    """Shortest paths ignoring direction: all of them to ``target``, one per ``target_label`` entity."""
    if bool(target) == bool(target_label):
        raise ParameterError("target", "give exactly one of target and target_label")
    label = str(target_label.value) if target_label else None
    start = state.names.resolve(source)
    end = state.names.resolve(target) if target else None
    return await bounded(state.read_slots, state.settings.queue_s, find_paths, state.store, start,
                         target=end, target_label=label, max_hops=max_hops,
                         max_rows=state.settings.max_rows, labels=state.names.labels,
                         timeout_ms=state.settings.timeout_ms)
