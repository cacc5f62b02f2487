"""``ecokg synth``: a synthetic ecosystem that the normal loaders validate and load."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.model import KnowledgeGraph
from graph.ontology import LABELS, RELATION_TYPES, relation_types_by_name
from graph.stores.embedded import build_database, open_store
from loaders.curated import load_graph
from loaders.synth import SynthSummary, label_counts, write_synthetic

N_NODES = 2000


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary, KnowledgeGraph]:
    out = tmp_path_factory.mktemp("synth") / "data"
    summary = write_synthetic(out, N_NODES, seed=11)
    return out, summary, load_graph(out)


def test_synthetic_data_validates_with_the_expected_counts(synth) -> None:
    _, summary, graph = synth
    assert len(graph.nodes) == N_NODES == sum(summary.nodes.values())
    assert graph.label_counts() == summary.nodes == label_counts(N_NODES)
    assert graph.type_counts() == summary.relationships
    assert len(graph.relationships) == sum(summary.relationships.values())
    assert all(n > 0 for n in graph.label_counts().values())
    assert all(n > 0 for n in graph.type_counts().values()), "every relation type is present"
    assert graph.label_counts()["Company"] > graph.label_counts()["Person"] > graph.label_counts()["Region"]


def test_every_allowed_pair_kind_and_qualifiers_are_plausible(synth) -> None:
    _, _, graph = synth
    types = relation_types_by_name()
    for rel in graph.relationships:
        assert types[rel.type].allows(graph.nodes[rel.source].label, graph.nodes[rel.target].label)
        assert rel.source != rel.target
    qualifiers = Counter(k for r in graph.relationships for k in r.qualifiers)
    assert {"date", "role", "amount", "currency", "lead", "quantity"} <= set(qualifiers)
    assert qualifiers["amount"] == qualifiers["currency"]
    rounds = [r for r in graph.relationships if r.type == "融资"]
    assert len(rounds) == graph.label_counts()["FundingRound"]
    assert {r.target for r in rounds} == {n.id for n in graph.nodes_of("FundingRound")}


def test_degrees_are_heavy_tailed_with_hubs(synth) -> None:
    _, summary, graph = synth
    degree = Counter({node_id: 0 for node_id in graph.nodes})
    for rel in graph.relationships:
        degree[rel.source] += 1
        degree[rel.target] += 1
    values = sorted(degree.values())
    median = statistics.median(values)
    assert values[-1] == summary.max_degree and median == summary.median_degree
    assert values[-1] >= 20 * median, (values[-1], median)
    hubs = {graph.nodes[i].label for i, _ in degree.most_common(10)}
    assert hubs & {"Company", "Fund", "Government", "Region"}


def test_loads_into_a_real_embedded_database(synth, tmp_path: Path) -> None:
    _, summary, graph = synth
    path = tmp_path / "synth.lbug"
    build_database(graph, path)
    store = open_store(path)
    try:
        counts = store.counts()
        assert counts.nodes == summary.nodes
        assert counts.relationships == summary.relationships
    finally:
        store.close()


def test_same_seed_same_files_other_seed_other_files(synth, tmp_path: Path) -> None:
    first, _, _ = synth
    again = tmp_path / "again"
    other = tmp_path / "other"
    write_synthetic(again, N_NODES, seed=11)
    write_synthetic(other, N_NODES, seed=12)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(again) for p in again.rglob("*.yaml"))
    assert len(files) == 1 + len(LABELS) + 20
    assert all((first / f).read_bytes() == (again / f).read_bytes() for f in files)
    assert any((first / f).read_bytes() != (other / f).read_bytes() for f in files)


def test_cli_synth_then_validate(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    runner = CliRunner()
    made = runner.invoke(app, ["synth", "--nodes", "300", "--seed", "3", "--out", str(out)])
    assert made.exit_code == 0, made.output
    assert "degree: max" in made.output
    checked = runner.invoke(app, ["validate", "--data", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "valid" in checked.output
    refused = runner.invoke(app, ["synth", "--nodes", "300", "--out", str(out)])
    assert refused.exit_code == 2 and "already holds" in refused.output


def test_relation_types_cover_the_ontology() -> None:
    from loaders.synth import TYPE_SHARES

    assert set(TYPE_SHARES) | {"融资"} == {r.name for r in RELATION_TYPES}
