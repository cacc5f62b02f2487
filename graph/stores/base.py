"""The store protocol every graph backend implements, and the values it returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph.model import KnowledgeGraph

DEFAULT_TIMEOUT_MS = 5_000
DEFAULT_MAX_ROWS = 1_000

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
    """Runs read statements: a store, or the sandbox that runs ad-hoc statements for one."""

    name: str

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
        """Run one read-only Cypher statement with bound parameters, a time limit and a row cap."""
        ...

    def close(self) -> None:
        """Release connections and processes."""
        ...


class GraphStore(QueryRunner, Protocol):
    """A graph backend: load the graph, run read queries, count, close."""

    def load(self, graph: KnowledgeGraph, progress: Progress | None = None) -> LoadReport:
        """Write ``graph`` into the store so that it holds exactly this graph."""
        ...

    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""
        ...
