"""cypher.guard: what an ad-hoc statement may not do, in both dialects."""

from __future__ import annotations

import pytest

from cypher.guard import CATALOG_CALLS, keywords_in, refusal, refused_calls
from graph.stores.embedded import EmbeddedStore

READS = [
    "MATCH (n:Company) RETURN n.name",
    "MATCH (n) WHERE n.name = 'CREATE (x)' RETURN n  // DELETE everything",
    "MATCH (n) /* SET n.x = 1 */ RETURN n.set, n.load, n.`create`",
    "RETURN {set: 1, load: 2, delete: 3} AS m",
    "MATCH (n) RETURN n.name AS `COPY`",
    "MATCH (a)-[r:合作]-(b) RETURN a.name, b.name, r.note",
    "UNWIND [1, 2] AS createdAt RETURN createdAt",
    "CALL show_tables() RETURN *",
    "CALL table_info('Company') RETURN *",
    "call SHOW_TABLES() return *",
]


@pytest.mark.parametrize("text", READS)
def test_reads_pass(text: str) -> None:
    assert refusal(text, "ladybug") is None


@pytest.mark.parametrize(("text", "word"), [
    ("CREATE (n:Company {id: 'x'})", "CREATE"), ("match (n) detach delete n", "DETACH"),
    ("MATCH (n) SET n.x = 1", "SET"), ("MERGE (n:A {id: 1})", "MERGE"), ("MATCH (n) REMOVE n.x", "REMOVE"),
    ("DROP TABLE Company", "DROP"), ("ALTER TABLE Company ADD x STRING", "ALTER"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "FOREACH"),
])
def test_writes_are_named(text: str, word: str) -> None:
    assert word in keywords_in(text)
    reason = refusal(text, "ladybug")
    assert reason is not None and "read-only" in reason and word in reason


@pytest.mark.parametrize("text", [
    "COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", "LOAD FROM '/etc/passwd' RETURN *",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "INSTALL json", "LOAD EXTENSION json",
    "ATTACH 'x.lbug' AS x (dbtype lbug)", "USE x", "EXPORT DATABASE '/tmp/x'", "IMPORT DATABASE '/tmp/x'",
    "CHECKPOINT", "BEGIN TRANSACTION", "COMMIT", "ROLLBACK",
])
def test_server_statements_are_refused(text: str) -> None:
    reason = refusal(text, "ladybug")
    assert reason is not None and "server" in reason


@pytest.mark.parametrize("text", [
    "CALL threads = 1", "CALL timeout=1000000", "CALL read_csv_serial('/etc/hostname') RETURN *",
    "CALL read_parquet('/x.parquet') RETURN *", "CALL file_info() RETURN *",
    "CALL project_graph('g', ['Company'], ['合作']) RETURN *", "MATCH (n) CALL disk_info() RETURN *",
    "CALL clear_warnings()", "CALL",
])
def test_calls_outside_the_catalog_are_refused(text: str) -> None:
    reason = refusal(text, "ladybug")
    assert reason is not None and "CALL may only name a catalog function" in reason


def test_neo4j_subqueries_and_catalog_procedures_pass_others_not() -> None:
    assert refusal("CALL { MATCH (n) RETURN n } RETURN n", "neo4j") is None
    assert refusal("CALL db.labels() YIELD label RETURN label", "neo4j") is None
    assert refused_calls("CALL apoc.load.json('file:///etc/passwd')", "neo4j") == ["CALL apoc.load.json"]
    assert refusal("CALL dbms.killQueries(['q'])", "neo4j") is not None
    assert refusal("CALL { CREATE (n) }", "neo4j") is not None


def test_every_table_function_of_the_engine_is_allowed_or_refused_on_purpose(
        embedded_store: EmbeddedStore) -> None:
    """A new LadybugDB table function is refused until someone adds it to CATALOG_CALLS."""
    rows = embedded_store.query("CALL show_functions() RETURN name, type", max_rows=10_000).rows
    table_functions = {name.lower() for name, kind in rows if "TABLE FUNCTION" in kind}
    assert CATALOG_CALLS["ladybug"] <= table_functions, "every allowed name exists in the engine"
    for name in sorted(table_functions - CATALOG_CALLS["ladybug"]):
        assert refused_calls(f"CALL {name}() RETURN *", "ladybug"), name
