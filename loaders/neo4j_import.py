"""The CSV files ``neo4j-admin database import full`` reads: one per label and one per relation type.

Each file has a typed header (``id:ID``, ``aliases:string[]``, ``:LABEL``; ``:START_ID``,
``:END_ID``, ``:TYPE``), one ID space (ids are unique across labels) and ``|`` as the array
delimiter. The nodes and relationships carry exactly the properties ``ecokg load --target neo4j``
writes, so an imported database answers every query as a loaded one does; run
``neo4j-admin database import full --array-delimiter='|' --nodes=… --relationships=…`` (or
``tools/neo4j/import``) with the file lists :func:`write_neo4j_import` returns.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from graph.model import KnowledgeGraph
from graph.ontology import LABELS, RELATION_TYPES, PropertyType
from graph.stores.frames import node_degrees
from graph.stores.schema import RELATIONSHIP_COLUMNS, node_columns

ARRAY_DELIMITER = "|"
_TYPES: dict[PropertyType, str] = {
    "string": "string", "string[]": "string[]", "int": "long", "float": "double", "bool": "boolean",
    "date": "string", "amount": "double", "currency": "string",
}


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        if any(ARRAY_DELIMITER in str(v) for v in value):
            raise ValueError(f"an array value holds {ARRAY_DELIMITER!r}: {value!r}")
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def write_neo4j_import(graph: KnowledgeGraph, out: Path) -> tuple[list[Path], list[Path]]:
    """Write the node and relationship CSV files into the directory ``out``; return both lists.

    Raises:
        ValueError: a list value holds the array delimiter (it could not be read back).
    """
    out.mkdir(parents=True, exist_ok=True)
    degree, neighbours = node_degrees(graph)
    position = {node_id: i for i, node_id in enumerate(graph.nodes)}
    node_files: list[Path] = []
    for label in LABELS:
        nodes = list(graph.nodes_of(label.name))
        if not nodes:
            continue
        columns = [(name, kind) for name, kind in node_columns(label.name) if name != "id"]
        path = out / f"nodes-{label.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["id:ID", *(f"{name}:{_TYPES[kind]}" for name, kind in columns), ":LABEL"])
            for node in nodes:
                values = {"name": node.name, "aliases": list(node.aliases), **node.properties,
                          "degree": degree[position[node.id]], "neighbours": neighbours[position[node.id]]}
                writer.writerow([node.id, *(_value(values.get(name)) for name, _ in columns), label.name])
        node_files.append(path)
    rel_files: list[Path] = []
    for rel_type in RELATION_TYPES:
        rels = [r for r in graph.relationships if r.type == rel_type.name]
        if not rels:
            continue
        columns = [(q.name, q.type) for q in rel_type.qualifiers] + list(RELATIONSHIP_COLUMNS)
        path = out / f"relationships-{rel_type.ascii_name}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{n}:{_TYPES[k]}" for n, k in columns)])
            for rel in rels:
                props = rel.properties()
                writer.writerow([rel.source, rel.target, rel.type,
                                 *(_value(props.get(n)) for n, _ in columns)])
        rel_files.append(path)
    return node_files, rel_files
