"""``/healthz``, ``/api/meta`` and the OpenAPI docs."""

from __future__ import annotations

import httpx

from graph.model import KnowledgeGraph
from graph.ontology import LABELS, RELATION_TYPES, label_properties


def test_healthz_counts_the_served_graph(client: httpx.Client, graph: KnowledgeGraph) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["store"], body["nodes"], body["relationships"], body["console"]) == (
        "ok", "embedded", len(graph.nodes), len(graph.relationships), "on")
    # The app runs inside the test process, so only its query workers are confined.
    layers = {layer["name"]: layer["active"] for layer in body["confinement"]["workers"]}
    assert {"network namespace", "landlock filesystem", "seccomp", "unprivileged user"} <= set(layers)
    assert body["confinement"]["server"] == []


def test_meta_lists_labels_and_types_with_styles_and_counts(client: httpx.Client,
                                                            graph: KnowledgeGraph) -> None:
    body = client.get("/api/meta").json()
    assert [lb["name"] for lb in body["labels"]] == [lb.name for lb in LABELS]
    company = next(lb for lb in body["labels"] if lb["name"] == "Company")
    assert company == {"name": "Company", "zh": "企业", "color": LABELS[0].color, "shape": LABELS[0].shape,
                       "count": graph.label_counts()["Company"],
                       "properties": [p.name for p in label_properties("Company")]}
    assert {"name", "sector", "listed"} <= set(company["properties"])
    assert [rt["name"] for rt in body["relation_types"]] == [rt.name for rt in RELATION_TYPES]
    cooperation = next(rt for rt in body["relation_types"] if rt["name"] == "合作")
    assert cooperation["symmetric"] is True and cooperation["gloss"] == "cooperates with"
    assert cooperation["count"] == graph.type_counts()["合作"]
    assert {"key", "citations", "sources"} <= set(cooperation["properties"])


def test_openapi_docs_are_served(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    for path in ("/healthz", "/api/meta", "/api/search", "/api/entities/{entity_id}",
                 "/api/entities/{entity_id}/ego", "/api/paths", "/api/queries", "/api/queries/{name}",
                 "/api/cypher", "/api/export"):
        assert path in spec["paths"], path
