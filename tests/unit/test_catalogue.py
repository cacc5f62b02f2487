"""The statement catalogue: binder slots filled from checked values only, and files checked when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypher.registry import QueryDefinitionError, load_queries, parse_query_file
from graph.statements.catalogue import SLOT, BindError, service_statements, statement, variants
from graph.statements.readonly import classify

QUERIES = load_queries()


def test_anchors_take_the_label_of_the_bound_entity_or_nothing() -> None:
    query = QUERIES["shortest_path"]
    params = {"source": "ubtech", "target": "szvc", "max_hops": 3}
    text = query.bind("ladybug", params, labels={"ubtech": "Company", "szvc": "Fund"})
    assert "(a:`Company` {id: $source})" in text and "(b:`Fund` {id: $target})" in text
    assert "[* ALL SHORTEST 1..3]" in text
    for odd in ({"ubtech": ""}, {"ubtech": "Company) DETACH DELETE (a"}, {}):
        assert "(a {id: $source})" in query.bind("ladybug", params, labels=odd)  # type: ignore[arg-type]
    assert "(a {id: $source})" in query.bind("ladybug", params | {"source": 3}, labels={"3": "Company"})


@pytest.mark.parametrize("hops", [0, 9, -1, True, 2.0, "3]-(x) DETACH DELETE x //", None])
def test_a_hop_bound_is_a_checked_integer_or_nothing_is_written(hops: object) -> None:
    with pytest.raises(BindError, match="must be an integer between 1 and 8"):
        QUERIES["shortest_path"].bind("neo4j", {"source": "a", "target": "b", "max_hops": hops})


@pytest.mark.parametrize("name, param", [("company_centres", "max_hops"), ("centre_companies", "max_hops"),
                                         ("shortest_path", "max_hops"), ("cooperation_network", "depth")])
@pytest.mark.parametrize("dialect", ["ladybug", "neo4j"])
def test_path_queries_are_sent_with_the_requested_bound(name: str, param: str, dialect: str) -> None:
    query = QUERIES[name]
    assert query.param(param).maximum is not None
    for hops in range(1, (query.param(param).maximum or 0) + 1):
        sent = query.bind(dialect, {param: hops})  # type: ignore[arg-type]
        assert f"..{hops}]" in sent and not SLOT.search(sent)


def test_inputs_must_be_in_the_ontology() -> None:
    assert "MATCH (n:`Fund`)" in statement("count_nodes").bind("neo4j", inputs={"label": "Fund"})
    with pytest.raises(BindError, match="label of the ontology"):
        statement("count_nodes").bind("neo4j", inputs={"label": "Fund`) DETACH DELETE (n"})
    with pytest.raises(BindError, match="type of the ontology"):
        statement("count_relationships").bind("neo4j", inputs={"type": "KNOWS"})


def test_every_read_variant_passes_the_read_only_gate() -> None:
    reads = [*QUERIES.values(), *(s for s in service_statements().values() if s.kind == "read")]
    checked = 0
    for stmt in reads:
        for dialect in stmt.texts:
            for text in variants(stmt, dialect):
                classify(text, dialect)
                assert not SLOT.search(text)
                checked += 1
    assert checked > 100


HEADER = """// name: hops
// title_zh: 路径
// title_en: Paths
// description: A test query.
// params:
//   source: {type: entity, default: ubtech, description: "Start."}
"""


@pytest.mark.parametrize("spec, body, message", [
    ("//   max_hops: {type: int, default: 2, min: 1}\n",
     "MATCH p = (a {id: $source})-[* SHORTEST 1..{{hops:max_hops}}]-(b) "
     "WHERE length(p) <= $max_hops RETURN p",
     "needs an int parameter with min >= 1 and a max"),
    ("//   max_hops: {type: int, default: 2, min: 1, max: 4}\n",
     "MATCH (a {id: $source})-[r]-(b) WHERE {{hops:max_hops}} > 0 AND $max_hops > 0 RETURN b",
     "upper bound of a variable-length pattern"),
    ("", "MATCH (a{{anchor:nobody}} {id: $source}) RETURN a", "needs an entity parameter"),
    ("", "MATCH (a:{{label:x}} {id: $source}) RETURN a", "needs a declared label input"),
    ("", "MATCH (a {id: $source}) SET a.name = 'x' RETURN a", "read-only: SET is refused"),
])
def test_the_catalogue_refuses_a_file_the_binder_could_not_fill_safely(tmp_path: Path, spec: str, body: str,
                                                                      message: str) -> None:
    path = tmp_path / "hops.cypher"
    path.write_text(HEADER + spec + body + "\n", encoding="utf-8")
    with pytest.raises(QueryDefinitionError, match=message):
        parse_query_file(path)
