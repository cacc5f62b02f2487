"""The RDF vocabulary of ecokg, derived from the ontology."""

from __future__ import annotations

from rdflib import Namespace, URIRef

ECO = Namespace("https://ecokg.example.org/ontology#")
"""Classes (one per label), properties (one per relation type and property) and Relationship."""

ENTITY = Namespace("https://ecokg.example.org/id/")
"""Entity IRIs: ``ENTITY[node_id]``."""

RELATION = Namespace("https://ecokg.example.org/relation/")
"""Reified relationship IRIs: ``RELATION[key]``."""

SOURCE = Namespace("https://ecokg.example.org/source/")
"""Source article IRIs: ``SOURCE[article_id]``."""


def class_iri(label: str) -> URIRef:
    """The class of a node label, e.g. ``eco:InnovationCenter``."""
    return ECO[label]


def relation_iri(ascii_name: str) -> URIRef:
    """The property of a relation type, by its ASCII name (e.g. ``eco:leads`` for 牵头)."""
    return ECO[ascii_name]


def property_iri(name: str) -> URIRef:
    """The datatype property of a node property or qualifier."""
    return ECO[f"p_{name}"]
