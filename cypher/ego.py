"""Ego networks, entity neighbourhoods and paths read from a store, as plain dicts for the API and viz."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cypher.runner import ParameterError
from graph.errors import QueryTimeout
from graph.model import Source
from graph.ontology import labels_by_name, relation_types_by_name
from graph.statements.catalogue import statement
from graph.stores.base import DEFAULT_TIMEOUT_MS, QueryResult, QueryRunner

MAX_PATH_HOPS = 6
"""The longest path searched (the ``max_hops`` range of the path statements)."""

ALL_ROWS = 100_000_000
NODE_KEYS = ("id", "label", "name", "aliases", "degree", "neighbours")
"""Node keys that are not entity properties (degree and neighbours: precomputed rankings)."""
REL_SYSTEM_KEYS = ("type", "key", "citations", "sources", "source", "target")


def _run(store: QueryRunner, budget: Budget, name: str, params: Mapping[str, Any], *,
         labels: Mapping[str, str] | None = None, inputs: Mapping[str, str] | None = None,
         max_rows: int = ALL_ROWS) -> QueryResult:
    """Run a catalogue statement, bound for the store's dialect, with the request's time left."""
    text = statement(name).bind(store.dialect, params, labels=labels, inputs=inputs)
    return budget.run(store, text, params, max_rows=max_rows)


class Budget:
    """One time limit shared by the several statements of one request."""

    def __init__(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms
        self.deadline = time.monotonic() + timeout_ms / 1000

    def left_ms(self) -> int:
        """Milliseconds left; raises QueryTimeout when none are."""
        left = int((self.deadline - time.monotonic()) * 1000)
        if left <= 0:
            raise QueryTimeout(f"the request stopped at its time limit ({self.timeout_ms} ms)")
        return left

    def run(self, store: QueryRunner, text: str, params: Mapping[str, Any], **caps: int) -> QueryResult:
        """Run one statement with the time that is left."""
        return store.query(text, params, timeout_ms=self.left_ms(), **caps)


_CITATION = re.compile(r"^(?P<source>.+):(?P<start>\d+)-(?P<end>\d+)$")


def relation_type_names(raw: str | Iterable[str] | None, param: str = "types") -> tuple[str, ...]:
    """Relation types from a comma-separated list of Chinese or ASCII names.

    Raises:
        ParameterError: naming ``param`` for an unknown type.
    """
    parts = raw.split(",") if isinstance(raw, str) else list(raw or [])
    known = relation_types_by_name()
    by_ascii = {r.ascii_name: r.name for r in known.values()}
    out: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        name = by_ascii.get(part.lower(), part)
        if name not in known:
            raise ParameterError(param, f"unknown relation type {part!r}; known: {', '.join(known)} "
                                        f"or {', '.join(by_ascii)}")
        if name not in out:
            out.append(name)
    return tuple(out)


def check_label(label: str, param: str = "target_label") -> str:
    """``label`` if the ontology has it.

    Raises:
        ParameterError: naming ``param`` otherwise.
    """
    if label not in labels_by_name():
        raise ParameterError(param, f"unknown label {label!r}; known: {', '.join(labels_by_name())}")
    return label


def citation_record(text: str, sources: Mapping[str, Source] | None = None) -> dict[str, Any]:
    """``"source:start-end"`` as ``{source, start, end, source_title, source_publisher, source_date,
    source_url}``."""
    match = _CITATION.match(text)
    if match is None:
        return {"source": text, "start": None, "end": None, "source_title": None, "source_publisher": None,
                "source_date": None, "source_url": None}
    src = (sources or {}).get(match["source"])
    return {"source": match["source"], "start": int(match["start"]), "end": int(match["end"]),
            "source_title": src.title if src else None, "source_publisher": src.publisher if src else None,
            "source_date": src.date if src else None, "source_url": (src.url or None) if src else None}


def _qualifiers(rel: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rel.items() if k not in REL_SYSTEM_KEYS and v is not None}


def _citations(rel: Mapping[str, Any], sources: Mapping[str, Source] | None) -> list[dict[str, Any]]:
    return [citation_record(str(c), sources) for c in rel.get("citations") or []]


def node_record(node: Mapping[str, Any]) -> dict[str, Any]:
    """A store node as ``{id, label, name, name_en, aliases, properties}``."""
    return {"id": node["id"], "label": node.get("label"), "name": node.get("name"),
            "name_en": node.get("name_en"), "aliases": list(node.get("aliases") or []),
            "properties": {k: v for k, v in node.items() if k not in NODE_KEYS and v is not None}}


def fetch_nodes(store: QueryRunner, ids: Sequence[str], labels: Mapping[str, str] | None = None, *,
                timeout_ms: int = DEFAULT_TIMEOUT_MS) -> dict[str, dict[str, Any]]:
    """Node records by id (missing ids are absent).

    Ids whose label ``labels`` knows are looked up one label at a time through its id index; the
    rest by one scan of every node.
    """
    by_label: dict[str, list[str]] = {}
    rest: list[str] = []
    known = labels_by_name()
    for node_id in ids:
        label = (labels or {}).get(node_id)
        if label in known:
            by_label.setdefault(str(label), []).append(node_id)
        else:
            rest.append(node_id)
    out: dict[str, dict[str, Any]] = {}
    budget = Budget(timeout_ms)
    found = [_run(store, budget, "nodes_of_label", {"ids": group}, inputs={"label": label})
             for label, group in by_label.items()]
    if rest:
        found.append(_run(store, budget, "nodes_by_id", {"ids": rest}))
    for result in found:
        for row in result.rows:
            out[row[0]["id"]] = node_record(row[0])
    return out


def fetch_node(store: QueryRunner, entity_id: str, labels: Mapping[str, str] | None = None, *,
               timeout_ms: int = DEFAULT_TIMEOUT_MS) -> dict[str, Any] | None:
    """One node record by id, None if absent; ``labels`` (id → label) lets LadybugDB use its index."""
    rows = _run(store, Budget(timeout_ms), "entity_node", {"id": entity_id}, labels=labels).rows
    return node_record(rows[0][0]) if rows else None


def entity_detail(store: QueryRunner, entity_id: str, sources: Mapping[str, Source] | None = None, *,
                  labels: Mapping[str, str] | None = None,
                  timeout_ms: int = DEFAULT_TIMEOUT_MS) -> dict[str, Any] | None:
    """An entity with every relation (direction, other end, qualifiers, citations); None if absent.

    ``labels`` (id → label, e.g. the name index's) anchors the lookups on the entity's label.
    """
    budget = Budget(timeout_ms)
    node = fetch_node(store, entity_id, labels, timeout_ms=budget.left_ms())
    if node is None:
        return None
    rows = _run(store, budget, "entity_relations", {"id": entity_id}, labels=labels).rows
    # Parallel relations (same type, direction and other end) are ordered by their stable key.
    rows = sorted(rows, key=lambda row: (row[2]["type"], row[0], row[1].get("id") or "",
                                         row[2].get("key") or ""))
    relations = [{"type": rel["type"], "direction": direction, "other_id": other.get("id"),
                  "other_name": other.get("name"), "other_label": other.get("label"),
                  "qualifiers": _qualifiers(rel), "citations": _citations(rel, sources)}
                 for direction, other, rel in rows]
    counts = Counter(r["type"] for r in relations)
    return {"id": node["id"], "label": node["label"], "name": node["name"], "aliases": node["aliases"],
            "properties": node["properties"], "relation_counts": dict(sorted(counts.items())),
            "relations": relations}


def ego_network(store: QueryRunner, center: str, depth: int = 1, types: Sequence[str] = (), *,
                node_cap: int = 200, sources: Mapping[str, Source] | None = None,
                labels: Mapping[str, str] | None = None,
                timeout_ms: int = DEFAULT_TIMEOUT_MS) -> dict[str, Any]:
    """The nodes within ``depth`` hops of ``center`` (direction ignored) and the edges among them.

    Nodes are ordered by hop, then id; at most ``node_cap`` are kept, nearest hops first, and
    ``truncated`` says whether any were dropped. Only relations of ``types`` (all when empty) are
    followed and returned. ``labels`` (id → label) lets LadybugDB fetch the kept nodes by index.
    """
    budget = Budget(timeout_ms)
    hops = {center: 0}
    frontier = [center]
    truncated = False
    for hop in range(1, depth + 1):
        if not frontier:
            break
        if hop == 1:
            rows = _run(store, budget, "ego_first_hop", {"id": center, "types": list(types)},
                        labels=labels).rows
        else:
            rows = _run(store, budget, "ego_next_hop", {"ids": frontier, "types": list(types)}).rows
        frontier = sorted({row[0] for row in rows} - hops.keys())
        hops.update(dict.fromkeys(frontier, hop))
        if len(hops) > node_cap:
            truncated = True
            break
    kept = sorted(hops, key=lambda i: (hops[i], i))[:node_cap]
    nodes = fetch_nodes(store, kept, labels, timeout_ms=budget.left_ms())
    edges = []
    if len(kept) > 1:
        rows = _run(store, budget, "ego_edges", {"ids": kept, "types": list(types)}).rows
        for source, target, rel in rows:
            properties = _qualifiers(rel) | {"citations": _citations(rel, sources)}
            edges.append({"id": rel.get("key"), "source": source, "target": target, "type": rel["type"],
                          "properties": properties})
    edges.sort(key=lambda e: (e["type"], e["source"], e["target"], e["id"] or ""))
    return {"center": center, "depth": depth,
            "nodes": [nodes[i] | {"hop": hops[i]} for i in kept if i in nodes],
            "edges": edges, "truncated": truncated, "node_cap": node_cap}


def _path_record(path: Mapping[str, Any]) -> dict[str, Any]:
    nodes = [{"id": n.get("id"), "name": n.get("name"), "label": n.get("label")} for n in path["nodes"]]
    edges = [{"source": r.get("source"), "target": r.get("target"), "type": r.get("type")}
             for r in path["relationships"]]
    return {"hops": len(edges), "nodes": nodes, "edges": edges}


def find_paths(store: QueryRunner, source: str, *, target: str | None = None,
               target_label: str | None = None, max_hops: int = 4, max_rows: int = 1000,
               labels: Mapping[str, str] | None = None,
               timeout_ms: int = DEFAULT_TIMEOUT_MS) -> dict[str, Any]:
    """Shortest paths (direction ignored) from ``source`` to ``target`` or to each ``target_label`` entity.

    To one target: every shortest path. To a label: one shortest path per entity, nearest first.
    ``truncated`` is true when the row cap cut the list. The search stops at ``max_hops``, and
    ``labels`` (id → label) anchors its ends on LadybugDB.
    """
    if (target is None) == (target_label is None):
        raise ParameterError("target", "give exactly one of target and target_label")
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise ParameterError("max_hops", f"must be between 1 and {MAX_PATH_HOPS}")
    out: dict[str, Any] = {"source": source, "target": target, "target_label": target_label}
    if target is not None and target == source:
        node = fetch_node(store, source, labels, timeout_ms=timeout_ms)
        only = [{"id": source, "name": node["name"], "label": node["label"]}] if node else []
        return out | {"paths": [{"hops": 0, "nodes": only, "edges": []}] if only else [], "truncated": False}
    if target is not None:
        name, params = "paths_between", {"source": source, "target": target, "max_hops": max_hops}
    else:
        name = "paths_to_label"
        params = {"source": source, "label": check_label(str(target_label)), "max_hops": max_hops}
    result = _run(store, Budget(timeout_ms), name, params, labels=labels, max_rows=max_rows)
    paths = [_path_record(row[0]) for row in result.rows]
    if target is not None:
        paths.sort(key=lambda p: [n["id"] or "" for n in p["nodes"]])
    return out | {"paths": paths, "truncated": result.truncated}
