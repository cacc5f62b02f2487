"""``/healthz`` and ``/api/meta``: liveness with counts, and the ontology's display styles."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes.deps import StateDep
from api.schemas import Health, LabelInfo, Meta, RelationTypeInfo
from graph.ontology import LABELS, RELATION_TYPES

router = APIRouter(tags=["meta"])


@router.get("/healthz", response_model=Health)
def healthz(state: StateDep) -> Health:
    """Liveness, with the numbers of nodes and relationships served."""
    return Health(nodes=sum(state.counts.nodes.values()),
                  relationships=sum(state.counts.relationships.values()))


@router.get("/api/meta", response_model=Meta)
def meta(state: StateDep) -> Meta:
    """Labels and relation types with their colours, shapes, glosses and counts."""
    return Meta(
        labels=[LabelInfo(name=lb.name, zh=lb.zh, color=lb.color, shape=lb.shape,
                          count=state.counts.nodes.get(lb.name, 0)) for lb in LABELS],
        relation_types=[RelationTypeInfo(name=rt.name, gloss=rt.gloss, symmetric=rt.symmetric,
                                         count=state.counts.relationships.get(rt.name, 0))
                        for rt in RELATION_TYPES],
    )
