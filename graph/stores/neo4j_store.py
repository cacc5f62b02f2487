"""The Neo4j store, through the official ``neo4j`` driver (py2neo is end-of-life).

Loads MERGE nodes then relationships in batched ``UNWIND $rows`` statements inside managed write
transactions, then delete what the graph no longer holds, so loading twice changes nothing.
Reads run in read transactions with a server-side time limit.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from typing import Any

from graph.errors import QueryRejected, QueryTimeout, StoreError
from graph.model import KnowledgeGraph
from graph.ontology import LABELS, RELATION_TYPES
from graph.statements.catalogue import statement
from graph.stores.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_MS,
    Counts,
    Dialect,
    LoadReport,
    Progress,
    QueryResult,
    approx_size,
    count_all,
)
from graph.stores.frames import node_degrees
from graph.stores.schema import neo4j_constraints

DEFAULT_BATCH_SIZE = 5_000


def _bound(name: str, **inputs: str) -> str:
    return statement(name).bind("neo4j", inputs=inputs)


def loader_statements() -> Iterator[tuple[str, str]]:
    """(name, text) of every statement the Neo4j loader can send — for the offline linter."""
    for i, text in enumerate(neo4j_constraints()):
        yield f"constraint-{i}", text
    for label in LABELS:
        yield f"merge-nodes-{label.name}", _bound("merge_nodes", label=label.name)
        yield f"prune-nodes-{label.name}", _bound("prune_nodes", label=label.name)
        yield f"count-nodes-{label.name}", _bound("count_nodes", label=label.name)
    for rel in RELATION_TYPES:
        for a, b in sorted(set(rel.pairs)):
            yield (f"merge-{rel.ascii_name}-{a}-{b}",
                   _bound("merge_relationships", type=rel.name, **{"from": a, "to": b}))
        yield f"prune-{rel.ascii_name}", _bound("prune_relationships", type=rel.name)
        yield f"count-{rel.ascii_name}", _bound("count_relationships", type=rel.name)


def stored(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as Neo4j keeps them: no empty lists and no nulls (an absent property reads as
    null), which is also all the bulk importer's CSV can say."""
    return {k: v for k, v in props.items() if v is not None and v != []}


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore:
    """A Neo4j database behind the store protocol; receives a ``neo4j.Driver``."""

    name = "neo4j"
    dialect: Dialect = "neo4j"

    def __init__(self, driver: Any, database: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self._driver = driver
        self._database = database
        self.batch_size = batch_size

    @classmethod
    def connect(cls, uri: str | None, user: str, password: str, database: str | None = None, *,
                batch_size: int = DEFAULT_BATCH_SIZE) -> Neo4jStore:
        """Connect to the server at ``uri`` (the caller reads NEO4J_* through the settings).

        Raises:
            StoreError: naming what is missing, or why the server cannot be reached.
        """
        import neo4j

        if not uri:
            raise StoreError("NEO4J_URI is not set: point it at a Neo4j server "
                             "(tools/neo4j/start DIR or docker compose up starts one)")
        # Statements are checked when written (lint, EXPLAIN in the tests); at run time a warning
        # such as "property key does not exist" on a sparse graph is only log noise per request.
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password),
                                            notifications_min_severity="OFF")
        try:
            driver.verify_connectivity()
        except Exception as exc:  # the driver raises several unrelated classes here
            driver.close()
            raise StoreError(f"cannot reach Neo4j at {uri}: {exc}") from None
        return cls(driver, database or None, batch_size)

    def _write(self, text: str, **params: Any) -> list[list[Any]]:
        def work(tx: Any) -> list[list[Any]]:
            return [list(record.values()) for record in tx.run(text, **params)]

        from neo4j.exceptions import Neo4jError

        try:
            with self._driver.session(database=self._database) as session:
                rows: list[list[Any]] = session.execute_write(work)
        except Neo4jError as exc:
            raise StoreError(f"Neo4j refused a load statement: {exc.message or exc}") from None
        return rows

    def _prune(self, text: str, **params: Any) -> None:
        """Delete in batches (one transaction each) until nothing is left to delete."""
        while self._write(text, batch=self.batch_size, **params)[0][0]:
            pass

    def load(self, graph: KnowledgeGraph, progress: Progress | None = None) -> LoadReport:
        """Upsert ``graph`` in batches, then delete nodes and relationships it no longer holds."""
        started = time.perf_counter()
        with self._driver.session(database=self._database) as session:
            for statement in neo4j_constraints():
                session.run(statement).consume()
        degree, neighbours = node_degrees(graph)
        position = {node_id: i for i, node_id in enumerate(graph.nodes)}
        for label in LABELS:
            rows = [{"id": n.id, "props": stored({"id": n.id, "name": n.name, "aliases": list(n.aliases),
                                                  **n.properties, "degree": degree[position[n.id]],
                                                  "neighbours": neighbours[position[n.id]]})}
                    for n in graph.nodes_of(label.name)]
            for batch in _batches(rows, self.batch_size):
                self._write(_bound("merge_nodes", label=label.name), rows=batch)
                if progress:
                    progress(f"nodes {label.name}", len(batch))
            self._prune(_bound("prune_nodes", label=label.name), ids=[r["id"] for r in rows])
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for rel in graph.relationships:
            key = (rel.type, graph.nodes[rel.source].label, graph.nodes[rel.target].label)
            groups.setdefault(key, []).append(
                {"source": rel.source, "target": rel.target, "key": rel.key,
                 "props": stored(rel.properties())})
        for (rel_type, a, b), rows in sorted(groups.items()):
            merge = _bound("merge_relationships", type=rel_type, **{"from": a, "to": b})
            for batch in _batches(rows, self.batch_size):
                self._write(merge, rows=batch)
                if progress:
                    progress(f"relationships {rel_type}", len(batch))
        for declared in RELATION_TYPES:
            keys = [r.key for r in graph.relationships if r.type == declared.name]
            self._prune(_bound("prune_relationships", type=declared.name), keys=keys)
        return LoadReport(self.counts(), time.perf_counter() - started)

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS,
              max_bytes: int = DEFAULT_MAX_BYTES) -> QueryResult:
        """Run one statement in a read transaction (writes are refused by the server).

        Rows stop at ``max_rows`` or once they hold about ``max_bytes``; ``truncated`` says so.
        """
        import neo4j
        from neo4j.exceptions import ClientError

        started = time.perf_counter()

        @neo4j.unit_of_work(timeout=max(timeout_ms, 1) / 1000)
        def work(tx: Any) -> QueryResult:
            result = tx.run(text, dict(params or {}))
            columns = list(result.keys())
            rows: list[list[Any]] = []
            truncated = False
            size = 0
            for record in result:
                row = [plain(v) for v in record.values()]
                size += approx_size(row)
                if len(rows) >= max_rows or size > max_bytes:
                    truncated = True
                    break
                rows.append(row)
            return QueryResult(columns, rows, truncated)

        try:
            with self._driver.session(database=self._database,
                                      default_access_mode=neo4j.READ_ACCESS) as session:
                out: QueryResult = session.execute_read(work)
        except ClientError as exc:
            code = exc.code or ""
            if "TransactionTimedOut" in code or "Terminated" in code:
                raise QueryTimeout(f"query stopped at its time limit ({exc.message})") from None
            if "WriteOnReadOnlyAccess" in code or "AccessMode" in code or "ForbiddenOnReadOnly" in code:
                raise QueryRejected("the graph is read-only: writes are refused") from None
            raise StoreError(exc.message or str(exc)) from None
        out.query_ms = (time.perf_counter() - started) * 1000
        return out

    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""
        return count_all(lambda text: self.query(text).rows, self.dialect)

    def close(self) -> None:
        """Close the driver."""
        self._driver.close()


def plain(value: Any) -> Any:
    """Convert driver values (nodes, relationships, paths) into plain JSON-able data."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"label": next(iter(value.labels), None), **dict(value)}
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {"type": value.type, **dict(value), "source": start.get("id") if start else None,
                "target": end.get("id") if end else None}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
