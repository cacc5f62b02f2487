"""Columnar (Arrow) frames of a graph, laid out as the store tables derived from the ontology."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from graph.model import KnowledgeGraph, Relationship
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


def node_frames(graph: KnowledgeGraph) -> Iterator[tuple[str, pa.Table]]:
    """One Arrow table per label that has nodes, columns as in :func:`node_columns`."""
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in graph.nodes.values():
        row: dict[str, Any] = dict(node.properties)
        row.update(id=node.id, name=node.name, aliases=list(node.aliases))
        by_label[node.label].append(row)
    for label in LABELS:
        rows = by_label.get(label.name)
        if rows:
            columns = node_columns(label.name)
            yield label.name, pa.Table.from_pylist(rows, schema=_schema([], columns))


def relationship_frames(graph: KnowledgeGraph) -> Iterator[RelationshipFrame]:
    """One Arrow table per (type, source label, target label) with ``from``/``to`` id columns."""
    groups: dict[tuple[str, str, str], list[Relationship]] = defaultdict(list)
    labels = {node_id: node.label for node_id, node in graph.nodes.items()}
    for rel in graph.relationships:
        groups[(rel.type, labels[rel.source], labels[rel.target])].append(rel)
    for (rel_type, a, b), rels in sorted(groups.items()):
        columns = relationship_columns(rel_type)
        data: dict[str, list[Any]] = {"from": [r.source for r in rels], "to": [r.target for r in rels]}
        for name, _ in columns:
            if name == "key":
                data[name] = [r.key for r in rels]
            elif name == "citations":
                data[name] = [[str(c) for c in r.citations] for r in rels]
            elif name == "sources":
                data[name] = [[r.citations[0].source] if len(r.citations) == 1
                              else sorted({c.source for c in r.citations}) for r in rels]
            else:
                data[name] = [r.qualifiers.get(name) for r in rels]
        schema = _schema([("from", pa.string()), ("to", pa.string())], columns)
        yield RelationshipFrame(rel_type, a, b, pa.Table.from_pydict(data, schema=schema))
