"""Relevance-capped ego networks with stubs and a label filter; ranked, merged, filtered paths — over HTTP."""

from __future__ import annotations

import httpx
import networkx as nx
import pytest

from graph.model import KnowledgeGraph


def undirected(graph: KnowledgeGraph, keep: set[str] | None = None) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(n for n in graph.nodes if keep is None or n in keep)
    g.add_edges_from((r.source, r.target) for r in graph.relationships
                     if keep is None or {r.source, r.target} <= keep)
    return g


def test_depth_three_keeps_the_most_relevant_and_counts_the_rest(client: httpx.Client,
                                                                 graph: KnowledgeGraph) -> None:
    body = client.get("/api/entities/ubtech/ego", params={"depth": 3, "limit": 40}).json()
    everyone = nx.ego_graph(undirected(graph), "ubtech", radius=3)
    assert body["truncated"] and body["total_nodes"] == len(everyone) and len(body["nodes"]) == 40
    kept = {n["id"] for n in body["nodes"]}
    assert all(s["parent"] in kept and s["id"] == "+" + s["parent"] for s in body["stubs"])
    hops = {n["id"]: n["hop"] for n in body["nodes"]}
    hidden = {v: set(everyone[v]) - kept for v in kept if hops[v] < 3}  # what expanding each one adds
    assert {s["parent"]: s["count"] for s in body["stubs"]} == {v: len(h) for v, h in hidden.items() if h}
    assert set().union(*hidden.values()), "the nodes left out nearest the centre are behind stubs"
    shenzhen = next(s for s in body["stubs"] if s["parent"] == "shenzhen")
    assert shenzhen["name"] == f"深圳 +{shenzhen['count']}" and shenzhen["count"] > 10
    relevance = [n["relevance"] for n in body["nodes"]]
    assert relevance == sorted(relevance, reverse=True) and body["nodes"][0]["id"] == "ubtech"
    assert all(n["degree"] >= 1 for n in body["nodes"])


def test_expanding_a_stub_is_the_hubs_own_ego(client: httpx.Client, graph: KnowledgeGraph) -> None:
    body = client.get("/api/entities/shenzhen/ego", params={"depth": 1}).json()
    assert {n["id"] for n in body["nodes"]} == set(nx.ego_graph(undirected(graph), "shenzhen", radius=1))


def test_label_filter_equals_networkx_on_those_labels(client: httpx.Client, graph: KnowledgeGraph) -> None:
    wanted = {"Company", "Person", "InnovationCenter"}
    params = {"depth": 2, "labels": "Company, Person,InnovationCenter", "limit": 10_000}
    body = client.get("/api/entities/ubtech/ego", params=params).json()
    keep = {n.id for n in graph.nodes.values() if n.label in wanted} | {"ubtech"}
    assert {n["id"] for n in body["nodes"]} == set(nx.ego_graph(undirected(graph, keep), "ubtech", radius=2))
    assert body["labels"] == sorted(wanted) and not body["stubs"]
    assert {n["label"] for n in body["nodes"]} <= wanted


def test_paths_top_k_sets_truncated(client: httpx.Client) -> None:
    every = client.get("/api/paths", params={"source": "逐际动力", "target": "华为", "k": 100}).json()
    one = client.get("/api/paths", params={"source": "逐际动力", "target": "华为", "k": 1}).json()
    assert len(every["paths"]) > 1 and not every["truncated"]
    assert one["paths"] == every["paths"][:1] and one["truncated"] and one["k"] == 1
    scores = [p["score"] for p in every["paths"]]
    assert scores == sorted(scores, reverse=True)


def test_parallel_cooperation_is_one_undirected_hop_with_citations(client: httpx.Client,
                                                                    graph: KnowledgeGraph) -> None:
    body = client.get("/api/paths", params={"source": "leju", "target": "huawei"}).json()
    assert [[n["id"] for n in p["nodes"]] for p in body["paths"]] == [["leju", "huawei"]]
    hop = body["paths"][0]["edges"][0]
    stored = [r for r in graph.relationships if {r.source, r.target} == {"leju", "huawei"}]
    assert len(hop["relations"]) == len(stored) > 1
    assert {r["key"] for r in hop["relations"]} == {r.key for r in stored}
    assert hop["types"] == ["合作"] and hop["directed"] is False
    assert all(r["direction"] == "both" and r["citations"] and r["citations"][0]["start"] is not None
               for r in hop["relations"])


def test_excluded_labels_and_types_are_not_passed(client: httpx.Client, graph: KnowledgeGraph) -> None:
    body = client.get("/api/paths", params={"source": "逐际动力", "target": "华为", "k": 100,
                                            "exclude_labels": "Region", "exclude_types": "位于,获得"}).json()
    assert body["exclude_labels"] == ["Region"] and body["exclude_types"] == ["位于", "获得"]
    assert body["paths"]
    for path in body["paths"]:
        assert all(n["label"] != "Region" for n in path["nodes"][1:-1])
        assert all(t not in ("位于", "获得") for e in path["edges"] for t in e["types"])
    centres = client.get("/api/paths/to-label", params={"source": "ubtech", "exclude_labels": "Region",
                                                        "k": 2}).json()
    assert len(centres["paths"]) == 2 and centres["truncated"]
    assert len({p["nodes"][-1]["id"] for p in centres["paths"]}) == 2


@pytest.mark.parametrize("path, params, param", [
    ("/api/paths", {"source": "ubtech", "target": "leju", "k": 0}, "k"),
    ("/api/paths", {"source": "ubtech", "target": "leju", "exclude_labels": "Spaceship"}, "exclude_labels"),
    ("/api/paths", {"source": "ubtech", "target": "leju", "exclude_types": "朋友"}, "exclude_types"),
    ("/api/paths/to-label", {"source": "ubtech", "label": "Region", "exclude_labels": "Region"},
     "exclude_labels"),
    ("/api/entities/ubtech/ego", {"labels": "Spaceship"}, "labels"),
])
def test_bad_traversal_options_are_422_naming_the_parameter(client: httpx.Client, path: str, params: dict,
                                                            param: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert any(e["loc"][-1] == param for e in response.json()["detail"])
