"""``?as_of=`` on the entity and ego endpoints: relations dated on or before it, undated ones apart."""

from __future__ import annotations

import httpx
import networkx as nx
import pytest

from cypher.as_of import stood_by
from graph.model import KnowledgeGraph

ENTITY = "limx-dynamics"


def _dated(graph: KnowledgeGraph, entity: str) -> list[str]:
    return sorted({str(r.qualifiers["date"]) for r in graph.relationships
                   if entity in (r.source, r.target) and r.qualifiers.get("date")})


def test_entity_as_of_keeps_dated_relations_and_sets_undated_apart(client: httpx.Client,
                                                                   graph: KnowledgeGraph) -> None:
    full = client.get(f"/api/entities/{ENTITY}").json()
    dates = _dated(graph, ENTITY)
    assert len(dates) >= 2, dates
    as_of = f"{dates[0][:4]}-12-31" if len(dates[0]) == 4 else (dates[0] + "-01-01")[:10]
    body = client.get(f"/api/entities/{ENTITY}", params={"as_of": as_of}).json()
    assert body["as_of"] == as_of
    assert body["relations"] and all(stood_by(str(r["qualifiers"]["date"]), as_of) for r in body["relations"])
    assert all("date" not in r["qualifiers"] for r in body["undated_relations"])
    later = [r for r in full["relations"] if r["qualifiers"].get("date")
             and not stood_by(str(r["qualifiers"]["date"]), as_of)]
    assert later and body["later"] == len(later)
    assert len(body["relations"]) + len(body["undated_relations"]) + body["later"] == len(full["relations"])
    assert sum(body["relation_counts"].values()) == len(body["relations"])
    assert full["as_of"] is None and full["undated_relations"] is None


def test_ego_as_of_matches_networkx_over_the_edges_left(client: httpx.Client, graph: KnowledgeGraph) -> None:
    as_of = "2025-03-05"
    kept = nx.Graph()
    kept.add_nodes_from(graph.nodes)
    kept.add_edges_from((r.source, r.target) for r in graph.relationships
                        if not r.qualifiers.get("date") or stood_by(str(r.qualifiers["date"]), as_of))
    for center in (ENTITY, "ubtech"):
        full = client.get(f"/api/entities/{center}/ego", params={"depth": 2}).json()
        body = client.get(f"/api/entities/{center}/ego", params={"depth": 2, "as_of": as_of}).json()
        # Within the unfiltered ego network, the nodes still within 2 hops over the edges left.
        within = set(nx.ego_graph(kept.subgraph({n["id"] for n in full["nodes"]}), center, radius=2))
        assert {n["id"] for n in body["nodes"]} == within
        assert all(e["undated"] is (not e["properties"].get("date")) for e in body["edges"])
        assert all(e["undated"] or stood_by(str(e["properties"]["date"]), as_of) for e in body["edges"])
        shown = {n["id"] for n in body["nodes"]}
        assert body["later"] == sum(1 for r in graph.relationships if {r.source, r.target} <= shown
                                    and r.qualifiers.get("date")
                                    and not stood_by(str(r.qualifiers["date"]), as_of))


@pytest.mark.parametrize("as_of", ["1900-01-01", "2025-03-05"])
def test_the_cap_and_stubs_see_the_graph_as_of_the_date(client: httpx.Client, as_of: str) -> None:
    """A cap that cuts in keeps as many nodes as the dated graph offers and counts only its nodes
    (the cap used to be taken before the date, so later relations took its places)."""
    for center in ("shenzhen", "beijing", "ubtech"):
        for depth in (1, 2):
            whole = client.get(f"/api/entities/{center}/ego",
                               params={"depth": depth, "as_of": as_of}).json()
            ids = {n["id"] for n in whole["nodes"]}
            assert not whole["truncated"] and whole["total_nodes"] == len(ids)
            for limit in (2, 5, 31):
                body = client.get(f"/api/entities/{center}/ego",
                                  params={"depth": depth, "limit": limit, "as_of": as_of}).json()
                shown = {n["id"] for n in body["nodes"]}
                assert shown <= ids and len(shown) == min(limit, len(ids)), (center, depth, limit)
                assert body["total_nodes"] == len(ids)
                assert body["truncated"] == (limit < len(ids))
                for stub in body["stubs"]:  # what expanding it adds, in the dated graph
                    around = client.get(f"/api/entities/{stub['parent']}/ego",
                                        params={"depth": 1, "as_of": as_of}).json()
                    assert stub["count"] == len({n["id"] for n in around["nodes"]} - shown), stub


def test_moving_the_date_back_removes_relations(client: httpx.Client) -> None:
    counts = [len(client.get(f"/api/entities/{ENTITY}/ego", params={"as_of": d}).json()["edges"])
              for d in ("2030-01-01", "2025-03-05", "2000-01-01")]
    assert counts[0] > counts[2] and counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("path", [f"/api/entities/{ENTITY}", f"/api/entities/{ENTITY}/ego"])
@pytest.mark.parametrize("bad", ["2025-13-45", "2025-02-30", "tomorrow", "2025-3-1", "2025-W13-1",
                                 "２０２５-03-31"])
def test_bad_as_of_is_422_naming_it(client: httpx.Client, path: str, bad: str) -> None:
    response = client.get(path, params={"as_of": bad})
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"][-1] == "as_of" and "as_of" in problem["msg"]


def test_timeline_query_takes_as_of_over_http(client: httpx.Client) -> None:
    every = client.get("/api/queries/entity_timeline", params={"entity": ENTITY}).json()["rows"]
    early = client.get("/api/queries/entity_timeline",
                       params={"entity": ENTITY, "as_of": "2025-03-06"}).json()
    assert early["rows"] and len(early["rows"]) < len(every)
    assert client.get("/api/queries/entity_timeline",
                      params={"entity": ENTITY, "as_of": "2025-13-45"}).status_code == 422
    assert client.get("/api/queries/entity_timeline",
                      params={"entity": ENTITY, "as_of": "2025-W13-1"}).status_code == 422
