"""Store schemas derived from the ontology: LadybugDB DDL, Neo4j constraints, column layouts."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from graph.ontology import (
    LABELS,
    RELATION_TYPES,
    PropertyType,
    RelationType,
    label_properties,
)

LADYBUG_TYPES: dict[PropertyType, str] = {
    "string": "STRING", "string[]": "STRING[]", "int": "INT64", "float": "DOUBLE",
    "bool": "BOOLEAN", "date": "STRING", "amount": "DOUBLE", "currency": "STRING",
}
"""Dates stay strings: curated dates may be partial (``2025-03``)."""

NODE_SYSTEM_COLUMNS: tuple[tuple[str, PropertyType], ...] = (("degree", "int"), ("neighbours", "int"))
"""Written by the embedded load for whole-graph rankings: relationships either way, distinct neighbours."""

RELATIONSHIP_COLUMNS: tuple[tuple[str, PropertyType], ...] = (
    ("key", "string"), ("citations", "string[]"), ("sources", "string[]"),
)


def quote(name: str) -> str:
    """Backtick-quote an identifier (relation types are Chinese)."""
    return "`" + name.replace("`", "``") + "`"


@cache
def node_columns(label: str) -> tuple[tuple[str, PropertyType], ...]:
    """(column, type) of a label's node table: every property of the label, id first, then the
    precomputed degree columns."""
    return tuple((p.name, p.type) for p in label_properties(label)) + NODE_SYSTEM_COLUMNS


@cache
def relationship_columns(rel_type: str) -> tuple[tuple[str, PropertyType], ...]:
    """(column, type) of a relation type's table: its qualifiers plus the system columns."""
    rel = next(r for r in RELATION_TYPES if r.name == rel_type)
    return tuple((q.name, q.type) for q in rel.qualifiers) + RELATIONSHIP_COLUMNS


def _table_pairs(rel: RelationType) -> list[tuple[str, str]]:
    pairs = list(rel.pairs)
    if rel.symmetric:
        pairs += [(b, a) for a, b in rel.pairs if (b, a) not in rel.pairs]
    return pairs


def table_pairs(rel_type: str) -> list[tuple[str, str]]:
    """FROM/TO pairs of a relation table (both directions for symmetric types)."""
    return _table_pairs(next(r for r in RELATION_TYPES if r.name == rel_type))


def ladybug_ddl() -> Iterator[str]:
    """CREATE statements: a node table per label, a rel table per type with all its pairs."""
    for label in LABELS:
        cols = ", ".join(f"{quote(name)} {LADYBUG_TYPES[kind]}" for name, kind in node_columns(label.name))
        yield f"CREATE NODE TABLE {quote(label.name)}({cols}, PRIMARY KEY (id))"
    for rel in RELATION_TYPES:
        pairs = ", ".join(f"FROM {quote(a)} TO {quote(b)}" for a, b in _table_pairs(rel))
        cols = ", ".join(f"{quote(name)} {LADYBUG_TYPES[kind]}"
                         for name, kind in relationship_columns(rel.name))
        yield f"CREATE REL TABLE {quote(rel.name)}({pairs}, {cols})"


def neo4j_constraints() -> Iterator[str]:
    """A uniqueness constraint on ``id`` per label, and an index on relationship keys."""
    for label in LABELS:
        yield (f"CREATE CONSTRAINT {label.name.lower()}_id IF NOT EXISTS "
               f"FOR (n:{label.name}) REQUIRE n.id IS UNIQUE")
    for rel in RELATION_TYPES:
        yield (f"CREATE INDEX rel_{rel.ascii_name}_key IF NOT EXISTS "
               f"FOR ()-[r:{quote(rel.name)}]-() ON (r.key)")
