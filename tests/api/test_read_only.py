"""Nothing writes through a read path: ad-hoc Cypher, canned-query parameters and ``ecokg query``.

Writes are refused by the database itself (the server opens LadybugDB read-only): the store
tests below send them straight to the engine, past ``cypher.guard``. The guard adds what a
read-only engine would still run — files, extensions, settings, transactions.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.errors import QueryRejected
from graph.stores.embedded import EmbeddedStore

INTRUDER = "CREATE (:Company {id: 'intruder', name: '入侵者'})"
# Statements the read-only database refuses on its own.
ENGINE_REFUSED = {
    "create node": INTRUDER,
    "merge node": "MERGE (:Company {id: 'intruder', name: '入侵者'})",
    "set property": "MATCH (n:Company {id: 'ubtech'}) SET n.name = 'x'",
    "delete": "MATCH (n:Company) DELETE n",
    "detach delete": "MATCH (n:Company) DETACH DELETE n",
    "create relationship": "MATCH (a:Company {id: 'ubtech'}), (b:Company {id: 'huawei'}) "
                           "CREATE (a)-[:合作 {key: 'k'}]->(b)",
    "unwind create": "UNWIND range(1, 3) AS i CREATE (:Company {id: 'bot' + string(i), name: 'b'})",
    "drop table": "DROP TABLE Company",
    "alter table": "ALTER TABLE Company ADD intruder STRING",
    "create table": "CREATE NODE TABLE Intruder (id STRING, PRIMARY KEY (id))",
    "copy from": "COPY Region FROM '/etc/hostname'",
    "create macro": "CREATE MACRO intruder(x) AS x + 1",
    "create sequence": "CREATE SEQUENCE intruder",
    "two statements": "MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n",
    "read then write": "RETURN 1; " + INTRUDER,
}
# Statements a read-only engine would run, or that crash it: refused before they reach it.
GUARD_REFUSED = {
    "remove property": "MATCH (n:Company {id: 'ubtech'}) REMOVE n.sector",
    "obfuscated detach delete": "match (n:Company) /* hello */ DeTaCh\n  delete n",
    "copy to a file": "COPY (MATCH (n) RETURN n.id) TO '{tmp}/leak.csv'",
    "load from a file": "LOAD FROM '/etc/hostname' (file_format = 'csv', header = false) RETURN *",
    "load csv": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "setting": "CALL threads = 1",
    "graph projection": "CALL project_graph('g', ['Company'], ['合作']) RETURN *",
    "file-reading table function": "CALL read_csv_serial('/etc/hostname') RETURN *",
    "file-system table function": "CALL file_info() RETURN *",
    "writing procedure": "CALL create_fts_index('Company', 'names', ['name'])",
    "install extension": "INSTALL json",
    "load extension": "LOAD EXTENSION json",
    "attach database": "ATTACH '{tmp}/other.lbug' AS other (dbtype lbug)",
    "export database": "EXPORT DATABASE '{tmp}/export'",
    "import database": "IMPORT DATABASE '{tmp}/export'",
    "checkpoint": "CHECKPOINT",
    "begin transaction": "BEGIN TRANSACTION",
    "foreach": "MATCH (n:Company) FOREACH (x IN [1] | SET n.name = 'x')",
}


def live_counts(client: httpx.Client) -> tuple[int, int, str]:
    """Nodes, relationships and one name, read from the database now (not the start-up counts)."""
    nodes = client.post("/api/cypher", json={"query": "MATCH (n) RETURN count(n)"}).json()["rows"][0][0]
    rels = client.post("/api/cypher", json={"query": "MATCH ()-[r]->() RETURN count(r)"}).json()["rows"][0][0]
    name = client.post("/api/cypher", json={"query": "MATCH (n {id: 'ubtech'}) RETURN n.name"}).json()
    return nodes, rels, name["rows"][0][0]


@pytest.mark.parametrize("attempt", sorted(ENGINE_REFUSED) + sorted(GUARD_REFUSED))
def test_write_attempts_are_400_and_change_nothing(client: httpx.Client, tmp_path: Path,
                                                   attempt: str) -> None:
    statement = {**ENGINE_REFUSED, **GUARD_REFUSED}[attempt].replace("{tmp}", str(tmp_path))
    before = live_counts(client)
    response = client.post("/api/cypher", json={"query": statement})
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert "refused" in detail or "read-only" in detail or "one statement" in detail, detail
    assert live_counts(client) == before
    assert list(tmp_path.iterdir()) == [], "nothing may be written on the server's disk"


def test_at_least_twenty_distinct_attempts() -> None:
    assert len(ENGINE_REFUSED) + len(GUARD_REFUSED) >= 20


@pytest.mark.parametrize("attempt", sorted(ENGINE_REFUSED))
def test_the_read_only_database_itself_refuses_writes(embedded_store: EmbeddedStore, attempt: str) -> None:
    """Past the guard, straight to the engine: the database opened read-only refuses."""
    before = embedded_store.counts()
    with pytest.raises(QueryRejected):
        embedded_store.query(ENGINE_REFUSED[attempt])
    assert embedded_store.counts() == before


HOSTILE_VALUES = ["x'}) DETACH DELETE n //", "'; MATCH (n) DETACH DELETE n; //", "$company",
                  "\") CREATE (:Company {id: 'intruder'}) //"]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_canned_query_parameters_are_data_not_code(client: httpx.Client, value: str) -> None:
    before = live_counts(client)
    response = client.get("/api/queries/company_rounds", params={"company": value})
    assert response.status_code == 404 and "no entity" in response.json()["detail"]["message"]
    response = client.get("/api/queries/most_connected", params={"label": value})
    assert response.status_code == 422 and "unknown label" in response.text
    assert live_counts(client) == before


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_cli_query_parameters_are_data_not_code(value: str, tmp_path_factory: pytest.TempPathFactory,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOKG_DATA_DIR", str(tmp_path_factory.getbasetemp() / "cli-read-only"))
    runner = CliRunner()

    def degrees() -> list[list[object]]:
        result = runner.invoke(app, ["query", "most_connected", "-f", "json", "-p", "limit=1000"])
        assert result.exit_code == 0, result.output
        rows: list[list[object]] = json.loads(result.stdout)["rows"]
        return rows

    before = degrees()
    result = runner.invoke(app, ["query", "company_rounds", "-p", f"company={value}"])
    assert result.exit_code == 2 and "no entity" in result.output
    assert degrees() == before
