"""``/api/entities/{id}``: an entity, its relations and citations; unknown names get suggestions."""

from __future__ import annotations

import httpx
import pytest

from graph.model import KnowledgeGraph


@pytest.mark.parametrize("given", ["ubtech", "优必选", "優必選", "UBTECH Robotics"])
def test_entity_by_id_name_or_alias(client: httpx.Client, given: str) -> None:
    body = client.get(f"/api/entities/{given}").json()
    assert body["id"] == "ubtech" and body["label"] == "Company" and body["name"] == "优必选"
    assert "優必選" in body["aliases"]
    assert body["properties"]["sector"] == "人形机器人"


def test_relations_match_the_curated_graph(client: httpx.Client, graph: KnowledgeGraph) -> None:
    body = client.get("/api/entities/ubtech").json()
    expected = sorted((r.type, "out" if r.source == "ubtech" else "in",
                       r.target if r.source == "ubtech" else r.source)
                      for r in graph.relationships if "ubtech" in (r.source, r.target))
    got = sorted((r["type"], r["direction"], r["other_id"]) for r in body["relations"])
    assert got == expected
    counts: dict[str, int] = {}
    for rel_type, _, _ in expected:
        counts[rel_type] = counts.get(rel_type, 0) + 1
    assert body["relation_counts"] == counts


def test_relations_carry_qualifiers_and_titled_citations(client: httpx.Client,
                                                        graph: KnowledgeGraph) -> None:
    body = client.get("/api/entities/ubtech").json()
    lead = next(r for r in body["relations"] if r["type"] == "牵头")
    assert lead == {**lead, "direction": "out", "other_id": "national-embodied-ai-center",
                    "other_label": "InnovationCenter"}
    assert lead["qualifiers"]["role"] == "联合组建"
    cite = lead["citations"][0]
    source = graph.sources[cite["source"]]
    assert cite == {"source": source.id, "start": cite["start"], "end": cite["end"],
                    "source_title": source.title, "source_publisher": source.publisher,
                    "source_date": source.date, "source_url": source.url or None}
    assert 0 <= cite["start"] < cite["end"]


def test_unknown_entity_is_404_with_suggestions(client: httpx.Client) -> None:
    response = client.get("/api/entities/ubtek")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "ubtek" in detail["message"]
    assert "优必选" in detail["suggestions"]


def test_unknown_entity_without_close_names_has_empty_suggestions(client: httpx.Client) -> None:
    response = client.get("/api/entities/zzzzqqqq")
    assert response.status_code == 404
    assert response.json()["detail"]["suggestions"] == []
