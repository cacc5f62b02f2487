"""Labelled anchors for canned queries on LadybugDB."""

from __future__ import annotations

import pytest

from cypher.anchors import anchored, labelled_unwind


def test_unlabelled_id_anchors_take_the_label_of_the_bound_entity() -> None:
    text = "MATCH (a {id: $entity})-[r]->(b) UNION ALL MATCH (a {id: $entity})<-[r]-(b {id: $other})"
    labels = {"ubtech": "Company", "szvc": "Fund"}
    out = anchored(text, {"entity": "ubtech", "other": "szvc"}, labels)
    assert out == ("MATCH (a:Company {id: $entity})-[r]->(b) UNION ALL "
                   "MATCH (a:Company {id: $entity})<-[r]-(b:Fund {id: $other})")


def test_unknown_empty_or_odd_values_leave_the_text_alone() -> None:
    text = "MATCH (a {id: $entity}) RETURN a"
    assert anchored(text, {"entity": ""}, {"": "Company"}) == text
    assert anchored(text, {"entity": "nobody"}, {"ubtech": "Company"}) == text
    assert anchored(text, {"entity": 3}, {"ubtech": "Company"}) == text
    assert anchored(text, {"entity": "x"}, {"x": "Company) DETACH DELETE (a"}) == text
    assert anchored("MATCH (c:Person {id: $p})", {"p": "x"}, {"x": "Person"}) == "MATCH (c:Person {id: $p})"


def test_an_unwound_anchor_takes_only_an_ontology_label() -> None:
    text = "UNWIND $ids AS i MATCH (n {id: i}) RETURN n AS node"
    assert labelled_unwind(text, "Fund") == "UNWIND $ids AS i MATCH (n:Fund {id: i}) RETURN n AS node"
    with pytest.raises(ValueError, match="unknown label"):
        labelled_unwind(text, "Fund) DETACH DELETE (n")
