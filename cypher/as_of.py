"""The graph as it stood on a date: relations dated on or before it, undated ones set apart.

Relation dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the ontology's ``date`` qualifier).
A date counts from its first day: ``2025-03`` stands from 2025-03-01 on. Because a prefix sorts
before its extensions, that is the plain string comparison ``date <= as_of`` — the same test
the ``entity_timeline`` statement makes in Cypher.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from cypher.runner import ParameterError

_YYYY_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_as_of(raw: str | None, param: str = "as_of") -> str | None:
    """``raw`` as a ``YYYY-MM-DD`` string (None when not given).

    Raises:
        ParameterError: naming ``param`` when it is not a real calendar date.
    """
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        if not _YYYY_MM_DD.fullmatch(text):  # fromisoformat also takes week dates (2025-W13-1)
            raise ValueError(text)
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ParameterError(param, f"expected a date YYYY-MM-DD, got {raw!r}") from None


def relation_date(qualifiers: Mapping[str, Any]) -> str | None:
    """The relation's ``date`` qualifier as text, None when it has none."""
    value = qualifiers.get("date")
    return str(value) if value not in (None, "") else None


def stood_by(date: str | None, as_of: str) -> bool:
    """Whether a relation dated ``date`` had happened by ``as_of`` (undated: False)."""
    return date is not None and date <= as_of


def entity_as_of(detail: dict[str, Any], as_of: str) -> dict[str, Any]:
    """An :func:`cypher.ego.entity_detail` answer with only the relations dated by ``as_of``.

    Undated relations move to ``undated_relations``; ``later`` counts the ones dropped.
    """
    kept, undated, later = [], [], 0
    for rel in detail["relations"]:
        date = relation_date(rel["qualifiers"])
        if date is None:
            undated.append(rel)
        elif stood_by(date, as_of):
            kept.append(rel)
        else:
            later += 1
    counts: dict[str, int] = {}
    for rel in kept:
        counts[rel["type"]] = counts.get(rel["type"], 0) + 1
    return detail | {"relations": kept, "relation_counts": dict(sorted(counts.items())),
                     "undated_relations": undated, "as_of": as_of, "later": later}


def ego_as_of(network: dict[str, Any], as_of: str) -> dict[str, Any]:
    """An :func:`cypher.ego.ego_network` answer as it stood on ``as_of``.

    Edges dated after ``as_of`` are dropped (``later`` counts them); undated edges stay, flagged
    ``undated: true``. Nodes no longer within ``depth`` hops of the centre over the edges left are
    dropped too, and the hops of the others recomputed (direction ignored, as in the ego network
    itself). The service's reader walks the dated graph already (:meth:`GraphReader.as_of_view`),
    so that its cap and stubs count only what stood then; this keeps a walk of the whole graph
    (a reader without a side table) consistent too.
    """
    edges, later = [], 0
    for edge in network["edges"]:
        date = relation_date(edge["properties"])
        if date is None:
            edges.append(edge | {"undated": True})
        elif stood_by(date, as_of):
            edges.append(edge | {"undated": False})
        else:
            later += 1
    neighbours: dict[str, set[str]] = {}
    for edge in edges:
        neighbours.setdefault(edge["source"], set()).add(edge["target"])
        neighbours.setdefault(edge["target"], set()).add(edge["source"])
    center = network["center"]
    hops = {center: 0}
    frontier = [center]
    for hop in range(1, network["depth"] + 1):
        frontier = sorted({n for f in frontier for n in neighbours.get(f, ())} - hops.keys())
        hops.update(dict.fromkeys(frontier, hop))
    nodes = [node | {"hop": hops[node["id"]]} for node in network["nodes"] if node["id"] in hops]
    nodes.sort(key=lambda n: (n["hop"], n["id"]))
    edges = [e for e in edges if e["source"] in hops and e["target"] in hops]
    # A stub (nodes beyond the cap) stays with its parent; its count is as the cap left it.
    stubs = [s for s in network.get("stubs", []) if s["parent"] in hops]
    return network | {"nodes": nodes, "edges": edges, "stubs": stubs, "as_of": as_of, "later": later}
