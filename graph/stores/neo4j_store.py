"""The Neo4j store, through the official ``neo4j`` driver (py2neo is end-of-life).

Loads MERGE nodes then relationships in batched ``UNWIND $rows`` statements inside managed write
transactions, then delete what the graph no longer holds, so loading twice changes nothing.
Reads run in read transactions with a server-side time limit.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from typing import Any

from graph.errors import QueryRejected, QueryTimeout, StoreError
from graph.model import KnowledgeGraph
from graph.ontology import LABELS, RELATION_TYPES
from graph.stores.base import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_MS,
    Counts,
    Dialect,
    LoadReport,
    Progress,
    QueryResult,
)
from graph.stores.schema import neo4j_constraints, quote

DEFAULT_BATCH_SIZE = 5_000


def merge_nodes_statement(label: str) -> str:
    """Upsert a batch of nodes of one label; ``SET n = row.props`` makes the node exactly the row."""
    return (f"UNWIND $rows AS row MERGE (n:{quote(label)} {{id: row.id}}) "
            "SET n = row.props")


def merge_relationships_statement(rel_type: str, from_label: str, to_label: str) -> str:
    """Upsert a batch of relationships of one type between two labels, keyed by ``key``."""
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{quote(from_label)} {{id: row.source}}) "
            f"MATCH (b:{quote(to_label)} {{id: row.target}}) "
            f"MERGE (a)-[r:{quote(rel_type)} {{key: row.key}}]->(b) "
            "SET r = row.props")


def prune_nodes_statement(label: str) -> str:
    """Delete the nodes of a label that the loaded graph does not hold."""
    return f"MATCH (n:{quote(label)}) WHERE NOT n.id IN $ids DETACH DELETE n"


def prune_relationships_statement(rel_type: str) -> str:
    """Delete the relationships of a type that the loaded graph does not hold."""
    return f"MATCH ()-[r:{quote(rel_type)}]->() WHERE NOT r.key IN $keys DELETE r"


def count_nodes_statement(label: str) -> str:
    """Count the nodes of one label."""
    return f"MATCH (n:{quote(label)}) RETURN count(n) AS n"


def count_relationships_statement(rel_type: str) -> str:
    """Count the relationships of one type."""
    return f"MATCH ()-[r:{quote(rel_type)}]->() RETURN count(r) AS n"


def loader_statements() -> Iterator[tuple[str, str]]:
    """(name, text) of every statement the Neo4j loader can send — for the offline linter."""
    for i, text in enumerate(neo4j_constraints()):
        yield f"constraint-{i}", text
    for label in LABELS:
        yield f"merge-nodes-{label.name}", merge_nodes_statement(label.name)
        yield f"prune-nodes-{label.name}", prune_nodes_statement(label.name)
        yield f"count-nodes-{label.name}", count_nodes_statement(label.name)
    for rel in RELATION_TYPES:
        for a, b in sorted(set(rel.pairs)):
            yield f"merge-{rel.ascii_name}-{a}-{b}", merge_relationships_statement(rel.name, a, b)
        yield f"prune-{rel.ascii_name}", prune_relationships_statement(rel.name)
        yield f"count-{rel.ascii_name}", count_relationships_statement(rel.name)


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
    def from_env(cls, batch_size: int = DEFAULT_BATCH_SIZE) -> Neo4jStore:
        """Connect with ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``."""
        import neo4j

        uri = os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("NEO4J_URI is not set")
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        try:
            driver.verify_connectivity()
        except Exception as exc:  # the driver raises several unrelated classes here
            driver.close()
            raise StoreError(f"cannot reach Neo4j at {uri}: {exc}") from None
        return cls(driver, os.environ.get("NEO4J_DATABASE") or None, batch_size)

    def _write(self, text: str, **params: Any) -> None:
        def work(tx: Any) -> None:
            tx.run(text, **params).consume()

        with self._driver.session(database=self._database) as session:
            session.execute_write(work)

    def load(self, graph: KnowledgeGraph, progress: Progress | None = None) -> LoadReport:
        """Upsert ``graph`` in batches, then delete nodes and relationships it no longer holds."""
        started = time.perf_counter()
        with self._driver.session(database=self._database) as session:
            for statement in neo4j_constraints():
                session.run(statement).consume()
        for label in LABELS:
            rows = [{"id": n.id, "props": {"id": n.id, "name": n.name, "aliases": list(n.aliases),
                                           **n.properties}}
                    for n in graph.nodes_of(label.name)]
            for batch in _batches(rows, self.batch_size):
                self._write(merge_nodes_statement(label.name), rows=batch)
                if progress:
                    progress(f"nodes {label.name}", len(batch))
            self._write(prune_nodes_statement(label.name), ids=[r["id"] for r in rows])
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for rel in graph.relationships:
            key = (rel.type, graph.nodes[rel.source].label, graph.nodes[rel.target].label)
            groups.setdefault(key, []).append(
                {"source": rel.source, "target": rel.target, "key": rel.key, "props": rel.properties()})
        for (rel_type, a, b), rows in sorted(groups.items()):
            for batch in _batches(rows, self.batch_size):
                self._write(merge_relationships_statement(rel_type, a, b), rows=batch)
                if progress:
                    progress(f"relationships {rel_type}", len(batch))
        for declared in RELATION_TYPES:
            keys = [r.key for r in graph.relationships if r.type == declared.name]
            self._write(prune_relationships_statement(declared.name), keys=keys)
        return LoadReport(self.counts(), time.perf_counter() - started)

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
        """Run one statement in a read transaction (writes are refused by the server)."""
        import neo4j
        from neo4j.exceptions import ClientError

        started = time.perf_counter()

        @neo4j.unit_of_work(timeout=max(timeout_ms, 1) / 1000)
        def work(tx: Any) -> QueryResult:
            result = tx.run(text, dict(params or {}))
            columns = list(result.keys())
            rows: list[list[Any]] = []
            truncated = False
            for record in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append([plain(v) for v in record.values()])
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
        def one(text: str) -> int:
            return int(self.query(text).rows[0][0])

        return Counts({label.name: one(count_nodes_statement(label.name)) for label in LABELS},
                      {rel.name: one(count_relationships_statement(rel.name)) for rel in RELATION_TYPES})

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
