"""``/healthz`` and ``/api/meta``: liveness with counts, and the ontology's display styles."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from api.routes.deps import StateDep
from api.schemas import Confinement, DefenceLayer, Health, LabelInfo, Meta, RelationTypeInfo
from api.server_confinement import applied
from graph.confine.layers import Layer, missing
from graph.ontology import LABELS, RELATION_TYPES, RELATIONSHIP_SYSTEM_PROPERTIES, label_properties

router = APIRouter(tags=["meta"])


@router.get("/healthz", response_model=Health)
async def healthz(state: StateDep) -> Health:
    """Liveness, the numbers served, and which defence layers are in force (and why not, if not)."""
    settings = state.settings
    console: Literal["on", "token", "off"] = (
        "off" if not settings.console else "token" if settings.console_token else "on")
    server = applied()
    gaps = missing(state.confinement) + missing(server)
    if not server:
        gaps.append("server: not confined (only `ecokg serve` confines its own process)")
    if settings.store == "neo4j":
        gaps.append("workers: none (Neo4j runs statements in read transactions on its own server)")
    return Health(store=settings.store, nodes=sum(state.counts.nodes.values()),
                  relationships=sum(state.counts.relationships.values()), console=console,
                  confinement=Confinement(workers=_layers(state.confinement), server=_layers(server),
                                          missing=gaps))


def _layers(layers: tuple[Layer, ...]) -> list[DefenceLayer]:
    return [DefenceLayer(name=layer.name, active=layer.active, detail=layer.detail) for layer in layers]


@router.get("/api/meta", response_model=Meta)
async def meta(state: StateDep) -> Meta:
    """Labels and relation types with their colours, shapes, glosses and counts."""
    return Meta(
        store=state.settings.store, dialect=state.adhoc.dialect,
        labels=[LabelInfo(name=lb.name, zh=lb.zh, color=lb.color, shape=lb.shape,
                          count=state.counts.nodes.get(lb.name, 0),
                          properties=[p.name for p in label_properties(lb.name)]) for lb in LABELS],
        relation_types=[RelationTypeInfo(name=rt.name, gloss=rt.gloss, symmetric=rt.symmetric,
                                         count=state.counts.relationships.get(rt.name, 0),
                                         properties=[q.name for q in rt.qualifiers]
                                         + list(RELATIONSHIP_SYSTEM_PROPERTIES))
                        for rt in RELATION_TYPES],
    )
