"""The curated graph: loads, is consistent, and every citation is backed by the article text."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from graph.model import KnowledgeGraph
from graph.ontology import RELATION_TYPES
from loaders.corpus import match_form, read_article
from loaders.spans import mentions

GENERIC_WORDS = {"公司", "企业", "座谈会", "创新中心", "政府", "我国", "大学", "基金", "机器人", "深圳公司"}


def test_every_relation_type_and_core_label_is_used(graph: KnowledgeGraph) -> None:
    counts = graph.type_counts()
    for rel_type in ("牵头", "融资", "合作", "参与", "孵化", "发布", "获得", "设立", "任职", "创立", "投资"):
        assert counts[rel_type] > 0, rel_type
    labels = graph.label_counts()
    for label in ("Company", "InnovationCenter", "Fund", "University", "ResearchInstitute", "Policy",
                  "Government", "Person", "Product", "Event", "Region", "FundingRound"):
        assert labels[label] > 0, label
    assert {r.name for r in RELATION_TYPES} >= set(counts)


def test_no_two_entities_share_a_name_or_alias(graph: KnowledgeGraph) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for node in graph.nodes.values():
        for name in [node.name, *node.aliases]:
            owners[match_form(name)].add(node.id)
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_aliases_are_names_not_generic_words(graph: KnowledgeGraph) -> None:
    generic = {match_form(w) for w in GENERIC_WORDS}
    bad = [(n.id, a) for n in graph.nodes.values() for a in n.aliases if match_form(a) in generic]
    assert not bad


def test_every_relation_is_cited(graph: KnowledgeGraph) -> None:
    assert all(r.citations for r in graph.relationships)
    assert all(c.source in graph.sources for r in graph.relationships for c in r.citations)


def _names(graph: KnowledgeGraph, node_id: str) -> list[str]:
    node = graph.nodes[node_id]
    if node.label == "FundingRound":
        return [str(node.properties.get("round", ""))]
    return node.names()


@pytest.mark.corpus
def test_every_citation_span_names_both_endpoints(graph: KnowledgeGraph, corpus_dir: Path) -> None:
    texts = {s: read_article(s, corpus_dir) for s in graph.sources}
    failures = []
    for rel in graph.relationships:
        for cite in rel.citations:
            text = texts[cite.source]
            assert cite.end <= len(text), f"{cite} past the end of the article"
            span = text[cite.start:cite.end]
            for end in (rel.source, rel.target):
                if not mentions(span, _names(graph, end)):
                    failures.append(f"{cite} {rel.type} {rel.source}->{rel.target}: {end} not named")
    assert not failures, "\n".join(failures)


@pytest.mark.corpus
def test_every_entity_is_named_in_its_sources(graph: KnowledgeGraph, corpus_dir: Path) -> None:
    texts = {s: match_form(read_article(s, corpus_dir)) for s in graph.sources}
    failures = [
        f"{node.id} not named in {source}"
        for node in graph.nodes.values() if node.label != "FundingRound"
        for source in node.properties["sources"]  # type: ignore[union-attr]
        if not any(match_form(name) in texts[source] for name in node.names())
    ]
    assert not failures, "\n".join(failures)
