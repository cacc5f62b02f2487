"""Columnar (Arrow) frames of a graph, laid out as the store tables derived from the ontology."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from graph.model import KnowledgeGraph, Node, Relationship
from graph.ontology import LABELS, PropertyType
from graph.stores.schema import node_columns, relationship_columns

ARROW_TYPES: dict[PropertyType, pa.DataType] = {
    "string": pa.string(), "string[]": pa.list_(pa.string()), "int": pa.int64(),
    "float": pa.float64(), "bool": pa.bool_(), "date": pa.string(), "amount": pa.float64(),
    "currency": pa.string(),
}


@dataclass(frozen=True)
class RelationshipFrame:
    """The relationships of one type between one pair of labels."""

    rel_type: str
    from_label: str
    to_label: str
    table: pa.Table


def _schema(prefix: list[tuple[str, pa.DataType]],
            columns: tuple[tuple[str, PropertyType], ...]) -> pa.Schema:
    return pa.schema(prefix + [(name, ARROW_TYPES[kind]) for name, kind in columns])


def _column(values: list[Any], kind: PropertyType) -> pa.Array:
    return pa.array(values, type=ARROW_TYPES[kind])


def _endpoints(graph: KnowledgeGraph) -> tuple[pa.Array, pa.Array]:
    """Positions (in ``graph.nodes`` order) of every relationship's source and target."""
    node_ids = pa.array(list(graph.nodes), type=pa.string())
    sources = pa.array([r.source for r in graph.relationships], type=pa.string())
    targets = pa.array([r.target for r in graph.relationships], type=pa.string())
    return pc.index_in(sources, value_set=node_ids), pc.index_in(targets, value_set=node_ids)


def _per_node(values: pa.Array, n: int) -> list[int]:
    counted = pc.value_counts(values)
    out = [0] * n
    for position, count in zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist(),
                               strict=True):
        out[position] = count
    return out


def node_degrees(graph: KnowledgeGraph) -> tuple[list[int], list[int]]:
    """Per node (in ``graph.nodes`` order): relationships in either direction (a self-loop counts
    twice, as in networkx) and distinct neighbours — what ``MATCH (n)-[r]-(m)`` counts as
    ``count(r)`` and ``count(DISTINCT m)``. Counted in Arrow on endpoint positions.
    """
    n = len(graph.nodes)
    if not graph.relationships:
        return [0] * n, [0] * n
    src, dst = (a.cast(pa.int64()) for a in _endpoints(graph))
    degree = _per_node(pa.chunked_array([src, dst]), n)
    low, high = pc.min_element_wise(src, dst), pc.max_element_wise(src, dst)
    pairs = pc.unique(pc.add(pc.multiply(low, n), high))
    low, high = pc.divide(pairs, n), pc.subtract(pairs, pc.multiply(pc.divide(pairs, n), n))
    loops = pc.equal(low, high)
    others = pc.invert(loops)
    neighbours = _per_node(pa.chunked_array([low.filter(others), high.filter(others), low.filter(loops)]), n)
    return degree, neighbours


def node_frames(graph: KnowledgeGraph) -> Iterator[tuple[str, pa.Table]]:
    """One Arrow table per label that has nodes, columns as in :func:`node_columns`.

    Built column by column (one list per column, converted by Arrow in C), not row by row.
    """
    degree, neighbours = node_degrees(graph)
    by_label: dict[str, list[Node]] = defaultdict(list)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(graph.nodes.values()):
        by_label[node.label].append(node)
        positions[node.label].append(i)
    for label in LABELS:
        nodes = by_label.get(label.name)
        if not nodes:
            continue
        at = positions[label.name]
        columns = node_columns(label.name)
        arrays = []
        for name, kind in columns:
            if name == "id":
                values: list[Any] = [n.id for n in nodes]
            elif name == "name":
                values = [n.name for n in nodes]
            elif name == "aliases":
                values = [n.aliases for n in nodes]
            elif name == "degree":
                values = [degree[i] for i in at]
            elif name == "neighbours":
                values = [neighbours[i] for i in at]
            else:
                values = [n.properties.get(name) for n in nodes]
            arrays.append(_column(values, kind))
        yield label.name, pa.Table.from_arrays(arrays, schema=_schema([], columns))


