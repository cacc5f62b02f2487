"""Exporting a :class:`KnowledgeGraph` as JSON, JSON Lines, GraphML or Turtle."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from graph.model import KnowledgeGraph, node_record, relationship_record
from graph.ontology import LABELS, RELATION_TYPES, label_properties, relation_types_by_name
from graph.vocabulary import ECO, ENTITY, RELATION, SOURCE, class_iri, property_iri, relation_iri
from loaders.corpus import to_simplified

EXPORT_FORMATS = ("json", "jsonl", "graphml", "ttl", "neo4j-import")


def to_json_dict(graph: KnowledgeGraph) -> dict[str, Any]:
    """``{"nodes": [...], "relationships": [...], "sources": [...]}``, sorted for stable diffs."""
    return {
        "nodes": [node_record(n) for n in sorted(graph.nodes.values(), key=lambda n: n.id)],
        "relationships": [relationship_record(r) for r in sorted(
            graph.relationships, key=lambda r: (r.type, r.source, r.target, r.key))],
        "sources": [vars(s) for s in sorted(graph.sources.values(), key=lambda s: s.id)],
    }


def write_json(graph: KnowledgeGraph, out: Path) -> None:
    """Write the JSON export."""
    out.write_text(json.dumps(to_json_dict(graph), ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")


def write_jsonl(graph: KnowledgeGraph, out: Path) -> None:
    """Write one JSON record per line: nodes (``kind: node``) then relationships."""
    data = to_json_dict(graph)
    with out.open("w", encoding="utf-8") as f:
        for node in data["nodes"]:
            f.write(json.dumps({"kind": "node", **node}, ensure_ascii=False) + "\n")
        for rel in data["relationships"]:
            f.write(json.dumps({"kind": "relationship", **rel}, ensure_ascii=False) + "\n")


def _scalar(value: Any) -> str | int | float | bool:
    return value if isinstance(value, str | int | float | bool) else json.dumps(
        value, ensure_ascii=False)


def write_graphml(graph: KnowledgeGraph, out: Path) -> None:
    """Write GraphML; list-valued attributes are stored as JSON strings."""
    g = graph.to_networkx()
    plain = nx.MultiDiGraph()
    for node_id, attrs in g.nodes(data=True):
        plain.add_node(node_id, **{k: _scalar(v) for k, v in attrs.items()})
    for u, v, key, attrs in g.edges(keys=True, data=True):
        plain.add_edge(u, v, key=key, **{k: _scalar(v2) for k, v2 in attrs.items()})
    nx.write_graphml(plain, out, encoding="utf-8")


def _lang(text: str) -> str:
    if text.isascii():
        return "en"
    return "zh-Hant" if to_simplified(text) != text else "zh-Hans"


def _literal(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.decimal)
    return Literal(str(value))


def to_rdf(graph: KnowledgeGraph) -> Graph:
    """Build the RDF graph.

    Each relationship is a direct triple (``ent:a eco:leads ent:b``) plus a reified
    ``eco:Relationship`` resource (``rdf:subject/predicate/object``) that carries the
    qualifiers and one ``eco:citation`` blank node per cited span.
    """
    g = Graph()
    for prefix, ns in (("eco", ECO), ("ent", ENTITY), ("rel", RELATION), ("src", SOURCE),
                       ("skos", SKOS), ("owl", OWL)):
        g.bind(prefix, ns)
    for label in LABELS:
        g.add((class_iri(label.name), RDF.type, OWL.Class))
        g.add((class_iri(label.name), RDFS.label, Literal(label.zh, lang="zh-Hans")))
        g.add((class_iri(label.name), RDFS.label, Literal(label.name, lang="en")))
    for rel_type in RELATION_TYPES:
        p = relation_iri(rel_type.ascii_name)
        g.add((p, RDF.type, OWL.SymmetricProperty if rel_type.symmetric else OWL.ObjectProperty))
        g.add((p, RDFS.label, Literal(rel_type.name, lang="zh-Hans")))
        g.add((p, RDFS.label, Literal(rel_type.gloss, lang="en")))
    for source in graph.sources.values():
        s = SOURCE[source.id]
        g.add((s, RDF.type, ECO.Source))
        g.add((s, RDFS.label, Literal(source.title, lang="zh-Hans")))
        g.add((s, ECO.publisher, Literal(source.publisher)))
        g.add((s, ECO.date, Literal(source.date)))
    for node in graph.nodes.values():
        s = ENTITY[node.id]
        g.add((s, RDF.type, class_iri(node.label)))
        g.add((s, RDFS.label, Literal(node.name, lang="zh-Hans")))
        for alias in node.aliases:
            g.add((s, SKOS.altLabel, Literal(alias, lang=_lang(alias))))
        declared = {p.name for p in label_properties(node.label)}
        for key, value in node.properties.items():
            if key == "name_en":
                g.add((s, RDFS.label, Literal(str(value), lang="en")))
            elif key == "region":
                g.add((s, ECO.region, ENTITY[str(value)]))
            elif key == "sources":
                for src in value:  # type: ignore[union-attr]
                    g.add((s, ECO.source, SOURCE[src]))
            elif key in declared:
                for v in value if isinstance(value, list) else [value]:
                    g.add((s, property_iri(key), _literal(v)))
    types = relation_types_by_name()
    for rel in graph.relationships:
        pred = relation_iri(types[rel.type].ascii_name)
        a, b = ENTITY[rel.source], ENTITY[rel.target]
        g.add((a, pred, b))
        r = RELATION[rel.key]
        g.add((r, RDF.type, ECO.Relationship))
        g.add((r, RDF.subject, a))
        g.add((r, RDF.predicate, pred))
        g.add((r, RDF.object, b))
        for key, value in rel.qualifiers.items():
            g.add((r, property_iri(key), _literal(value)))
        for cite in rel.citations:
            c = BNode()
            g.add((r, ECO.citation, c))
            g.add((c, ECO.source, SOURCE[cite.source]))
            g.add((c, ECO.start, Literal(cite.start, datatype=XSD.integer)))
            g.add((c, ECO.end, Literal(cite.end, datatype=XSD.integer)))
    return g


def write_ttl(graph: KnowledgeGraph, out: Path) -> None:
    """Write Turtle."""
    to_rdf(graph).serialize(destination=str(out), format="turtle", encoding="utf-8")


def write_neo4j_import_dir(graph: KnowledgeGraph, out: Path) -> None:
    """Write the CSV files ``neo4j-admin database import full`` reads into the directory ``out``."""
    from loaders.neo4j_import import write_neo4j_import

    write_neo4j_import(graph, out)


WRITERS: dict[str, Callable[[KnowledgeGraph, Path], None]] = {
    "json": write_json, "jsonl": write_jsonl, "graphml": write_graphml, "ttl": write_ttl,
    "neo4j-import": write_neo4j_import_dir,
}


def export(graph: KnowledgeGraph, fmt: str, out: Path) -> None:
    """Write ``graph`` to ``out`` in ``fmt`` (one of :data:`EXPORT_FORMATS`)."""
    WRITERS[fmt](graph, out)
