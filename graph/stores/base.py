"""The store protocol every graph backend implements, and the values it returns."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from graph.model import KnowledgeGraph
from graph.ontology import LABELS, RELATION_TYPES

DEFAULT_TIMEOUT_MS = 5_000
DEFAULT_MAX_ROWS = 1_000
DEFAULT_MAX_BYTES = 8 * 2**20
"""How much JSON one result may hold before it is truncated."""

Dialect = Literal["neo4j", "ladybug"]
"""The Cypher a store speaks: Neo4j's, or LadybugDB's (Kùzu's)."""

Progress = Callable[[str, int], None]
"""Called as ``progress(step_description, items_done)`` while a load runs."""


@dataclass
class QueryResult:
    """Rows of a read query, Datasette style: ``truncated`` when the row cap cut them."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    query_ms: float = 0.0

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class Counts:
    """Nodes per label and relationships per type, every ontology name present."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)


@dataclass
class LoadReport:
    """What a load wrote, and how long it took."""

    counts: Counts
    seconds: float


class QueryRunner(Protocol):
    """Runs read statements in one dialect: a store, or the confined workers that run them for one."""

    @property
    def dialect(self) -> Dialect:
        """The Cypher this runner speaks."""
        ...

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS,
              max_bytes: int = DEFAULT_MAX_BYTES) -> QueryResult:
        """Run one read-only Cypher statement with bound parameters, a time limit and row and size caps."""
        ...

    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""
        ...

    def close(self) -> None:
        """Release connections and processes."""
        ...


class GraphStore(QueryRunner, Protocol):
    """A graph backend: load the graph, run read queries, count, close."""

    def load(self, graph: KnowledgeGraph, progress: Progress | None = None) -> LoadReport:
        """Write ``graph`` into the store so that it holds exactly this graph."""
        ...


def approx_size(value: Any) -> int:
    """How many bytes ``value`` takes in a JSON answer, escapes and UTF-8 included (iterative:
    nesting cannot exhaust the stack)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(json.dumps(item, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        elif isinstance(item, dict):
            total += 2
            for key, inner in item.items():
                total += len(json.dumps(str(key), ensure_ascii=False).encode("utf-8", "surrogatepass")) + 2
                stack.append(inner)
        elif isinstance(item, list | tuple):
            total += 2 + len(item)
            stack.extend(item)
        elif isinstance(item, bytes):
            total += 2 * len(item)
        else:
            total += 8
    return total


def count_all(rows: Callable[[str], list[list[Any]]], dialect: Dialect) -> Counts:
    """Counts through ``rows(statement)`` with the catalogue's count statements (a label or type
    with no table in a LadybugDB file counts 0)."""
    from graph.statements.catalogue import statement

    tables = ({row[0] for row in rows(statement("table_names").bind(dialect))}
              if dialect == "ladybug" else None)
    nodes = {lb.name: int(rows(statement("count_nodes").bind(dialect, inputs={"label": lb.name}))[0][0])
             if tables is None or lb.name in tables else 0 for lb in LABELS}
    rels = {rt.name: int(rows(statement("count_relationships").bind(dialect, inputs={"type": rt.name}))[0][0])
            if tables is None or rt.name in tables else 0 for rt in RELATION_TYPES}
    return Counts(nodes, rels)
