"""One contract suite for every store backend: embedded LadybugDB, and Neo4j when configured."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.errors import QueryRejected, QueryTimeout
from graph.model import KnowledgeGraph
from graph.stores.base import GraphStore
from graph.stores.embedded import build_database, open_store

WRITES = [
    "CREATE (:Company {id: 'intruder', name: '入侵者'})",
    "MERGE (:Company {id: 'intruder', name: '入侵者'})",
    "MATCH (n:Company) SET n.name = 'x'",
    "MATCH (n:Company) DELETE n",
    "MATCH (n:Company) DETACH DELETE n",
]


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest, graph: KnowledgeGraph,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    path = tmp_path_factory.mktemp("db") / "ecokg.lbug"
    build_database(graph, path)
    opened: GraphStore = open_store(path)
    yield opened
    opened.close()


def export_counts(graph_dir: Path | None, tmp_path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Counts per label and type as `ecokg export --format json` reports them."""
    out = tmp_path / "export.json"
    args = ["export", "--format", "json", "--out", str(out)]
    result = CliRunner().invoke(app, args + (["--data", str(graph_dir)] if graph_dir else []))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    for node in data["nodes"]:
        labels[node["label"]] = labels.get(node["label"], 0) + 1
    for rel in data["relationships"]:
        types[rel["type"]] = types.get(rel["type"], 0) + 1
    return labels, types


def test_counts_equal_the_json_export(store: GraphStore, tmp_path: Path) -> None:
    labels, types = export_counts(None, tmp_path)
    counts = store.counts()
    assert {k: v for k, v in counts.nodes.items() if v} == labels
    assert {k: v for k, v in counts.relationships.items() if v} == types


def test_query_binds_parameters_and_returns_columns(store: GraphStore) -> None:
    result = store.query("MATCH (c:Company) WHERE c.id = $id RETURN c.id AS id, c.name AS name",
                         {"id": "ubtech"})
    assert result.columns == ["id", "name"]
    assert result.rows == [["ubtech", "优必选"]]
    assert not result.truncated
    assert result.query_ms > 0


def test_row_cap_marks_truncation(store: GraphStore, graph: KnowledgeGraph) -> None:
    result = store.query("MATCH (n:Company) RETURN n.id AS id", max_rows=3)
    assert len(result.rows) == 3 and result.truncated
    full = store.query("MATCH (n:Company) RETURN n.id AS id", max_rows=10_000)
    assert not full.truncated
    assert sorted(r[0] for r in full.rows) == sorted(n.id for n in graph.nodes_of("Company"))


def test_nodes_come_back_as_plain_data(store: GraphStore) -> None:
    (row,) = store.query("MATCH (c:Company {id: 'ubtech'}) RETURN c").rows
    node = row[0]
    assert node["label"] == "Company" and node["id"] == "ubtech" and "優必選" in node["aliases"]


def test_time_limit_stops_a_pathological_query(store: GraphStore) -> None:
    with pytest.raises(QueryTimeout):
        # a five-way cartesian product: ~10^11 rows on the curated graph
        store.query("MATCH (a), (b), (c), (d), (e) WHERE a.name + b.name + c.name + d.name + e.name = 'x' "
                    "RETURN count(*)", timeout_ms=300)


@pytest.mark.parametrize("statement", WRITES)
def test_writes_are_refused_and_nothing_changes(store: GraphStore, statement: str) -> None:
    before = store.counts()
    with pytest.raises(QueryRejected):
        store.query(statement)
    assert store.counts() == before
