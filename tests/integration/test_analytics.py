"""networkx analytics on the curated graph, cross-checked against Cypher on the embedded store."""

from __future__ import annotations

import networkx as nx
import pytest
from typer.testing import CliRunner

from api.cli import app
from cypher.names import NameIndex
from cypher.registry import load_queries
from cypher.runner import run_canned
from graph import analytics
from graph.model import KnowledgeGraph
from graph.stores.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def g(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    return graph.to_networkx()


@pytest.mark.parametrize("label", [None, "Company", "Person"])
def test_degree_ranking_equals_the_most_connected_query(g: nx.MultiDiGraph, embedded_store: EmbeddedStore,
                                                        label: str | None) -> None:
    ranked = analytics.degree_ranking(g, label, limit=10)
    rows = run_canned(embedded_store, load_queries()["most_connected"], {"label": label or "", "limit": "10"},
                      NameIndex.from_store(embedded_store)).records()
    assert [(r.id, int(r.score)) for r in ranked] == [(r["id"], r["degree"]) for r in rows]


def test_betweenness_is_normalised_and_ranks_brokers_first(g: nx.MultiDiGraph) -> None:
    ranked = analytics.betweenness_ranking(g, limit=len(g))
    scores = [r.score for r in ranked]
    assert all(0.0 <= s <= 1.0 for s in scores) and scores == sorted(scores, reverse=True)
    assert ranked[0].score > 0


def test_communities_partition_the_graph_deterministically(g: nx.MultiDiGraph) -> None:
    found = analytics.communities(g)
    members = [m for c in found for m in c.members]
    assert sorted(members) == sorted(g.nodes) and len(members) == len(set(members))
    assert [c.members for c in analytics.communities(g)] == [c.members for c in found]
    assert all(c.hub in c.members for c in found)


def test_bridges_link_several_communities(g: nx.MultiDiGraph) -> None:
    found = analytics.communities(g)
    member_of = {m: c.index for c in found for m in c.members}
    simple = analytics.undirected(g)
    for bridge in analytics.bridges(g, found):
        others = {member_of[n] for n in simple[bridge.id]} - {member_of[bridge.id]}
        assert bridge.communities == len(others) + 1 >= 2
        assert bridge.cross_links == sum(1 for n in simple[bridge.id] if member_of[n] != member_of[bridge.id])


@pytest.mark.parametrize("analysis", ["degree", "betweenness", "communities", "bridges"])
def test_cli_analytics_prints_a_table(analysis: str) -> None:
    result = CliRunner().invoke(app, ["analytics", analysis, "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert analysis in result.output
