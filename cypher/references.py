"""Properties that name other things, resolved for display: region ids to names, source ids to articles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.model import Source
from graph.ontology import COMMON_PROPERTIES, LABELS

_EVERY = (*COMMON_PROPERTIES, *(q for lab in LABELS for q in lab.properties))
ENTITY_REFERENCES = frozenset(p.name for p in _EVERY if p.description.startswith("Id of the"))
"""Properties holding the id of another entity (the ontology describes them as "Id of the …")."""


def property_links(properties: Mapping[str, Any], names: Mapping[str, str], labels: Mapping[str, str],
                   sources: Mapping[str, Source]) -> dict[str, Any]:
    """The entity and source references among ``properties``, resolved.

    ``{"region": {"id", "name", "label"}, "sources": [{"id", "title", "publisher", "date", "url"}]}``;
    an id nothing answers to keeps its id as its name (or title).
    """
    links: dict[str, Any] = {}
    for key in ENTITY_REFERENCES:
        value = properties.get(key)
        if isinstance(value, str) and value:
            links[key] = {"id": value, "name": names.get(value, value), "label": labels.get(value)}
    ids = properties.get("sources")
    if isinstance(ids, list | tuple):
        links["sources"] = [_source(str(i), sources.get(str(i))) for i in ids]
    return links


def _source(source_id: str, source: Source | None) -> dict[str, Any]:
    if source is None:
        return {"id": source_id, "title": source_id, "publisher": None, "date": None, "url": None}
    return {"id": source_id, "title": source.title, "publisher": source.publisher, "date": source.date,
            "url": source.url or None}
