"""Markdown tables of the ontology and of a graph's counts (for README.md)."""

from __future__ import annotations

from collections import defaultdict

from graph.model import KnowledgeGraph
from graph.ontology import COMMON_PROPERTIES, LABELS, RELATION_TYPES, RelationType


def labels_table() -> str:
    """Node labels with their own properties (every label also has the common ones)."""
    rows = ["| label | 中文 | what it is | own properties |", "|---|---|---|---|"]
    for label in LABELS:
        own = ", ".join(f"`{p.name}`" for p in label.properties) or "—"
        rows.append(f"| {label.name} | {label.zh} | {label.description} | {own} |")
    common = ", ".join(f"`{p.name}`" for p in COMMON_PROPERTIES)
    return "\n".join(rows) + f"\n\nEvery label also has: {common}."


def _endpoints(rel: RelationType) -> str:
    by_source: dict[str, list[str]] = defaultdict(list)
    for source, target in rel.pairs:
        by_source[source].append(target)
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for source, targets in by_source.items():
        groups[tuple(targets)].append(source)
    return "; ".join(f"{'/'.join(sources)} → {'/'.join(targets)}"
                     for targets, sources in groups.items())


def relations_table() -> str:
    """Relation types: Chinese name, gloss, symmetry, allowed endpoints, qualifiers."""
    rows = ["| type | gloss | symmetric | allowed endpoints (source → target) | qualifiers |",
            "|---|---|---|---|---|"]
    for rel in RELATION_TYPES:
        quals = ", ".join(f"`{q.name}`" for q in rel.qualifiers) or "—"
        rows.append(f"| {rel.name} | {rel.gloss} | {'yes' if rel.symmetric else 'no'} | "
                    f"{_endpoints(rel)} | {quals} |")
    return "\n".join(rows)


def counts_table(graph: KnowledgeGraph) -> str:
    """Nodes per label and relationships per type of ``graph``."""
    rows = ["| label | nodes |", "|---|---:|"]
    rows += [f"| {k} | {v} |" for k, v in graph.label_counts().items()]
    rows.append(f"| **total** | **{len(graph.nodes)}** |")
    rows += ["", "| type | relationships |", "|---|---:|"]
    rows += [f"| {k} | {v} |" for k, v in graph.type_counts().items()]
    rows.append(f"| **total** | **{len(graph.relationships)}** |")
    return "\n".join(rows)
