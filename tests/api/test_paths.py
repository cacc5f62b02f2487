"""``/api/paths``: shortest paths to an entity or a label, checked against networkx."""

from __future__ import annotations

import httpx
import networkx as nx
import pytest

from graph.model import KnowledgeGraph


def undirected(graph: KnowledgeGraph) -> nx.Graph:
    return nx.Graph(graph.to_networkx().to_undirected())


def assert_walks(path: dict, graph: KnowledgeGraph) -> None:
    """Consecutive nodes are joined by the edge listed between them, with its stored direction."""
    stored = {(r.source, r.target, r.type) for r in graph.relationships}
    assert path["hops"] == len(path["edges"]) == len(path["nodes"]) - 1
    for i, edge in enumerate(path["edges"]):
        pair = {path["nodes"][i]["id"], path["nodes"][i + 1]["id"]}
        assert {edge["source"], edge["target"]} == pair
        assert (edge["source"], edge["target"], edge["type"]) in stored


def test_all_shortest_paths_between_two_entities(client: httpx.Client, graph: KnowledgeGraph) -> None:
    body = client.get("/api/paths", params={"source": "優必選", "target": "广东省具身智能机器人创新中心",
                                            "max_hops": 6, "k": 1000}).json()
    assert body["source"] == "ubtech" and body["target"] == "guangdong-embodied-ai-center"
    assert body["target_label"] is None and body["truncated"] is False
    expected = {tuple(p) for p in nx.all_shortest_paths(undirected(graph), "ubtech",
                                                        "guangdong-embodied-ai-center")}
    assert {tuple(n["id"] for n in p["nodes"]) for p in body["paths"]} == expected
    for path in body["paths"]:
        assert_walks(path, graph)
        assert path["nodes"][0] == {"id": "ubtech", "name": "优必选", "label": "Company"}


def test_no_path_within_max_hops_is_empty(client: httpx.Client, graph: KnowledgeGraph) -> None:
    distance = nx.shortest_path_length(undirected(graph), "ubtech", "guangdong-embodied-ai-center")
    body = client.get("/api/paths", params={"source": "ubtech", "target": "guangdong-embodied-ai-center",
                                            "max_hops": distance - 1}).json()
    assert body["paths"] == []


@pytest.mark.parametrize("max_hops", [1, 3, 6])
def test_paths_to_every_centre_within_reach(client: httpx.Client, graph: KnowledgeGraph,
                                            max_hops: int) -> None:
    body = client.get("/api/paths/to-label", params={"source": "ubtech", "label": "InnovationCenter",
                                            "max_hops": max_hops}).json()
    assert body["target"] is None and body["target_label"] == "InnovationCenter"
    lengths = nx.single_source_shortest_path_length(undirected(graph), "ubtech", cutoff=max_hops)
    expected = {n: d for n, d in lengths.items() if graph.nodes[n].label == "InnovationCenter"}
    assert {p["nodes"][-1]["id"]: p["hops"] for p in body["paths"]} == expected
    assert [p["hops"] for p in body["paths"]] == sorted(p["hops"] for p in body["paths"])
    for path in body["paths"]:
        assert_walks(path, graph)


def test_same_source_and_target_is_a_zero_hop_path(client: httpx.Client) -> None:
    body = client.get("/api/paths", params={"source": "ubtech", "target": "优必选"}).json()
    assert body["paths"] == [{"hops": 0, "nodes": [{"id": "ubtech", "name": "优必选", "label": "Company"}],
                              "edges": [], "score": 1.0}]


@pytest.mark.parametrize("path, params, param", [
    ("/api/paths", {"source": "ubtech"}, "target"),
    ("/api/paths", {"source": "ubtech", "target": "leju", "max_hops": 0}, "max_hops"),
    ("/api/paths", {"source": "ubtech", "target": "leju", "max_hops": 7}, "max_hops"),
    ("/api/paths/to-label", {"source": "ubtech", "label": "Spaceship"}, "label"),
    ("/api/paths/to-label", {"label": "InnovationCenter"}, "source"),
    ("/api/paths", {"target": "leju"}, "source"),
])
def test_bad_path_parameters_are_422(client: httpx.Client, path: str, params: dict, param: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert any(e["loc"][-1] == param for e in response.json()["detail"])


def test_unknown_path_endpoint_is_404_with_suggestions(client: httpx.Client) -> None:
    response = client.get("/api/paths", params={"source": "ubtek", "target": "leju"})
    assert response.status_code == 404
    assert "优必选" in response.json()["detail"]["suggestions"]
