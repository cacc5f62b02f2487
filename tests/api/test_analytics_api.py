"""``/api/analytics/{measure}`` and the entity standing, over real HTTP."""

from __future__ import annotations

import httpx
import pytest

from graph.analytics import Analytics, FastGraph
from graph.model import KnowledgeGraph


@pytest.fixture(scope="module")
def fast(graph: KnowledgeGraph) -> Analytics:
    return Analytics(FastGraph.from_knowledge_graph(graph))


@pytest.mark.parametrize("measure", ["degree", "pagerank", "betweenness", "bridges", "bridge_edges"])
def test_rankings_equal_the_backend(client: httpx.Client, fast: Analytics, measure: str) -> None:
    response = client.get(f"/api/analytics/{measure}", params={"top": 5, "label": "Company"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["measure"] == measure and body["top"] == 5 and body["nodes"] == fast.graph.n
    assert body["rows"] == fast.run(measure, "Company", 5).rows
    assert body["exact"] is True and body["sample"] is None


def test_communities_and_sampled_betweenness(client: httpx.Client, fast: Analytics) -> None:
    body = client.get("/api/analytics/communities", params={"top": 3}).json()
    assert body["columns"] == ["community", "size", "hub_id", "hub_name", "members"]
    assert body["rows"] == fast.run("communities", top=3).rows
    body = client.get("/api/analytics/betweenness", params={"sample": 40, "top": 3}).json()
    assert body["exact"] is False and body["sample"] == 40 and len(body["rows"]) == 3


def test_answers_are_cached(client: httpx.Client) -> None:
    first = client.get("/api/analytics/pagerank", params={"top": 4})
    assert client.get("/api/analytics/pagerank", params={"top": 4}).content == first.content


@pytest.mark.parametrize(("path", "params", "param"), [
    ("/api/analytics/closeness", {}, "measure"),
    ("/api/analytics/degree", {"label": "Compnay"}, "label"),
    ("/api/analytics/degree", {"top": 0}, "top"),
    ("/api/analytics/degree", {"top": "many"}, "top"),
    ("/api/analytics/betweenness", {"sample": 0}, "sample"),
])
def test_bad_parameters_are_422_naming_them(client: httpx.Client, path: str, params: dict[str, object],
                                            param: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert any(e["loc"][-1] == param and param in e["msg"] for e in detail)


def test_entity_shows_its_rank_and_community(client: httpx.Client, fast: Analytics) -> None:
    best = fast.run("pagerank", top=1).rows[0]["id"]
    standing = client.get(f"/api/entities/{best}").json()["standing"]
    assert standing["pagerank_rank"] == 1 and standing["of"] == fast.graph.n
    assert standing["community_top"][0]["id"] == best
    other = client.get("/api/entities/ubtech").json()["standing"]
    membership = fast.membership()
    index = fast.graph.ids.index("ubtech")
    assert other["community"] == int(membership[index])
    assert other["community_size"] == int((membership == membership[index]).sum())
    assert 1 <= other["pagerank_rank"] <= other["of"]
