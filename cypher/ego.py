"""Ego networks, entity neighbourhoods and paths read from a store, as plain dicts for the API and viz."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cypher.anchors import anchored, labelled_unwind
from cypher.hop_bounds import lowered
from cypher.registry import Dialect
from cypher.runner import ParameterError
from graph.errors import QueryTimeout
from graph.model import Source
from graph.ontology import labels_by_name, relation_types_by_name
from graph.stores.base import DEFAULT_TIMEOUT_MS, QueryResult, QueryRunner

MAX_PATH_HOPS = 6
"""The longest path searched; variable-length bounds cannot be parameters, so it is fixed here."""

ALL_ROWS = 100_000_000
NODE_KEYS = ("id", "label", "name", "aliases", "degree", "neighbours")
"""Node keys that are not entity properties (degree and neighbours: the embedded store's rankings)."""
REL_SYSTEM_KEYS = ("type", "key", "citations", "sources", "source", "target")

DIALECTS: tuple[Dialect, ...] = ("ladybug", "neo4j")
_TYPE_FILTER: dict[Dialect, str] = {"ladybug": "(size($types) = 0 OR label(r) IN $types)",
                "neo4j": "(size($types) = 0 OR type(r) IN $types)"}

STATEMENTS: dict[str, dict[Dialect, str]] = {
    "neighbours": {d: "MATCH (a)-[r]-(b) WHERE a.id IN $ids AND " + f
                   + " RETURN DISTINCT b.id AS id" for d, f in _TYPE_FILTER.items()},
    "neighbours_of": {d: "MATCH (a {id: $id})-[r]-(b) WHERE " + f + " RETURN DISTINCT b.id AS id"
                      for d, f in _TYPE_FILTER.items()},
    "nodes": {d: "MATCH (n) WHERE n.id IN $ids RETURN n AS node" for d in DIALECTS},
    "node": {d: "MATCH (n {id: $id}) RETURN n AS node" for d in DIALECTS},
    "nodes_of_label": {d: "UNWIND $ids AS i MATCH (n {id: i}) RETURN n AS node" for d in DIALECTS},
    "edges": {d: "MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids AND " + f
              + " RETURN a.id AS source, b.id AS target, r AS rel"
              for d, f in _TYPE_FILTER.items()},
    "relations": {d: "MATCH (a {id: $id})-[r]->(b) RETURN 'out' AS direction, b AS other, r AS rel "
                     "UNION ALL MATCH (a {id: $id})<-[r]-(b) RETURN 'in' AS direction, b AS other, r AS rel"
                  for d in DIALECTS},
    "paths_to_node": {
        "ladybug": f"MATCH p = (a {{id: $source}})-[* ALL SHORTEST 1..{MAX_PATH_HOPS}]-(b {{id: $target}}) "
                   "WHERE length(p) <= $max_hops RETURN p AS path",
        "neo4j": "MATCH (a {id: $source}) MATCH (b {id: $target}) "
                 f"MATCH p = allShortestPaths((a)-[*..{MAX_PATH_HOPS}]-(b)) "
                 "WITH p WHERE length(p) <= $max_hops RETURN p AS path",
    },
    "paths_to_label": {
        "ladybug": f"MATCH p = (a {{id: $source}})-[* SHORTEST 1..{MAX_PATH_HOPS}]-(c) "
                   "WHERE label(c) = $label AND c.id <> $source AND length(p) <= $max_hops "
                   "RETURN p AS path, length(p) AS hops, c.id AS target ORDER BY hops, target",
        "neo4j": "MATCH (a {id: $source}) MATCH (c) WHERE $label IN labels(c) AND c <> a "
                 f"MATCH p = shortestPath((a)-[*..{MAX_PATH_HOPS}]-(c)) "
                 "WITH p, c WHERE length(p) <= $max_hops "
                 "RETURN p AS path, length(p) AS hops, c.id AS target ORDER BY hops, target",
    },
}
"""Every statement of this module, per dialect (the Neo4j texts are for the offline linter too)."""

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


def _text(store: QueryRunner, name: str, params: Mapping[str, Any] | None = None,
          labels: Mapping[str, str] | None = None) -> str:
    """A statement for the store's dialect; on LadybugDB with id anchors labelled from ``labels``."""
    text = STATEMENTS[name][store.dialect]
    if labels and params and store.dialect == "ladybug":
        text = anchored(text, params, labels)
    return text


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
    """``"source:start-end"`` as ``{source, start, end, source_title, source_publisher}``."""
    match = _CITATION.match(text)
    if match is None:
        return {"source": text, "start": None, "end": None, "source_title": None, "source_publisher": None}
    src = (sources or {}).get(match["source"])
    return {"source": match["source"], "start": int(match["start"]), "end": int(match["end"]),
            "source_title": src.title if src else None, "source_publisher": src.publisher if src else None}


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

    On LadybugDB, ids whose label ``labels`` knows are looked up one label at a time through the
    primary-key index; the rest by one scan of every node table.
    """
    by_label: dict[str, list[str]] = {}
    rest: list[str] = []
    known = labels_by_name()
    usable = labels if labels and store.dialect == "ladybug" else {}
    for node_id in ids:
        label = usable.get(node_id)
        if label in known:
            by_label.setdefault(str(label), []).append(node_id)
        else:
            rest.append(node_id)
    batches = [(labelled_unwind(_text(store, "nodes_of_label"), label), group)
               for label, group in by_label.items()]
    if rest:
        batches.append((_text(store, "nodes"), rest))
    out: dict[str, dict[str, Any]] = {}
    budget = Budget(timeout_ms)
    for text, group in batches:
        for row in budget.run(store, text, {"ids": group}, max_rows=ALL_ROWS).rows:
            out[row[0]["id"]] = node_record(row[0])
    return out


def fetch_node(store: QueryRunner, entity_id: str, labels: Mapping[str, str] | None = None, *,
               timeout_ms: int = DEFAULT_TIMEOUT_MS) -> dict[str, Any] | None:
    """One node record by id, None if absent; ``labels`` (id → label) lets LadybugDB use its index."""
    params = {"id": entity_id}
    rows = store.query(_text(store, "node", params, labels), params, timeout_ms=timeout_ms).rows
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
    params = {"id": entity_id}
    rows = budget.run(store, _text(store, "relations", params, labels), params, max_rows=ALL_ROWS).rows
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
            params: dict[str, Any] = {"id": center, "types": list(types)}
            text = _text(store, "neighbours_of", params, labels)
        else:
            params, text = {"ids": frontier, "types": list(types)}, _text(store, "neighbours")
        rows = budget.run(store, text, params, max_rows=ALL_ROWS).rows
        frontier = sorted({row[0] for row in rows} - hops.keys())
        hops.update(dict.fromkeys(frontier, hop))
        if len(hops) > node_cap:
            truncated = True
            break
    kept = sorted(hops, key=lambda i: (hops[i], i))[:node_cap]
    nodes = fetch_nodes(store, kept, labels, timeout_ms=budget.left_ms())
    edges = []
    if len(kept) > 1:
        rows = budget.run(store, _text(store, "edges"), {"ids": kept, "types": list(types)},
                          max_rows=ALL_ROWS).rows
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
        name, params = "paths_to_node", {"source": source, "target": target, "max_hops": max_hops}
    else:
        name = "paths_to_label"
        params = {"source": source, "label": check_label(str(target_label)), "max_hops": max_hops}
    text = lowered(_text(store, name, params, labels), max_hops, MAX_PATH_HOPS)
    result = store.query(text, params, timeout_ms=timeout_ms, max_rows=max_rows)
    paths = [_path_record(row[0]) for row in result.rows]
    if target is not None:
        paths.sort(key=lambda p: [n["id"] or "" for n in p["nodes"]])
    return out | {"paths": paths, "truncated": result.truncated}
