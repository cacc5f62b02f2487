"""``/api/entities/{id}`` and its ego network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from api.routes.deps import ServiceState, StateDep, bounded
from api.schemas import EgoNetwork, Entity, error_responses
from cypher.as_of import entity_as_of, parse_as_of
from cypher.ego import relation_type_names
from cypher.names import UnknownEntity
from cypher.reader import label_names
from cypher.references import property_links
from graph.ontology import LABELS, RELATION_TYPES

router = APIRouter(tags=["entities"])

_TYPE_NAMES = "|".join(sorted({n for rt in RELATION_TYPES for n in (rt.name, rt.ascii_name)}, key=len,
                              reverse=True))
RELATION_TYPES_PATTERN = rf"^\s*(?:(?:{_TYPE_NAMES})\s*(?:,\s*(?:{_TYPE_NAMES})\s*)*)?$"
"""A comma-separated list of relation type names (Chinese or ASCII), or nothing."""
_LABEL_NAMES = "|".join(sorted((lb.name for lb in LABELS), key=len, reverse=True))
LABELS_PATTERN = rf"^\s*(?:(?:{_LABEL_NAMES})\s*(?:,\s*(?:{_LABEL_NAMES})\s*)*)?$"
"""A comma-separated list of labels, or nothing."""

AsOf = Annotated[str | None, Query(description="YYYY-MM-DD: only relations dated on or before it (a "
                                                "relation dated only by month counts from its first "
                                                "day); undated "
                                                "ones are set apart.", examples=["2025-03-31"],
                                    max_length=10, json_schema_extra={"format": "date"})]

EntityId = Annotated[str, Path(description="An id, name or alias (简体 or 繁體).", max_length=200,
                               examples=["ubtech", "优必选", "優必選"])]


@router.get("/api/entities/{entity_id}", response_model=Entity, responses=error_responses(400, 404, 422, 504))
async def entity(state: StateDep, entity_id: EntityId, as_of: AsOf = None) -> dict[str, Any]:
    """One entity with its properties and every relation, with citations.

    With ``as_of``, ``relations`` holds the relations dated on or before it, ``undated_relations``
    the undated ones, and ``later`` counts those left out.
    """
    date = parse_as_of(as_of)
    found = state.names.resolve(entity_id)
    detail = await bounded(state.read_slots, state.settings.queue_s, state.read.entity, found)
    if detail is None:
        raise UnknownEntity(entity_id, state.names.suggest(entity_id))
    detail["links"] = _links(state, detail["properties"])
    detail["standing"] = await bounded(state.read_slots, state.settings.queue_s, _standing, state, found)
    return entity_as_of(detail, date) if date else detail


def _standing(state: ServiceState, entity_id: str) -> dict[str, Any] | None:
    """The entity's PageRank rank and community (the file written at load, else computed once)."""
    database = state.settings.database if state.settings.store == "embedded" else None
    found = state.analytics.standing(database, sum(state.counts.nodes.values()), lambda: state.graph)
    return found.of(entity_id) if found is not None else None


@router.get("/api/entities/{entity_id}/ego", response_model=EgoNetwork,
            responses=error_responses(400, 404, 422, 504))
async def ego(
    state: StateDep,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the centre.")] = 1,
    types: Annotated[str | None, Query(description="Relation types to follow, comma-separated "
                                                    "(牵头,合作 or leads,cooperates); all by default.",
                                        pattern=RELATION_TYPES_PATTERN, max_length=400)]
    = None,
    limit: Annotated[int | None, Query(ge=1, description="Node cap (at most the server's).")] = None,
    labels: Annotated[str | None, Query(description="Only nodes of these labels (the centre always), "
                                                     "comma-separated; all by default.",
                                        pattern=LABELS_PATTERN, max_length=400)] = None,
    as_of: AsOf = None,
) -> Response:
    """Nodes within ``depth`` hops (either direction) and the edges among them, most relevant first.

    The node cap keeps the most relevant nodes (relation strength, hub penalty); the rest are
    counted in ``stubs`` ("深圳 +57": 57 of 深圳's neighbours not shown). With ``as_of``, the walk, the
    cap and the stubs see only the relations dated on or before it and the undated ones (kept with
    ``undated: true``); ``later`` counts the later relations among the nodes shown. Answers are
    cached by (centre id, depth, types, labels, cap, as_of): the served database is read-only.
    """
    date = parse_as_of(as_of)
    wanted = tuple(sorted(relation_type_names(types)))  # one order for the key and the answer
    kinds = tuple(sorted(label_names(labels)))
    center = state.names.resolve(entity_id)
    cap = min(limit or state.settings.ego_node_cap, state.settings.ego_node_cap)
    key = ("ego", center, depth, wanted, cap, kinds, date)
    body = state.cache.get(key)
    if body is None:
        body = await bounded(state.read_slots, state.settings.queue_s, _ego_body, state, center, depth,
                             wanted, cap, kinds, date)
        state.cache.put(key, body)
    return Response(body, media_type="application/json")


def _ego_body(state: ServiceState, center: str, depth: int, wanted: tuple[str, ...], cap: int,
              kinds: tuple[str, ...] = (), as_of: str | None = None) -> bytes:
    network = state.read.ego(center, depth, wanted, kinds, node_cap=cap, as_of=as_of)
    for node in network["nodes"]:
        node["links"] = _links(state, node["properties"])
    return EgoNetwork.model_validate(network).model_dump_json().encode("utf-8")


def _links(state: ServiceState, properties: dict[str, Any]) -> dict[str, Any]:
    return property_links(properties, state.names.display, state.names.labels, state.sources)
