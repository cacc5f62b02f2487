"""Coverage of the curated data against an independent reading of the five articles.

`tests/data/independent_checklist.yaml` lists the organisations, centres, funds, universities,
institutes and policies the articles name, and the 牵头/融资/合作/参与/孵化 relations they state,
as a reviewer found them without looking at data/ (names only, no article text).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cypher.names import NameIndex, UnknownEntity
from graph.model import KnowledgeGraph

CHECKLIST = Path(__file__).resolve().parents[1] / "data" / "independent_checklist.yaml"


@pytest.fixture(scope="module")
def checklist() -> dict:
    return yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def names(graph: KnowledgeGraph) -> NameIndex:
    index = NameIndex()
    for node in graph.nodes.values():
        index.add(node.id, node.name, [node.properties.get("name_en"), *node.aliases])  # type: ignore[list-item]
    return index


def resolve(names: NameIndex, name: str) -> str | None:
    try:
        return names.resolve(name)
    except UnknownEntity:
        return None


def resolve_any(names: NameIndex, entity: dict) -> str | None:
    for name in [entity["name"], *(entity.get("aliases") or [])]:
        if found := resolve(names, name):
            return found
    return None


def test_at_least_95_percent_of_named_entities_are_in_the_graph(checklist: dict, names: NameIndex) -> None:
    missing = [e["name"] for e in checklist["entities"] if resolve_any(names, e) is None]
    found = 1 - len(missing) / len(checklist["entities"])
    assert found >= 0.95, f"{found:.1%} found; missing: {missing}"


def has_relation(graph: KnowledgeGraph, names: NameIndex, rel: dict) -> bool:
    source = resolve(names, rel["from"])
    if source is None:
        return False
    if rel["type"] == "融资":
        wanted = str(rel["to"]).removesuffix("融资")
        rounds = [str(graph.nodes[r.target].properties.get("round", "")) for r in graph.relationships
                  if r.type == "融资" and r.source == source]
        return any(wanted.startswith(found) or found.startswith(wanted) for found in rounds if found)
    target = resolve(names, rel["to"])
    if target is None:
        return False
    for r in graph.relationships:
        if r.type != rel["type"]:
            continue
        if (r.source, r.target) == (source, target) or (
                r.symmetric and (r.target, r.source) == (source, target)):
            return True
    return False


def test_at_least_85_percent_of_stated_relations_are_in_the_graph(checklist: dict, names: NameIndex,
                                                                  graph: KnowledgeGraph) -> None:
    missing = [f"{r['from']} {r['type']} {r['to']}" for r in checklist["relations"]
               if not has_relation(graph, names, r)]
    found = 1 - len(missing) / len(checklist["relations"])
    assert found >= 0.85, f"{found:.1%} found; missing: {missing}"
