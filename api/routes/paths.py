"""``/api/paths``: ranked paths between two entities, or to every entity of a label."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.routes.deps import StateDep, bounded
from api.routes.entities import LABELS_PATTERN, RELATION_TYPES_PATTERN
from api.schemas import Paths, error_responses
from cypher.ego import MAX_PATH_HOPS, relation_type_names
from cypher.reader import label_names
from graph.ontology import Label

router = APIRouter(tags=["paths"])


Source = Annotated[str, Query(min_length=1, max_length=200, description="Start: id, name or alias.")]
CENTRES = Label("InnovationCenter")
MaxHops = Annotated[int, Query(ge=1, le=MAX_PATH_HOPS, description="Longest path searched.")]
TopK = Annotated[int, Query(ge=1, le=1000, description="Most paths returned; `truncated` says more exist.")]
ExcludeLabels = Annotated[str | None, Query(description="Never pass through nodes of these labels "
                                                        "(e.g. Region), comma-separated.",
                                            pattern=LABELS_PATTERN, max_length=400)]
ExcludeTypes = Annotated[str | None, Query(description="Never follow these relation types (e.g. 位于), "
                                                       "comma-separated.",
                                           pattern=RELATION_TYPES_PATTERN, max_length=400)]


@router.get("/api/paths", response_model=Paths, responses=error_responses(400, 404, 422, 504))
async def paths_between(
    state: StateDep,
    source: Source,
    target: Annotated[str, Query(min_length=1, max_length=200, description="End: id, name or alias.")],
    max_hops: MaxHops = 4,
    k: TopK = 10,
    exclude_labels: ExcludeLabels = None,
    exclude_types: ExcludeTypes = None,
) -> dict[str, Any]:
    """The shortest paths between two entities, ignoring direction, each node path once, ranked.

    A hop lists every relation between its two nodes with direction, qualifiers and citations.
    Ranked by ``score``: Π hop weight (牵头, 融资, 投资, 合作, 孵化, 创立, 任职 1; 位于, 获得, 参与,
    入选 0.25; others 0.6) divided by log2(2 + degree) of every node passed through.
    """
    start, end = state.names.resolve(source), state.names.resolve(target)
    barred, skipped = label_names(exclude_labels, "exclude_labels"), relation_type_names(exclude_types,
                                                                                          "exclude_types")
    return await bounded(state.path_slots, state.settings.queue_s, state.read.paths, start, target=end,
                         max_hops=max_hops, k=k, exclude_labels=barred, exclude_types=skipped)


@router.get("/api/paths/to-label", response_model=Paths, responses=error_responses(400, 404, 422, 504))
async def paths_to_label(
    state: StateDep,
    source: Source,
    label: Annotated[Label, Query(description="Every entity of this label (e.g. InnovationCenter).")]
    = CENTRES,
    max_hops: MaxHops = 4,
    k: TopK = 10,
    exclude_labels: ExcludeLabels = None,
    exclude_types: ExcludeTypes = None,
) -> dict[str, Any]:
    """The best shortest path, ignoring direction, to each entity of ``label``: nearest, then best first."""
    start = state.names.resolve(source)
    barred, skipped = label_names(exclude_labels, "exclude_labels"), relation_type_names(exclude_types,
                                                                                          "exclude_types")
    return await bounded(state.path_slots, state.settings.queue_s, state.read.paths, start,
                         target_label=str(label.value), max_hops=max_hops, k=k, exclude_labels=barred,
                         exclude_types=skipped)
