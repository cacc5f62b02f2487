"""Against a real Neo4j server (NEO4J_URI …): loading, the canned queries row for row, refusals, limits."""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.cli import app
from cypher.names import NameIndex
from cypher.neo4j_lint import neo4j_statements
from cypher.registry import load_queries
from cypher.runner import run_canned
from graph.errors import QueryRejected, QueryTimeout
from graph.model import KnowledgeGraph
from graph.settings import Settings
from graph.statements.readonly import classify
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j_store import Neo4jStore

QUERIES = load_queries()


@pytest.fixture(scope="module")
def names(neo4j_store: Neo4jStore) -> NameIndex:
    return NameIndex.from_store(neo4j_store)


@pytest.fixture(scope="module")
def embedded_names(embedded_store: EmbeddedStore) -> NameIndex:
    return NameIndex.from_store(embedded_store)


def dump(store: Neo4jStore) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with all their properties, sorted."""
    nodes = store.query("MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS props "
                        "ORDER BY props.id", max_rows=10**9).rows
    rels = store.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r) AS props "
                       "ORDER BY props.key", max_rows=10**9).rows
    return nodes, rels


def neo4j_env(settings: Settings) -> dict[str, str]:
    return {"NEO4J_URI": settings.neo4j_uri or "", "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value()}


def test_ecokg_load_twice_matches_the_export_and_changes_nothing(
        neo4j_store: Neo4jStore, neo4j_settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    env = neo4j_env(neo4j_settings)
    first = runner.invoke(app, ["load", "--target", "neo4j", "--batch-size", "50"], env=env)
    assert first.exit_code == 0, first.output
    before = dump(neo4j_store)
    second = runner.invoke(app, ["load", "--target", "neo4j"], env=env)
    assert second.exit_code == 0, second.output
    assert dump(neo4j_store) == before
    out = tmp_path / "g.json"
    assert runner.invoke(app, ["export", "--format", "json", "--out", str(out)]).exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    for node in data["nodes"]:
        labels[node["label"]] = labels.get(node["label"], 0) + 1
    for rel in data["relationships"]:
        types[rel["type"]] = types.get(rel["type"], 0) + 1
    counts = neo4j_store.counts()
    assert {k: v for k, v in counts.nodes.items() if v} == labels
    assert {k: v for k, v in counts.relationships.items() if v} == types


def _cases() -> list[tuple[str, str]]:
    cases = []
    for name, query in sorted(QUERIES.items()):
        cases.append((name, "defaults"))
        if any(p.example is not None for p in query.params):
            cases.append((name, "examples"))
    return cases


@pytest.mark.parametrize(("name", "given"), _cases())
def test_every_canned_query_gives_the_same_rows_on_both_stores(
        neo4j_store: Neo4jStore, embedded_store: EmbeddedStore, names: NameIndex,
        embedded_names: NameIndex, name: str, given: str) -> None:
    query = QUERIES[name]
    params = {p.name: p.example for p in query.params if p.example is not None} if given == "examples" else {}
    on_neo4j = run_canned(neo4j_store, query, params, names, max_rows=100_000)
    on_embedded = run_canned(embedded_store, query, params, embedded_names, max_rows=100_000)
    assert on_neo4j.columns == on_embedded.columns
    assert on_neo4j.rows == on_embedded.rows  # the same rows, in the same order
    assert on_neo4j.rows, f"{name} ({given}) returned no rows"


def test_every_statement_as_sent_is_accepted_by_the_server(neo4j_store: Neo4jStore) -> None:
    """EXPLAIN (plans, never runs) each statement the project sends, for every loader input."""
    statements = neo4j_statements(every_input=True)
    failures = {}
    with neo4j_store._driver.session(database=neo4j_store._database) as session:  # noqa: SLF001
        for stmt in statements:
            try:
                session.run("EXPLAIN " + stmt.text, {p: None for p in stmt.parameters}).consume()
            except Exception as exc:  # noqa: BLE001 - collected and reported below
                failures[stmt.name] = str(exc)[:200]
    assert failures == {}
    assert len(statements) > 500


@pytest.mark.parametrize("statement", [
    "CREATE (:Company {id: 'intruder', name: '入侵者'})",
    "MATCH (n:Company {id: 'ubtech'}) SET n.name = 'x'",
    "MATCH (n:Company) DETACH DELETE n",
    "MERGE (:Company {id: 'intruder'})",
    "MATCH (n:Company {id: 'ubtech'}) REMOVE n.sector",
])
def test_read_transactions_refuse_writes_past_the_gate(neo4j_store: Neo4jStore, statement: str) -> None:
    """Straight to the server, past the read-only gate: the read transaction refuses the write."""
    before = neo4j_store.counts()
    with pytest.raises(QueryRejected):
        neo4j_store.query(statement)
    assert neo4j_store.counts() == before


@pytest.mark.parametrize("statement", [
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line",
    "CALL dbms.listConfig()", "CALL dbms.killQueries(['query-1'])", "CALL apoc.load.json('file:///etc/passwd')",
    "CALL db.clearQueryCaches()", "SHOW DATABASES", "CREATE USER x SET PASSWORD 'y'",
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+b'",
])
def test_the_gate_refuses_on_the_neo4j_dialect(statement: str) -> None:
    with pytest.raises(QueryRejected):
        classify(statement, "neo4j")


def test_a_file_url_is_refused_by_the_server_itself(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(Exception, match="allow_csv_import_from_file_urls|ExternalResource"):
        neo4j_store.query("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line")


def test_the_catalogue_procedures_run(neo4j_store: Neo4jStore) -> None:
    for text in ("CALL db.labels() YIELD label RETURN label", "CALL db.relationshipTypes()"):
        assert neo4j_store.query(classify(text, "neo4j").text).rows


def test_the_time_limit_stops_a_long_query(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(QueryTimeout):
        neo4j_store.query("UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*)",
                          timeout_ms=500)
    assert neo4j_store.query("RETURN 1 AS one").rows == [[1]]


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A loopback TCP listener that records every connection it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            seen.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(timeout=2)
    server.close()


@pytest.mark.skipif(os.environ.get("ECOKG_NEO4J_CONFINED") != "1",
                    reason="the Neo4j server was not started under graph.confine.launch "
                           "(.ci/run starts it so; set ECOKG_NEO4J_CONFINED=1 when it is)")
def test_a_confined_server_cannot_reach_out_even_past_the_gate(neo4j_store: Neo4jStore,
                                                              listener: tuple[int, list[bytes]]) -> None:
    """Neo4j Community cannot switch off LOAD CSV from URLs; Landlock under the JVM does."""
    port, seen = listener
    with pytest.raises(Exception):  # noqa: B017 - the driver's error class varies
        neo4j_store.query(f"LOAD CSV FROM 'http://127.0.0.1:{port}/x.csv' AS line RETURN line")
    assert seen == []


def test_the_bulk_import_layout_makes_the_same_database(neo4j_store: Neo4jStore, neo4j_settings: Settings,
                                                         graph: KnowledgeGraph, tmp_path: Path) -> None:
    """`ecokg export --format neo4j-import`, imported by neo4j-admin (tools/neo4j/import) into a fresh
    database that a second server serves, holds exactly what `ecokg load --target neo4j` writes."""
    import signal
    import subprocess

    from loaders.neo4j_import import ARRAY_DELIMITER, write_neo4j_import
    from tests.serving import free_port

    repo = Path(__file__).resolve().parents[2]
    nodes, rels = write_neo4j_import(graph, tmp_path / "csv")
    subprocess.run([str(repo / "tools/neo4j/import"), str(tmp_path / "db"), "--", "neo4j",
                    f"--array-delimiter={ARRAY_DELIMITER}", *(f"--nodes={p}" for p in nodes),
                    *(f"--relationships={p}" for p in rels)], check=True, capture_output=True, timeout=600)
    port = free_port()
    env = {**os.environ, "NEO4J_PORT": str(port),
           "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value()}
    server = subprocess.Popen([str(repo / "tools/neo4j/start"), str(tmp_path / "db")], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        assert any(line.startswith("ready") for line in server.stdout), "the second server did not start"
        imported = Neo4jStore.connect(f"bolt://127.0.0.1:{port}", neo4j_settings.neo4j_user,
                                      neo4j_settings.neo4j_password.get_secret_value())
        try:
            neo4j_store.load(graph)
            assert dump(imported) == dump(neo4j_store)
        finally:
            imported.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
