"""Typed in-memory graph: nodes, relationships with citations, the source registry."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from graph.ontology import LABELS, RELATION_TYPES, relation_types_by_name

Value = str | int | float | bool | list[str]

_KEY_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""What ``json.dumps(q, ensure_ascii=False, sort_keys=True)`` does, without a new encoder per call."""


@dataclass(frozen=True, order=True)
class CitationSpan:
    """Where a relation is stated: an article id and a [start, end) span of its normalised text."""

    source: str
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.source}:{self.start}-{self.end}"


@dataclass(frozen=True)
class Source:
    """One source article of the corpus."""

    id: str
    publisher: str
    title: str
    date: str
    script: str
    author: str = ""
    note: str = ""
    url: str = ""
    """Where the article can be read, when known (shown as a link beside citations)."""


@dataclass
class Node:
    """An entity: id, label, canonical Simplified name, aliases and other properties."""

    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, Value] = field(default_factory=dict)

    def names(self) -> list[str]:
        """The canonical name, then the English name and every alias."""
        out = [self.name]
        if isinstance(en := self.properties.get("name_en"), str):
            out.append(en)
        return out + [a for a in self.aliases if a not in out]


@dataclass
class Relationship:
    """A typed, qualified relation between two node ids, with the citations that state it."""

    source: str
    target: str
    type: str
    qualifiers: dict[str, Value] = field(default_factory=dict)
    citations: list[CitationSpan] = field(default_factory=list)

    @cached_property
    def key(self) -> str:
        """Stable identity: type, endpoints and qualifiers (citations excluded); set once built."""
        q = self.qualifiers
        qualifiers = _KEY_JSON.encode(q) if q else ""
        payload = "\x1f".join((self.type, self.source, self.target, qualifiers))
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=8).hexdigest()

    @property
    def symmetric(self) -> bool:
        """True for symmetric types such as 合作."""
        return relation_types_by_name()[self.type].symmetric

    def properties(self) -> dict[str, Value]:
        """Qualifiers plus the system properties stored with every relationship."""
        props: dict[str, Value] = dict(self.qualifiers)
        props["key"] = self.key
        props["citations"] = [str(c) for c in self.citations]
        props["sources"] = sorted({c.source for c in self.citations})
        return props


@dataclass
class KnowledgeGraph:
    """The whole graph: nodes by id, relationships, and the sources they cite."""

    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    def label_counts(self) -> dict[str, int]:
        """Number of nodes per label, every label of the ontology present."""
        counts = Counter(n.label for n in self.nodes.values())
        return {label.name: counts.get(label.name, 0) for label in LABELS}

    def type_counts(self) -> dict[str, int]:
        """Number of relationships per type, every type of the ontology present."""
        counts = Counter(r.type for r in self.relationships)
        return {rel.name: counts.get(rel.name, 0) for rel in RELATION_TYPES}

    def nodes_of(self, label: str) -> Iterator[Node]:
        """Nodes carrying ``label``."""
        return (n for n in self.nodes.values() if n.label == label)

    def to_networkx(self) -> nx.MultiDiGraph:
        """A ``networkx.MultiDiGraph`` view: node attributes are properties, edges keyed by key."""
        g = nx.MultiDiGraph()
        for node in self.nodes.values():
            g.add_node(node.id, label=node.label, name=node.name, aliases=list(node.aliases),
                       **node.properties)
        for rel in self.relationships:
            attrs = {k: v for k, v in rel.properties().items() if k != "key"}
            g.add_edge(rel.source, rel.target, key=rel.key, type=rel.type,
                       symmetric=rel.symmetric, **attrs)
        return g


def node_record(node: Node) -> dict[str, Any]:
    """The JSON export shape of a node."""
    return {"id": node.id, "label": node.label, "name": node.name,
            "aliases": list(node.aliases), "properties": dict(node.properties)}


def relationship_record(rel: Relationship) -> dict[str, Any]:
    """The JSON export shape of a relationship."""
    return {"source": rel.source, "target": rel.target, "type": rel.type,
            "properties": rel.properties()}
