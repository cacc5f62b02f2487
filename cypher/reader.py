"""The read layer: one object, built at start-up, that answers entity, ego-network and path requests.

Traversal runs over the in-memory projection (:mod:`graph.read.projection`) with the pure
functions of :mod:`graph.read.traversal`; the store is asked only for what the projection does
not hold — node properties, qualifiers and citations — of the few nodes an answer shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cypher.as_of import ego_as_of
from cypher.ego import (
    MAX_PATH_HOPS,
    Budget,
    _citations,
    _qualifiers,
    _run,
    check_label,
    citation_record,
    entity_detail,
    fetch_nodes,
    node_record,
)
from cypher.names import STARTUP_TIMEOUT_MS, NameIndex
from cypher.runner import ParameterError
from graph.model import Source
from graph.ontology import LABELS, RELATION_TYPES, relation_types_by_name
from graph.read import vectorised
from graph.read.projection import FORMAT, TYPE_NAMES, Array, Projection
from graph.read.properties import EdgeProperties
from graph.read.strength import type_weight
from graph.read.traversal import NodePath, ranked_paths
from graph.statements.catalogue import statement
from graph.stores.base import DEFAULT_TIMEOUT_MS, QueryRunner

SYMMETRIC = frozenset(rt.name for rt in RELATION_TYPES if rt.symmetric)
STUB_PREFIX = "+"
"""Stub node ids are ``+`` and the id of the node whose dropped neighbours they count."""


def read_projection(store: QueryRunner, labels: Mapping[str, str],
                    timeout_ms: int = STARTUP_TIMEOUT_MS) -> Projection:
    """The projection of a store: one ``projection_edges`` read per relation type."""
    rows: list[Sequence[Any]] = []
    for rt in RELATION_TYPES:
        text = statement("projection_edges").bind(store.dialect, inputs={"type": rt.name})
        result = store.query(text, timeout_ms=timeout_ms, max_rows=2**62, max_bytes=2**62)
        rows.extend((source, target, rt.name, key) for source, target, key in result.rows)
    return Projection.from_rows(dict(labels), rows)


def read_edge_properties(store: QueryRunner, projection: Projection,
                         timeout_ms: int = STARTUP_TIMEOUT_MS) -> EdgeProperties:
    """Qualifiers and citations per relationship index: one ``projection_properties`` read per type."""
    index = {projection.key_of(e): e for e in range(projection.relationships)}
    records: list[dict[str, Any] | None] = [{"qualifiers": {}, "citations": []}] * projection.relationships
    for rt in RELATION_TYPES:
        text = statement("projection_properties").bind(store.dialect, inputs={"type": rt.name})
        result = store.query(text, timeout_ms=timeout_ms, max_rows=2**62, max_bytes=2**62)
        for key, rel in result.rows:
            e = index.get(str(key or ""))
            if e is not None:
                records[e] = {"qualifiers": _qualifiers(rel),
                              "citations": [str(c) for c in rel.get("citations") or []]}
    return EdgeProperties.from_records(records)


def read_node_records(store: QueryRunner, projection: Projection,
                      timeout_ms: int = STARTUP_TIMEOUT_MS) -> EdgeProperties:
    """The record of every node (:func:`cypher.ego.node_record`) by node index: one read per label."""
    records: list[dict[str, Any] | None] = [None] * len(projection.ids)
    for label in LABELS:
        text = statement("projection_nodes").bind(store.dialect, inputs={"label": label.name})
        result = store.query(text, timeout_ms=timeout_ms, max_rows=2**62, max_bytes=2**62)
        for (node,) in result.rows:
            i = projection.index.get(node["id"])
            if i is not None:
                records[i] = node_record(node)
    return EdgeProperties.from_records(records)


def projection_dir(database: Path) -> Path:
    """Where the projection of an embedded database file is kept: beside it."""
    return database.with_name(database.name + ".projection")


def _stamp(database: Path) -> str:
    st = database.stat()
    return f"{FORMAT}:{st.st_mtime_ns}:{st.st_size}"


def cached_projection(store: QueryRunner, labels: Mapping[str, str], database: Path | None) -> Projection:
    """The projection memory-mapped from beside ``database`` when it was written from this very file;
    otherwise read from the store and, where the directory is writable, written there for next time."""
    if database is None or not database.exists():
        return read_projection(store, labels)
    directory = projection_dir(database)
    stamp = directory / "database.stamp"
    try:
        if stamp.read_text(encoding="ascii") == _stamp(database):
            return Projection.load(directory)
    except OSError:
        pass
    projection = read_projection(store, labels)
    try:
        projection.save(directory)
        stamp.write_text(_stamp(database), encoding="ascii")
    except OSError:
        pass  # a read-only directory: read from the store at each start
    return projection


def cached_edge_properties(store: QueryRunner, projection: Projection,
                           database: Path | None) -> EdgeProperties:
    """The side table of qualifiers and citations, kept beside ``database`` like the projection."""
    return _cached_table(store, projection, database, "properties", projection.relationships,
                         read_edge_properties)


def cached_node_records(store: QueryRunner, projection: Projection, database: Path | None) -> EdgeProperties:
    """The side table of node records, kept beside ``database`` like the projection."""
    return _cached_table(store, projection, database, "nodes", len(projection.ids), read_node_records)


def _cached_table(store: QueryRunner, projection: Projection, database: Path | None, stem: str, size: int,
                  read: Callable[[QueryRunner, Projection], EdgeProperties]) -> EdgeProperties:
    if database is None or not database.exists():
        return read(store, projection)
    directory = projection_dir(database)
    stamp = directory / f"{stem}.stamp"
    try:
        if stamp.read_text(encoding="ascii") == _stamp(database):
            found = EdgeProperties.load(directory, stem)
            if len(found) == size:
                return found
    except OSError:
        pass
    table = read(store, projection)
    try:
        table.save(directory, stem)
        stamp.write_text(_stamp(database), encoding="ascii")
    except OSError:
        pass  # a read-only directory: read from the store at each start
    return table


def label_names(raw: str | Iterable[str] | None, param: str = "labels") -> tuple[str, ...]:
    """Labels from a comma-separated list.

    Raises:
        ParameterError: naming ``param`` for a label the ontology lacks.
    """
    parts = raw.split(",") if isinstance(raw, str) else list(raw or [])
    out: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in out:
            out.append(check_label(part, param))
    return tuple(out)


AS_OF_VIEWS = 2
"""How many dated views of the projection a reader keeps (each holds its own adjacency arrays)."""

class GraphReader:
    """Entity detail, ego networks and paths over a store and its projection."""

    def __init__(self, store: QueryRunner, names: NameIndex, projection: Projection,
                 sources: Mapping[str, Source] | None = None, *,
                 timeout_ms: int = DEFAULT_TIMEOUT_MS, properties: EdgeProperties | None = None,
                 nodes: EdgeProperties | None = None) -> None:
        self.store = store
        self.names = names
        self.projection = projection
        self.properties = properties
        """Qualifiers and citations by relationship index; without them they are read from the store."""
        self.nodes = nodes
        """Node records by node index; without them they are read from the store."""
        self.sources = sources or {}
        self.timeout_ms = timeout_ms
        self._dates: Array | None = None
        self._as_of: dict[str, Projection] = {}
        self._as_of_lock = threading.Lock()

    @classmethod
    def build(cls, store: QueryRunner, names: NameIndex, sources: Mapping[str, Source] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, database: Path | None = None) -> GraphReader:
        """Read the projection and its side table of edge properties from ``store`` (or from beside the
        embedded ``database``), with its side tables of edge properties and node records, and wrap them."""
        projection = cached_projection(store, names.labels, database)
        return cls(store, names, projection, sources, timeout_ms=timeout_ms,
                   properties=cached_edge_properties(store, projection, database),
                   nodes=cached_node_records(store, projection, database))

    def _node(self, entity_id: str) -> int:
        found = self.projection.index.get(entity_id)
        if found is None:
            raise ParameterError("entity", f"{entity_id!r} is not in the projection")
        return found

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        """One entity with every relation and its citations (:func:`cypher.ego.entity_detail`)."""
        return entity_detail(self.store, entity_id, self.sources, labels=self.names.labels,
                             timeout_ms=self.timeout_ms)

    def ego(self, center: str, depth: int = 1, types: Sequence[str] = (), labels: Sequence[str] = (), *,
            node_cap: int = 200, as_of: str | None = None) -> dict[str, Any]:
        """The nodes within ``depth`` hops of ``center`` (direction ignored), capped by relevance.

        Only relations of ``types`` and nodes of ``labels`` (all when empty; the centre always)
        are followed. The ``node_cap`` most relevant nodes (:mod:`graph.read.strength`) are kept;
        the others are counted in ``stubs``: per kept node short of ``depth``, its neighbours left out
        (:func:`graph.read.egos.stubs`). With ``as_of``
        (``YYYY-MM-DD``) the walk, the cap and the stubs see only relations undated or dated by
        then (:meth:`as_of_view`), and :func:`cypher.as_of.ego_as_of` flags the edges among the
        kept nodes and counts the later ones.
        """
        budget = Budget(self.timeout_ms)
        p = self.projection
        mask = p.label_mask(labels) if labels else None
        walked = p if as_of is None else self.as_of_view(as_of)
        ranked = vectorised.ranked_ego(walked, self._node(center), depth, node_cap, types=frozenset(types),
                                       enter=mask)
        kept = [p.ids[v] for v in ranked.kept]
        if self.nodes is not None:
            records = {p.ids[v]: record for v in ranked.kept if (record := self.nodes.of(v)) is not None}
        else:
            records = fetch_nodes(self.store, kept, self.names.labels, timeout_ms=budget.left_ms())
        edges = []
        if len(kept) > 1 and self.properties is not None:
            edges = self._ego_edges(ranked.kept, frozenset(types))
        elif len(kept) > 1:
            rows = _run(self.store, budget, "ego_edges", {"ids": kept, "types": list(types)}).rows
            for source, target, rel in rows:
                properties = _qualifiers(rel) | {"citations": _citations(rel, self.sources)}
                edges.append({"id": rel.get("key"), "source": source, "target": target, "type": rel["type"],
                              "properties": properties})
        edges.sort(key=lambda e: (e["type"], e["source"], e["target"], e["id"] or ""))
        nodes = [records[p.ids[v]] | {"hop": ranked.hops[v], "relevance": round(ranked.relevance[v], 6),
                                      "degree": p.degree(v)}
                 for v in ranked.kept if p.ids[v] in records]
        stubs = [{"id": STUB_PREFIX + p.ids[v], "parent": p.ids[v], "count": count, "hop": ranked.hops[v] + 1,
                  "name": f"{self.names.display.get(p.ids[v], p.ids[v])} +{count}"}
                 for v, count in sorted(ranked.stubs.items(), key=lambda item: (-item[1], item[0]))]
        network = {"center": center, "depth": depth, "nodes": nodes, "edges": edges,
                   "truncated": ranked.truncated, "node_cap": node_cap, "stubs": stubs,
                   "total_nodes": ranked.total, "labels": list(labels)}
        return network if as_of is None else ego_as_of(network, as_of)

    def as_of_view(self, as_of: str) -> Projection:
        """The projection without the relationships dated after ``as_of`` (the views last used kept).

        Dates come from the side table of qualifiers (scanned once); a reader without one walks the
        whole projection, and :func:`cypher.as_of.ego_as_of` then drops the later relations alone.
        """
        if self.properties is None:
            return self.projection
        with self._as_of_lock:
            view = self._as_of.pop(as_of, None)  # re-inserted below: the oldest used goes first
            if view is None:
                if self._dates is None:
                    self._dates = self.properties.dates()
                view = self.projection.without((self._dates != "") & (self._dates > as_of))
                if len(self._as_of) >= AS_OF_VIEWS:
                    self._as_of.pop(next(iter(self._as_of)))
            self._as_of[as_of] = view
            return view

    def _ego_edges(self, kept: list[int], types: frozenset[str]) -> list[dict[str, Any]]:
        """The relationships among ``kept``, of ``types`` (all when empty), from the projection."""
        p = self.projection
        assert self.properties is not None
        nodes = np.array(kept, dtype=np.int64)
        is_kept = np.zeros(len(p.ids), dtype=bool)
        is_kept[nodes] = True
        starts = p.indptr[nodes]
        lengths = p.indptr[nodes + 1] - starts
        slots = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        edges = np.unique(p.edge[slots[is_kept[p.other[slots]]]])
        if types:
            edges = edges[np.isin(p.etype[edges], [TYPE_NAMES.index(t) for t in types if t in TYPE_NAMES])]
        out = []
        cited: dict[str, dict[str, Any]] = {}  # a citation's record, made once per answer
        for record, raw, a, b, t in zip(self.properties.many(edges), p.keys[edges].tolist(),
                                        p.src[edges].tolist(), p.dst[edges].tolist(), p.etype[edges].tolist(),
                                        strict=True):
            key = raw.decode("ascii")
            citations = [cited[c] if c in cited else cited.setdefault(c, citation_record(c, self.sources))
                         for c in record["citations"]]
            out.append({"id": key or None, "source": p.ids[a], "target": p.ids[b], "type": TYPE_NAMES[t],
                        "properties": record["qualifiers"] | {"citations": citations}})
        return out

    def paths(self, source: str, *, target: str | None = None, target_label: str | None = None,
              max_hops: int = 4, k: int = 10, exclude_labels: Sequence[str] = (),
              exclude_types: Sequence[str] = ()) -> dict[str, Any]:
        """Ranked shortest paths, direction ignored, to ``target`` or the best to each ``target_label`` node.

        Each node path comes once; its hops merge every relation between their two nodes, with
        direction, qualifiers and citations. Paths are ranked fewer hops first, then by relevance
        (:mod:`graph.read.strength`); the first ``k`` are returned and ``truncated`` says whether
        there were more. ``exclude_labels`` are never passed through (a given target may have
        one); relations of ``exclude_types`` are never followed.

        Raises:
            ParameterError: naming the parameter at fault.
        """
        if (target is None) == (target_label is None):
            raise ParameterError("target", "give exactly one of target and target_label")
        if not 1 <= max_hops <= MAX_PATH_HOPS:
            raise ParameterError("max_hops", f"must be between 1 and {MAX_PATH_HOPS}")
        if k < 1:
            raise ParameterError("k", "must be at least 1")
        if target_label is not None:
            check_label(target_label, "label")
            if target_label in exclude_labels:
                raise ParameterError("exclude_labels", f"excludes the target label {target_label!r}")
        for label in exclude_labels:
            check_label(label, "exclude_labels")
        for rel_type in exclude_types:
            if rel_type not in relation_types_by_name():
                raise ParameterError("exclude_types", f"unknown relation type {rel_type!r}")
        out: dict[str, Any] = {"source": source, "target": target, "target_label": target_label,
                               "k": k, "max_hops": max_hops, "exclude_labels": list(exclude_labels),
                               "exclude_types": list(exclude_types)}
        if target == source:
            return out | {"paths": [{"hops": 0, "nodes": [self._path_node(source)], "edges": [],
                                     "score": 1.0}], "truncated": False}
        p = self.projection
        start = self._node(source)
        followed = frozenset(relation_types_by_name()) - set(exclude_types) if exclude_types else frozenset()
        barred = p.label_mask(exclude_labels) if exclude_labels else None
        if target is not None:
            found = vectorised.shortest_levels(p, start, max_hops, types=followed, barred=barred,
                                               target=self._node(target))
            ranked, truncated = ranked_paths(found, [self._node(target)], p.degree, k)
        else:
            targets = p.label_mask([str(target_label)])
            ranked, truncated = vectorised.paths_to_targets(p, start, max_hops, k, targets=targets,
                                                            types=followed, barred=barred)
        return out | {"paths": self._path_records(ranked), "truncated": truncated}

    def _path_node(self, entity_id: str) -> dict[str, Any]:
        return {"id": entity_id, "name": self.names.display.get(entity_id),
                "label": self.names.labels.get(entity_id)}

    def _path_records(self, paths: list[NodePath]) -> list[dict[str, Any]]:
        p = self.projection
        budget = Budget(self.timeout_ms)
        details: dict[str, dict[str, Any]] = {}
        hops = {tuple(sorted((a, b), key=lambda v: (p.degree(v), v)))
                for path in paths for a, b in zip(path.nodes, path.nodes[1:], strict=False)}
        if self.properties is not None:
            hops = set()
        for a, b in sorted(hops):  # one anchored read per hop, from its end with fewer relationships
            rows = _run(self.store, budget, "relations_between", {"source": p.ids[a], "target": p.ids[b]},
                        labels=self.names.labels).rows
            details.update((str(rel.get("key")), rel) for (rel,) in rows)
        out = []
        for path in paths:
            edges = []
            for i, steps in enumerate(path.hops):
                relations = []
                ordered = sorted(steps, key=lambda s: (-type_weight(s.type), s.type, p.key_of(s.key)))
                for step in ordered:
                    key = p.key_of(step.key)
                    direction = ("both" if step.type in SYMMETRIC else
                                 "forward" if step.outgoing else "backward")
                    if self.properties is not None:
                        record = self.properties.of(step.key)
                        qualifiers = record["qualifiers"]
                        citations = [citation_record(c, self.sources) for c in record["citations"]]
                    else:
                        rel = details.get(key, {})
                        qualifiers, citations = _qualifiers(rel), _citations(rel, self.sources)
                    relations.append({"type": step.type, "key": key, "direction": direction,
                                      "qualifiers": qualifiers, "citations": citations})
                a, b = p.ids[path.nodes[i]], p.ids[path.nodes[i + 1]]
                first = relations[0]
                # The hop's edge keeps the stored direction of its first relation (合作's too).
                source, target = (a, b) if ordered[0].outgoing else (b, a)
                edges.append({"source": source, "target": target, "type": first["type"],
                              "types": list(dict.fromkeys(r["type"] for r in relations)),
                              "directed": first["direction"] != "both", "relations": relations})
            out.append({"hops": len(edges), "nodes": [self._path_node(p.ids[v]) for v in path.nodes],
                        "edges": edges, "score": round(path.score, 6)})
        return out
