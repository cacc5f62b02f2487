"""Path-search bounds lowered to the requested ``max_hops``, and the registry rule that enables it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypher.hop_bounds import lowered, upper_bounds
from cypher.registry import QueryDefinitionError, load_queries, parse_query_file
from cypher.runner import planned_text

QUERIES = load_queries()


def test_only_bounds_equal_to_the_maximum_are_lowered() -> None:
    text = ("MATCH p = (a)-[* SHORTEST 1..6]-(b) MATCH q = (a)-[*1..2]-(c) "
            "MATCH s = shortestPath((a)-[*..6]-(d))")
    out = lowered(text, 3, 6)
    assert upper_bounds(out) == [3, 2, 3]
    assert out == text.replace("1..6]", "1..3]").replace("[*..6]", "[*..3]")


@pytest.mark.parametrize("hops", [0, 7, -1, True, 2.0, "3]-(x) DETACH DELETE x //"])
def test_anything_but_a_checked_integer_is_refused(hops: object) -> None:
    with pytest.raises(ValueError, match="path bound must be an integer"):
        lowered("MATCH p = (a)-[* SHORTEST 1..6]-(b) RETURN p", hops, 6)  # type: ignore[arg-type]


@pytest.mark.parametrize("name, param", [("company_centres", "max_hops"), ("centre_companies", "max_hops"),
                                         ("shortest_path", "max_hops"), ("cooperation_network", "depth")])
@pytest.mark.parametrize("dialect", ["ladybug", "neo4j"])
def test_canned_path_queries_are_sent_with_the_requested_bound(name: str, param: str, dialect: str) -> None:
    query = QUERIES[name]
    maximum = query.param(param).maximum
    assert maximum is not None and upper_bounds(query.text(dialect)) == [maximum]  # type: ignore[arg-type]
    for hops in range(1, maximum + 1):
        sent = planned_text(query, dialect, {param: hops}, {})  # type: ignore[arg-type]
        assert upper_bounds(sent) == [hops]


def test_the_label_anchor_and_the_bound_are_both_applied() -> None:
    sent = planned_text(QUERIES["company_centres"], "ladybug", {"company": "ubtech", "max_hops": 2},
                        {"ubtech": "Company"})
    assert "(a:Company {id: $company})-[* SHORTEST 1..2]-" in sent


HEADER = """// name: hops
// title_zh: 路径
// title_en: Paths
// description: A test query.
// params:
//   source: {type: entity, default: ubtech, description: "Start."}
"""


@pytest.mark.parametrize("spec, body, message", [
    ("//   max_hops: {type: int, default: 2, min: 1, max: 4}\n",
     "MATCH p = (a {id: $source})-[* SHORTEST 1..6]-(b) WHERE length(p) <= $max_hops RETURN p",
     "maximum 4, found \\[6\\]"),
    ("//   max_hops: {type: int, default: 2, min: 1}\n",
     "MATCH p = (a {id: $source})-[* SHORTEST 1..6]-(b) WHERE length(p) <= $max_hops RETURN p",
     "must be an int with min >= 1 and a max"),
    ("//   max_hops: {type: int, default: 2, min: 1, max: 4}\n",
     "MATCH (a {id: $source})-[r]-(b) WHERE $max_hops > 0 RETURN b",
     "found \\[\\]"),
    ("//   max_hops: {type: int, default: 2, min: 1, max: 4}\n"
     "//   depth: {type: int, default: 1, min: 1, max: 4}\n",
     "MATCH p = (a {id: $source})-[* SHORTEST 1..4]-(b) WHERE length(p) <= $max_hops AND $depth > 0 RETURN p",
     "at most one of max_hops, depth"),
])
def test_the_registry_refuses_a_path_query_the_runner_could_not_bound(tmp_path: Path, spec: str, body: str,
                                                                       message: str) -> None:
    path = tmp_path / "hops.cypher"
    path.write_text(HEADER + spec + body + "\n", encoding="utf-8")
    with pytest.raises(QueryDefinitionError, match=message):
        parse_query_file(path)
