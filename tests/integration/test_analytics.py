"""Analytics on the curated graph: networkx against Cypher, and the igraph backend against networkx."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from typer.testing import CliRunner

from api.cli import app
from cypher.names import NameIndex
from cypher.registry import load_queries
from cypher.runner import run_canned
from graph import analytics
from graph.analytics import Analytics, AnalyticsError, FastGraph
from graph.analytics.served import ServedAnalytics
from graph.analytics.standing import read_standing, standing_path
from graph.model import KnowledgeGraph
from graph.stores.embedded import EmbeddedStore, build_database


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


@pytest.fixture(scope="module")
def fast(graph: KnowledgeGraph) -> Analytics:
    return Analytics(FastGraph.from_knowledge_graph(graph))


def _synthetic(n: int = 600, seed: int = 3) -> tuple[nx.Graph, FastGraph]:
    """A hub-heavy random graph with parallel edges, self-loops and isolated nodes."""
    g = nx.barabasi_albert_graph(n - 20, 2, seed=seed)
    g.add_nodes_from(range(n - 20, n))
    rng = np.random.default_rng(seed)
    extra = rng.integers(0, n - 20, (40, 2))
    src = np.concatenate((np.array([u for u, _ in g.edges()]), extra[:, 0], [5, 5]))
    dst = np.concatenate((np.array([v for _, v in g.edges()]), extra[:, 1], [5, 7]))
    simple = nx.Graph()
    simple.add_nodes_from(range(n))
    simple.add_edges_from((int(u), int(v)) for u, v in zip(src, dst, strict=True) if u != v)
    return simple, FastGraph.from_arrays(n, src, dst, [f"n{i:04d}" for i in range(n)])


def _by_id(fg: FastGraph, values: np.ndarray) -> dict[str, float]:
    return {fg.ids[i]: float(values[i]) for i in range(fg.n)}


def test_fast_degree_equals_networkx(g: nx.MultiDiGraph, fast: Analytics) -> None:
    assert _by_id(fast.graph, fast.graph.degree) == {n: float(d) for n, d in g.degree()}
    ranked = analytics.degree_ranking(g, "Company", limit=10)
    rows = fast.run("degree", "Company", 10).rows
    assert [(r["id"], r["score"]) for r in rows] == [(r.id, int(r.score)) for r in ranked]


def test_fast_pagerank_equals_networkx(g: nx.MultiDiGraph, fast: Analytics) -> None:
    expected = nx.pagerank(analytics.undirected(g), tol=1e-10, max_iter=1000)
    got = _by_id(fast.graph, fast.pagerank())
    assert got == pytest.approx(expected, abs=1e-7)
    assert [r["id"] for r in fast.run("pagerank", top=5).rows] == \
        [r.id for r in analytics.pagerank_ranking(g, limit=5)]
    simple, fg = _synthetic()
    assert _by_id(fg, fg.pagerank()) == pytest.approx(
        {f"n{i:04d}": v for i, v in nx.pagerank(simple, tol=1e-10, max_iter=1000).items()}, abs=1e-7)


def test_fast_exact_betweenness_equals_networkx(g: nx.MultiDiGraph, fast: Analytics) -> None:
    found = fast.betweenness(None)
    assert found.sample is None
    expected = nx.betweenness_centrality(analytics.undirected(g), normalized=True)
    assert _by_id(fast.graph, found.scores) == pytest.approx(expected, abs=1e-12)
    ranked = analytics.betweenness_ranking(g, limit=10)
    assert [r["id"] for r in fast.run("betweenness", top=10).rows] == [r.id for r in ranked]
    simple, fg = _synthetic()
    assert _by_id(fg, fg.betweenness().scores) == pytest.approx(
        {f"n{i:04d}": v for i, v in nx.betweenness_centrality(simple).items()}, abs=1e-12)


def test_sampled_betweenness_estimates_the_exact_one() -> None:
    simple, fg = _synthetic(1500)
    exact = fg.betweenness().scores
    estimate = fg.betweenness(sample=300, seed=1)
    assert estimate.sample == 300
    assert np.array_equal(estimate.scores, fg.betweenness(sample=300, seed=1).scores)
    assert abs(estimate.scores.sum() - exact.sum()) / exact.sum() < 0.15
    assert len(set(np.argsort(-exact)[:10]) & set(np.argsort(-estimate.scores)[:10])) >= 7
    assert np.allclose(fg.betweenness(sample=fg.n).scores, exact)


def test_fast_communities_partition_deterministically_with_louvain_modularity(
        g: nx.MultiDiGraph, fast: Analytics) -> None:
    membership = fast.membership()
    assert membership.shape == (fast.graph.n,)
    assert np.array_equal(membership, fast.graph.communities())
    sizes = np.bincount(membership)
    assert list(sizes) == sorted(sizes, reverse=True)
    simple = analytics.undirected(g)
    louvain = nx.community.modularity(simple, nx.community.louvain_communities(simple, seed=42))
    ours = nx.community.modularity(simple, [set(np.asarray(fast.graph.ids)[membership == c])
                                            for c in range(sizes.size)])
    assert ours == pytest.approx(fast.graph.modularity(membership))
    assert ours >= louvain - 0.02
    bigger, fg = _synthetic(2000)
    louvain = nx.community.modularity(bigger, nx.community.louvain_communities(bigger, seed=42))
    assert fg.modularity(fg.communities()) >= louvain - 0.02


def test_fast_bridges_equal_networkx_for_the_same_communities(g: nx.MultiDiGraph, fast: Analytics) -> None:
    membership = fast.membership()
    ids = fast.graph.ids
    found = [analytics.Community(c, tuple(sorted(ids[i] for i in np.flatnonzero(membership == c))), "")
             for c in range(int(membership.max()) + 1)]
    expected = analytics.bridges(g, found, limit=len(g))
    rows = fast.run("bridges", top=len(g)).rows
    assert [(r["id"], r["communities"], r["cross_links"]) for r in rows] == \
        [(b.id, b.communities, b.cross_links) for b in expected]


def _cut_off(simple: nx.Graph, u: object, v: object) -> int:
    """Entities the removal of link u–v separates from the rest (the smaller side), by networkx."""
    cut = simple.copy()
    cut.remove_edge(u, v)
    side = len(nx.node_connected_component(cut, u))
    return min(side, len(nx.node_connected_component(simple, u)) - side)


def test_bridge_edges_equal_networkx(g: nx.MultiDiGraph, fast: Analytics) -> None:
    simple = analytics.undirected(g)
    expected = {frozenset(e): _cut_off(simple, *e) for e in nx.bridges(simple)}
    rows = fast.run("bridge_edges", top=len(g)).rows
    assert {frozenset((r["source_id"], r["target_id"])): r["cut_off"] for r in rows} == expected
    assert [r["cut_off"] for r in rows] == sorted((r["cut_off"] for r in rows), reverse=True)
    other, fg = _synthetic()
    pairs, cut = fg.bridge_edges()
    got = {frozenset((int(u), int(v))): int(c) for (u, v), c in zip(pairs, cut, strict=True)}
    assert got == {frozenset(e): _cut_off(other, *e) for e in nx.bridges(other)}


def test_run_filters_by_label_and_rejects_bad_parameters(fast: Analytics) -> None:
    rows = fast.run("pagerank", "Person", 5).rows
    assert len(rows) == 5 and {r["label"] for r in rows} == {"Person"}
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    communities = fast.run("communities", top=3).rows
    assert [c["community"] for c in communities] == [0, 1, 2] and communities[0]["hub_name"] in \
        communities[0]["members"]
    for kwargs, param in (({"measure": "closeness"}, "measure"), ({"measure": "degree", "top": 0}, "top"),
                          ({"measure": "betweenness", "sample": 0}, "sample")):
        with pytest.raises(AnalyticsError) as caught:
            fast.run(**kwargs)  # type: ignore[arg-type]
        assert caught.value.param == param


def test_csr_gives_the_graph_of_its_edges() -> None:
    simple, fg = _synthetic(300)
    order = np.lexsort((fg.edges[:, 1], fg.edges[:, 0]))
    src, dst = fg.edges[order, 0], fg.edges[order, 1]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(src, minlength=fg.n))))
    csr = FastGraph.from_csr(indptr, dst, fg.ids)
    assert np.array_equal(csr.edges, fg.edges)
    assert np.allclose(csr.pagerank(), fg.pagerank())


def test_arrays_must_name_nodes_in_range() -> None:
    with pytest.raises(ValueError, match="node indices"):
        FastGraph.from_arrays(2, [0], [2], ["a", "b"])
    with pytest.raises(ValueError, match="one length"):
        FastGraph.from_arrays(2, [0, 1], [1], ["a", "b"])


def test_build_writes_the_standing_beside_the_database(graph: KnowledgeGraph, fast: Analytics,
                                                       tmp_path: Path) -> None:
    db = tmp_path / "ecokg.lbug"
    build_database(graph, db)
    standing = read_standing(db, len(graph.nodes))
    assert standing is not None and read_standing(db, len(graph.nodes) + 1) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([db.name, standing_path(db).name])
    best = fast.run("pagerank", top=1).rows[0]["id"]
    top = standing.of(best)
    assert top is not None and top["pagerank_rank"] == 1 and top["of"] == len(graph.nodes)
    assert top["community_top"][0]["id"] == best
    ranks = sorted(v[0] for v in standing.entities.values())
    assert ranks == list(range(1, len(graph.nodes) + 1))
    assert json.loads(standing_path(db).read_text(encoding="utf-8"))["nodes"] == len(graph.nodes)


def test_served_standing_is_computed_when_no_file_was_written(graph: KnowledgeGraph, tmp_path: Path) -> None:
    served = ServedAnalytics()
    reads: list[int] = []

    def read() -> KnowledgeGraph:
        reads.append(1)
        return graph

    standing = served.standing(tmp_path / "absent.lbug", len(graph.nodes), read)
    assert standing is not None and standing.of("ubtech") is not None
    assert served.standing(tmp_path / "absent.lbug", len(graph.nodes), read) is standing
    assert served.analytics(read).run("degree", top=1).rows and reads == [1]


@pytest.mark.parametrize("analysis", ["degree", "pagerank", "betweenness", "communities", "bridges",
                                      "bridge_edges"])
def test_cli_analytics_prints_a_table(analysis: str) -> None:
    result = CliRunner().invoke(app, ["analytics", analysis, "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert analysis in result.output


def test_cli_analytics_json_and_csv(fast: Analytics) -> None:
    result = CliRunner().invoke(app, ["analytics", "pagerank", "--top", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == fast.run("pagerank", top=3).rows
    args = ["analytics", "betweenness", "--top", "2", "--sample", "50", "-f", "csv"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0 and result.output.splitlines()[0] == "rank,id,name,label,score"
    assert len(result.output.splitlines()) == 3


def test_cli_analytics_unknown_label_is_one_line_exit_2() -> None:
    result = CliRunner().invoke(app, ["analytics", "degree", "--label", "Compnay"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: --label 'Compnay'")


@pytest.mark.parametrize("args", [["degree", "--label", "Compnay"], ["degree", "--top", "0"],
                                  ["betweenness", "--sample", "0"]])
def test_cli_analytics_bad_parameters_exit_2_naming_them(args: list[str]) -> None:
    result = CliRunner().invoke(app, ["analytics", *args])
    assert result.exit_code == 2
    assert args[1] in result.output and "Traceback" not in result.output
