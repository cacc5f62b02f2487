"""The store protocol every graph backend implements, and the values it returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from graph.model import KnowledgeGraph
from graph.ontology import LABELS, RELATION_TYPES
from graph.stores.schema import quote

DEFAULT_TIMEOUT_MS = 5_000
DEFAULT_MAX_ROWS = 1_000
DEFAULT_MAX_BYTES = 16 * 2**20
"""About how much data one result may hold before it is truncated."""

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
    """About how many bytes ``value`` takes as JSON (iterative: nesting cannot exhaust the stack)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 2
        elif isinstance(item, dict):
            total += 2
            for key, inner in item.items():
                total += len(str(key)) + 4
                stack.append(inner)
        elif isinstance(item, list | tuple):
            total += 2 + len(item)
            stack.extend(item)
        elif isinstance(item, bytes):
            total += 2 * len(item)
        else:
            total += 8
    return total


def count_statements() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(label, statement) and (type, statement) pairs that count nodes and relationships."""
    return ([(lb.name, f"MATCH (n:{quote(lb.name)}) RETURN count(n)") for lb in LABELS],
            [(rt.name, f"MATCH ()-[r:{quote(rt.name)}]->() RETURN count(r)") for rt in RELATION_TYPES])


def count_all(rows: Callable[[str], list[list[Any]]]) -> Counts:
    """Counts through ``rows(statement)``, for a LadybugDB file (a missing table counts 0)."""
    tables = {row[0] for row in rows("CALL show_tables() RETURN name")}
    nodes, rels = count_statements()
    return Counts({name: int(rows(text)[0][0]) if name in tables else 0 for name, text in nodes},
                  {name: int(rows(text)[0][0]) if name in tables else 0 for name, text in rels})
