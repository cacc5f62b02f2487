"""Exports: every format written and read back with the same node and relationship counts."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.namespace import RDF
from typer.testing import CliRunner

from api.cli import app
from graph.model import KnowledgeGraph
from graph.ontology import LABELS
from graph.vocabulary import ECO, class_iri
from loaders.curated import load_graph
from loaders.writers import EXPORT_FORMATS, export
from tests.unit.test_validation import make_data


@pytest.fixture()
def small(tmp_path: Path) -> KnowledgeGraph:
    return load_graph(make_data(tmp_path))


def read_back(fmt: str, path: Path) -> tuple[int, int]:
    """Node and relationship counts of an exported file, parsed by an independent reader."""
    if fmt == "neo4j-import":  # a directory of CSV files, one record per line after the header
        import csv

        def rows(pattern: str) -> int:
            return sum(len(list(csv.reader(f.open(encoding="utf-8")))) - 1 for f in path.glob(pattern))
        return rows("nodes-*.csv"), rows("relationships-*.csv")
    if fmt == "json":
        data = json.loads(path.read_text("utf-8"))
        return len(data["nodes"]), len(data["relationships"])
    if fmt == "jsonl":
        kinds = [json.loads(line)["kind"] for line in path.read_text("utf-8").splitlines()]
        return kinds.count("node"), kinds.count("relationship")
    if fmt == "graphml":
        g = nx.read_graphml(path, force_multigraph=True)
        return g.number_of_nodes(), g.number_of_edges()
    rdf = Graph().parse(path, format="turtle")
    nodes = {s for label in LABELS for s in rdf.subjects(RDF.type, class_iri(label.name))}
    return len(nodes), len(set(rdf.subjects(RDF.type, ECO.Relationship)))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_round_trip_counts(small: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    export(small, fmt, out)
    assert read_back(fmt, out) == (len(small.nodes), len(small.relationships)) == (4, 4)


def test_json_shape(small: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    export(small, "json", out)
    data = json.loads(out.read_text("utf-8"))
    node = next(n for n in data["nodes"] if n["id"] == "acme")
    assert node == {"id": "acme", "label": "Company", "name": "阿克米机器人", "aliases": ["阿克米"],
                    "properties": {"sources": ["art1"]}}
    invest = next(r for r in data["relationships"] if r["type"] == "投资")
    assert invest["source"] == "acme" and invest["target"] == "beta-angel-2025"
    assert invest["properties"]["lead"] is True
    assert invest["properties"]["citations"] == ["art1:20-30"]


def test_turtle_labels_carry_language_tags(small: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    export(small, "ttl", out)
    text = out.read_text("utf-8")
    assert '"阿克米机器人"@zh-Hans' in text
    assert "eco:leads" in text
    rdf = Graph().parse(out, format="turtle")
    assert len(set(rdf.subjects(RDF.subject, None))) == len(small.relationships)


def test_cli_export_and_bad_data_message(tmp_path: Path) -> None:
    runner = CliRunner()
    data = make_data(tmp_path)
    out = tmp_path / "cli.json"
    result = runner.invoke(app, ["export", "--format", "json", "--out", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text("utf-8"))["nodes"]) == 4
    (data / "relations" / "art1.yaml").write_text("- {type: 收购, from: acme, to: beta, span: [1, 2]}\n",
                                                 encoding="utf-8")
    bad = runner.invoke(app, ["export", "--format", "json", "--out", str(tmp_path / "x.json"),
                              "--data", str(data)])
    assert bad.exit_code == 2
    assert "relations/art1.yaml:1" in bad.output and "收购" in bad.output
    assert not (tmp_path / "x.json").exists()
