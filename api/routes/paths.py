"""``/api/paths``: shortest paths between two entities, or to every entity of a label."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.routes.deps import StateDep, bounded
from api.schemas import Paths, error_responses
from cypher.ego import MAX_PATH_HOPS, find_paths
from graph.ontology import Label

router = APIRouter(tags=["paths"])


Source = Annotated[str, Query(min_length=1, max_length=200, description="Start: id, name or alias.")]
CENTRES = Label("InnovationCenter")
MaxHops = Annotated[int, Query(ge=1, le=MAX_PATH_HOPS, description="Longest path searched.")]


@router.get("/api/paths", response_model=Paths, responses=error_responses(400, 404, 422, 504))
async def paths_between(
    state: StateDep,
    source: Source,
    target: Annotated[str, Query(min_length=1, max_length=200, description="End: id, name or alias.")],
    max_hops: MaxHops = 4,
) -> dict[str, Any]:
    """Every shortest path between two entities, ignoring direction."""
    start, end = state.names.resolve(source), state.names.resolve(target)
    return await bounded(state.read_slots, state.settings.queue_s, find_paths, state.store, start,
                         target=end, max_hops=max_hops, max_rows=state.settings.max_rows,
                         labels=state.names.labels, timeout_ms=state.settings.timeout_ms)


@router.get("/api/paths/to-label", response_model=Paths, responses=error_responses(400, 404, 422, 504))
async def paths_to_label(
    state: StateDep,
    source: Source,
    label: Annotated[Label, Query(description="Every entity of this label (e.g. InnovationCenter).")]
    = CENTRES,
    max_hops: MaxHops = 4,
) -> dict[str, Any]:
    """One shortest path, ignoring direction, to each entity of ``label``, nearest first."""
    start = state.names.resolve(source)
    return await bounded(state.read_slots, state.settings.queue_s, find_paths, state.store, start,
                         target_label=str(label.value), max_hops=max_hops,
                         max_rows=state.settings.max_rows, labels=state.names.labels,
                         timeout_ms=state.settings.timeout_ms)