def _citation_columns(rels: list[Relationship]) -> tuple[pa.Array, pa.Array]:
    """``citations`` ("source:start-end" lists) and ``sources`` (sorted distinct) columns."""
    cited = [r.citations for r in rels]
    if all(len(c) == 1 for c in cited):
        firsts = [c[0] for c in cited]
        sources = pa.array([c.source for c in firsts], type=pa.string())
        text = pc.binary_join_element_wise(
            sources, pc.cast(pa.array([c.start for c in firsts], type=pa.int64()), pa.string()),
            pc.cast(pa.array([c.end for c in firsts], type=pa.int64()), pa.string()), ":")
        # "source:start:end" → "source:start-end": replace the last separator only.
        text = pc.replace_substring_regex(text, pattern=":([0-9]+)$", replacement="-\\1")
        offsets = pa.array(range(len(rels) + 1), type=pa.int32())
        return (pa.ListArray.from_arrays(offsets, text),
                pa.ListArray.from_arrays(offsets, sources))
    return (pa.array([[str(c) for c in cs] for cs in cited], type=pa.list_(pa.string())),
            pa.array([sorted({c.source for c in cs}) for cs in cited], type=pa.list_(pa.string())))


def relationship_frames(graph: KnowledgeGraph) -> Iterator[RelationshipFrame]:
    """One Arrow table per (type, source label, target label) with ``from``/``to`` id columns.

    Columns are built once per relation type; rows are then split by endpoint labels in Arrow
    (a stable sort on the label pair, then slices), so each group keeps the graph's order.
    """
    by_type: dict[str, list[Relationship]] = defaultdict(list)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for i, rel in enumerate(graph.relationships):
        by_type[rel.type].append(rel)
        rows_of[rel.type].append(i)
    if not by_type:
        return
    label_names = [label.name for label in LABELS]
    code = {name: i for i, name in enumerate(label_names)}
    width = len(label_names)
    node_codes = pa.array([code[n.label] for n in graph.nodes.values()], type=pa.int32())
    src, dst = _endpoints(graph)
    pairs = pc.add(pc.multiply(node_codes.take(src), width), node_codes.take(dst))
    for rel_type in sorted(by_type):
        rels = by_type[rel_type]
        columns = relationship_columns(rel_type)
        sources = pa.array([r.source for r in rels], type=pa.string())
        targets = pa.array([r.target for r in rels], type=pa.string())
        arrays = [sources, targets]
        citations, cited_sources = _citation_columns(rels)
        for name, kind in columns:
            if name == "key":
                arrays.append(pa.array([r.key for r in rels], type=pa.string()))
            elif name == "citations":
                arrays.append(citations)
            elif name == "sources":
                arrays.append(cited_sources)
            else:
                arrays.append(_column([r.qualifiers.get(name) for r in rels], kind))
        schema = _schema([("from", pa.string()), ("to", pa.string())], columns)
        table = pa.Table.from_arrays(arrays, schema=schema)
        pair = pairs.take(pa.array(rows_of[rel_type], type=pa.int64()))
        order = pc.sort_indices(pair)  # stable: rows keep their order within a pair
        table = table.take(order)
        pair = pair.take(order)
        counts = pc.value_counts(pair)
        # Groups in (source label, target label) name order, as the store expects nothing else.
        starts: dict[int, tuple[int, int]] = {}
        offset = 0
        for item in sorted(counts.to_pylist(), key=lambda c: c["values"]):
            starts[item["values"]] = (offset, item["counts"])
            offset += item["counts"]
        for p in sorted(starts, key=lambda v: (label_names[v // width], label_names[v % width])):
            first, n = starts[p]
            yield RelationshipFrame(rel_type, label_names[p // width], label_names[p % width],
                                    table.slice(first, n).combine_chunks())
