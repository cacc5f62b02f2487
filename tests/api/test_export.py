"""``/api/export``: downloads that parse in their format."""

from __future__ import annotations

import io
import json

import httpx
import networkx as nx
import pytest
from rdflib import Graph

from graph.model import KnowledgeGraph


def download(client: httpx.Client, fmt: str) -> httpx.Response:
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200
    assert f'filename="ecokg.{fmt}"' in response.headers["content-disposition"]
    return response


def test_json_export(client: httpx.Client, graph: KnowledgeGraph) -> None:
    data = download(client, "json").json()
    assert len(data["nodes"]) == len(graph.nodes) and len(data["relationships"]) == len(graph.relationships)
    assert {s["id"] for s in data["sources"]} == set(graph.sources)


def test_jsonl_export(client: httpx.Client, graph: KnowledgeGraph) -> None:
    records = [json.loads(line) for line in download(client, "jsonl").text.splitlines()]
    assert len(records) == len(graph.nodes) + len(graph.relationships)


def test_ttl_export_parses(client: httpx.Client) -> None:
    response = download(client, "ttl")
    assert response.headers["content-type"].startswith("text/turtle")
    rdf = Graph().parse(data=response.text, format="turtle")
    assert len(rdf) > 1000


def test_graphml_export_parses(client: httpx.Client, graph: KnowledgeGraph) -> None:
    g = nx.read_graphml(io.BytesIO(download(client, "graphml").content))
    assert g.number_of_nodes() == len(graph.nodes)
    assert g.number_of_edges() == len(graph.relationships)


@pytest.mark.parametrize("fmt", ["xml", "", "JSON"])
def test_unknown_format_is_422(client: httpx.Client, fmt: str) -> None:
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "format"
