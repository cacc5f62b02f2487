"""Every Cypher statement sent to Neo4j passes Neo4j's own parser and semantic analysis, offline."""

from __future__ import annotations

import pytest

from cypher.neo4j_lint import Statement, lint, neo4j_statements


@pytest.fixture(scope="module")
def report() -> dict:
    return lint(neo4j_statements())


def test_every_neo4j_statement_has_zero_diagnostics(report: dict) -> None:
    failures = {r["name"]: r["diagnostics"] for r in report["results"] if r["diagnostics"]}
    assert not failures
    assert report["total"] == len(neo4j_statements()) > 100


def test_statements_cover_loader_and_every_canned_query() -> None:
    names = {s.name for s in neo4j_statements()}
    assert any(n.startswith("loader:merge-nodes-") for n in names)
    assert any(n.startswith("loader:constraint-") for n in names)
    assert "query:company_centres:0" in names and "query:centre_leaders:0" in names
    assert any(n.startswith("service:entity_relations:") for n in names)


def test_lint_catches_a_misspelt_label_and_an_unknown_function() -> None:
    result = lint([
        Statement("misspelt", "MATCH (c:Compnay) RETURN c.name", ()),
        Statement("unknown-fn", "MATCH (c:Company) RETURN nosuchfn(c.name)", ()),
        Statement("undeclared-param", "MATCH (c:Company {id: $nope}) RETURN c.name", ()),
        Statement("clean", "MATCH (c:Company)-[r:牵头]->(i:InnovationCenter) RETURN c.name, type(r)", ()),
    ])
    by_name = {r["name"]: r for r in result["results"]}
    assert any("Compnay" in d["message"] for d in by_name["misspelt"]["diagnostics"])
    assert any("nosuchfn" in d["message"] for d in by_name["unknown-fn"]["diagnostics"])
    assert any("$nope" in d["message"] for d in by_name["undeclared-param"]["diagnostics"])
    assert by_name["clean"]["ok"] and not by_name["clean"]["diagnostics"]
    assert result["failing"] == 3
