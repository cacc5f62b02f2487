"""``/api/entities/{id}/ego``: BFS ego networks, checked against networkx ``ego_graph``."""

from __future__ import annotations

import httpx
import networkx as nx
import pytest

from graph.model import KnowledgeGraph
from tests.api.conftest import TIGHT_NODE_CAP


def reference(graph: KnowledgeGraph, center: str, radius: int, types: set[str] | None = None) -> nx.Graph:
    full = graph.to_networkx()
    g = nx.MultiGraph()
    g.add_node(center)
    g.add_edges_from((u, v) for u, v, t in full.edges(data="type") if not types or t in types)
    return nx.ego_graph(g, center, radius=radius)


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_ego_node_set_equals_networkx_ego_graph(client: httpx.Client, graph: KnowledgeGraph,
                                                depth: int) -> None:
    body = client.get("/api/entities/ubtech/ego", params={"depth": depth, "limit": 10_000}).json()
    expected = reference(graph, "ubtech", depth)
    assert {n["id"] for n in body["nodes"]} == set(expected.nodes)
    assert body["truncated"] is False and body["center"] == "ubtech" and body["depth"] == depth
    hops = nx.single_source_shortest_path_length(graph.to_networkx().to_undirected(), "ubtech")
    assert all(n["hop"] == hops[n["id"]] for n in body["nodes"])


def test_depth_one_default_and_edge_shapes(client: httpx.Client, graph: KnowledgeGraph) -> None:
    body = client.get("/api/entities/優必選/ego").json()
    assert body["depth"] == 1 and body["node_cap"] == 200
    assert body["nodes"][0] == {**body["nodes"][0], "id": "ubtech", "hop": 0, "name_en": "UBTECH Robotics"}
    expected_keys = {r.key for r in graph.relationships
                     if {r.source, r.target} <= set(reference(graph, "ubtech", 1).nodes)}
    assert {e["id"] for e in body["edges"]} == expected_keys
    edge = next(e for e in body["edges"] if e["type"] == "牵头")
    assert edge["source"] == "ubtech" and edge["properties"]["role"] == "联合组建"
    assert edge["properties"]["citations"][0]["source_title"]


@pytest.mark.parametrize("types", ["合作", "cooperates_with", "合作,牵头", "leads, 合作"])
def test_types_filter_accepts_chinese_and_ascii_names(client: httpx.Client, graph: KnowledgeGraph,
                                                      types: str) -> None:
    wanted = {"合作"} | ({"牵头"} if ("牵头" in types or "leads" in types) else set())
    body = client.get("/api/entities/ubtech/ego", params={"depth": 2, "types": types}).json()
    assert {n["id"] for n in body["nodes"]} == set(reference(graph, "ubtech", 2, wanted).nodes)
    assert body["edges"] and {e["type"] for e in body["edges"]} <= wanted


def test_node_cap_keeps_nearest_hops_deterministically(tight_client: httpx.Client,
                                                       graph: KnowledgeGraph) -> None:
    first = tight_client.get("/api/entities/ubtech/ego", params={"depth": 2}).json()
    again = tight_client.get("/api/entities/ubtech/ego", params={"depth": 2}).json()
    assert first == again
    assert first["truncated"] is True and first["node_cap"] == TIGHT_NODE_CAP
    assert len(first["nodes"]) == TIGHT_NODE_CAP
    hops = [n["hop"] for n in first["nodes"]]
    assert hops == sorted(hops) and hops[0] == 0
    kept = {n["id"] for n in first["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in first["edges"])
    neighbours = set(reference(graph, "ubtech", 1).nodes) - {"ubtech"}
    assert kept - {"ubtech"} <= neighbours  # ubtech has more than 4 neighbours: hop 2 is cut


def test_limit_lowers_the_cap(client: httpx.Client) -> None:
    body = client.get("/api/entities/ubtech/ego", params={"depth": 1, "limit": 3}).json()
    assert body["node_cap"] == 3 and len(body["nodes"]) == 3 and body["truncated"] is True


@pytest.mark.parametrize("params, param", [({"depth": 0}, "depth"), ({"depth": 4}, "depth"),
                                           ({"depth": "deep"}, "depth"), ({"types": "朋友"}, "types"),
                                           ({"types": "合作,bogus"}, "types"), ({"limit": 0}, "limit")])
def test_bad_ego_parameters_are_422_naming_the_parameter(client: httpx.Client, params: dict,
                                                         param: str) -> None:
    response = client.get("/api/entities/ubtech/ego", params=params)
    assert response.status_code == 422
    assert any(e["loc"][-1] == param and param in e["msg"] for e in response.json()["detail"])


def test_ego_of_unknown_entity_is_404(client: httpx.Client) -> None:
    response = client.get("/api/entities/ubtek/ego")
    assert response.status_code == 404
    assert "优必选" in response.json()["detail"]["suggestions"]
