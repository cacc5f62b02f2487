"""Properties that name other things come with their names: region → the region, sources → articles."""

from __future__ import annotations

import httpx

from graph.model import KnowledgeGraph


def test_entity_links_name_the_region_and_the_articles(client: httpx.Client, graph: KnowledgeGraph) -> None:
    body = client.get("/api/entities/ubtech").json()
    node = graph.nodes["ubtech"]
    region = str(node.properties["region"])
    assert body["links"]["region"] == {"id": region, "name": graph.nodes[region].name, "label": "Region"}
    sources = body["links"]["sources"]
    assert [s["id"] for s in sources] == node.properties["sources"]
    for s in sources:
        article = graph.sources[s["id"]]
        assert (s["title"], s["publisher"], s["date"]) == (article.title, article.publisher, article.date)


def test_ego_nodes_carry_the_same_links(client: httpx.Client, graph: KnowledgeGraph) -> None:
    ego = client.get("/api/entities/ubtech/ego").json()
    with_region = [n for n in ego["nodes"] if "region" in n["properties"]]
    assert with_region
    for n in with_region:
        assert n["links"]["region"]["name"] == graph.nodes[n["properties"]["region"]].name
