"""The canned-query registry refuses malformed files: parameter mismatches, writes, bad headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypher.registry import QueryDefinitionError, parse_query_file
from graph.statements.catalogue import parameters_in

HEADER = """// name: {name}
// title_zh: 测试
// title_en: Test
// description: A test query.
// params:
//   company: {{type: entity, default: 优必选, description: "The company (id, name or alias)."}}
"""


def write(tmp_path: Path, body: str, name: str = "q", header: str = HEADER) -> Path:
    path = tmp_path / f"{name}.cypher"
    path.write_text(header.format(name=name) + body, encoding="utf-8")
    return path


def test_one_text_serves_both_dialects(tmp_path: Path) -> None:
    q = parse_query_file(write(tmp_path, "MATCH (c {id: $company}) RETURN c.name AS name\n"))
    assert q.text("neo4j") == q.text("ladybug") == "MATCH (c {id: $company}) RETURN c.name AS name"
    assert q.param("company").description == "The company (id, name or alias)."


def test_dialect_sections(tmp_path: Path) -> None:
    body = ("// @neo4j\nMATCH (c {id: $company}) RETURN type(c)\n"
            "// @ladybug\nMATCH (c {id: $company}) RETURN label(c)\n")
    q = parse_query_file(write(tmp_path, body))
    assert "type(c)" in q.text("neo4j") and "label(c)" in q.text("ladybug")


@pytest.mark.parametrize("body, message", [
    ("MATCH (c {id: $other}) RETURN c\n", "uses ['other'] but the header declares ['company']"),
    ("MATCH (c) RETURN c\n", "uses [] but the header declares ['company']"),
    ("MATCH (c {id: $company}) SET c.name = 'x' RETURN c\n", "read-only: SET is refused"),
    ("MATCH (c {id: $company}) DETACH DELETE c\n", "read-only: DETACH is refused"),
    ("// @neo4j\nMATCH (c {id: $company}) RETURN c\n", "both // @neo4j and // @ladybug"),
    ("", "no query text"),
])
def test_malformed_bodies_are_refused_naming_the_file(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(QueryDefinitionError, match=r"q\.cypher") as info:
        parse_query_file(write(tmp_path, body))
    assert message in str(info.value)


def test_header_errors(tmp_path: Path) -> None:
    with pytest.raises(QueryDefinitionError, match="differs from the file name"):
        parse_query_file(write(tmp_path, "RETURN 1\n", name="q").rename(tmp_path / "other.cypher"))
    bad_key = HEADER.replace('description: "The company (id, name or alias)."', "descripton: x")
    with pytest.raises(QueryDefinitionError, match="unknown keys"):
        parse_query_file(write(tmp_path, "MATCH (c {id: $company}) RETURN c\n", header=bad_key))
    no_type = HEADER.replace("type: entity, ", "")
    with pytest.raises(QueryDefinitionError, match="needs a type"):
        parse_query_file(write(tmp_path, "MATCH (c {id: $company}) RETURN c\n", header=no_type))


def test_scans_ignore_strings_and_comments() -> None:
    text = "MATCH (n) WHERE n.name = 'CREATE $fake' // SET $x\nRETURN n, $real"
    assert parameters_in(text) == {"real"}
