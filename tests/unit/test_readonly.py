"""The read-only gate: what parses, what is refused, and what is printed for the engine."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import QueryRejected
from graph.statements.functions import FUNCTIONS, LADYBUG_REFUSED_FUNCTIONS, PROCEDURES
from graph.statements.lexer import MAX_NESTING, tokens
from graph.statements.readonly import classify, refusal
from graph.stores.embedded import EmbeddedStore

READS = [
    "MATCH (n:Company) RETURN n.name",
    "MATCH (n) WHERE n.name = 'CREATE (x)' RETURN n  // DELETE everything",
    "MATCH (n) /* SET n.x = 1 */ RETURN n.set, n.load, n.`create`",
    "RETURN {set: 1, load: 2, delete: 3} AS m",
    "MATCH (n) RETURN n.name AS `COPY`",
    "MATCH (a)-[r:合作]-(b) RETURN a.name, b.name, r.note",
    "UNWIND [1, 2] AS createdAt RETURN createdAt",
    "CALL show_tables() RETURN *",
    "CALL table_info('Company') RETURN *",
    "call SHOW_TABLES() return *",
    "MATCH p = (a {id: $id})-[* SHORTEST 1..6]-(c:InnovationCenter) RETURN properties(nodes(p), 'id')",
    "MATCH (a)-[*TRAIL 1..2]-(b) RETURN count(*)",
    "OPTIONAL MATCH (a)<-[:投资]-(b) WITH a, collect(DISTINCT b.name) AS xs WHERE size(xs) > 0 "
    "RETURN a ORDER BY a.id DESC SKIP 1 LIMIT 3",
    "MATCH (a) RETURN a.id UNION ALL MATCH (b) RETURN b.id",
    "RETURN [x IN [1, 2, 3] WHERE x > 1 | x * 2], any(y IN [1] WHERE y = 1), CASE WHEN 1 = 1 THEN 'a' END",
    "MATCH (n:Company) WHERE EXISTS { MATCH (n)-[:牵头]->() } RETURN n.id, CAST(n.founded AS STRING)",
    "RETURN 'a\\'b', \"q\\\"r\", '\\u00e9', -1.5e3, NULL IS NULL, 'x' STARTS WITH 'y';",
]


@pytest.mark.parametrize("text", READS)
def test_reads_pass(text: str) -> None:
    assert refusal(text, "ladybug") is None


def test_the_printed_statement_has_no_comments_and_quoted_names() -> None:
    printed = classify("MATCH (n:Company) /* it's */ WHERE n.name = \"it's\" RETURN n.id // end",
                       "ladybug").text
    assert printed == "MATCH (`n`: `Company`) WHERE `n`.`name` = 'it\\'s' RETURN `n`.`id`"


@pytest.mark.parametrize(("text", "word"), [
    ("CREATE (n:Company {id: 'x'})", "CREATE"), ("match (n) detach delete n", "DETACH"),
    ("MATCH (n) SET n.x = 1", "SET"), ("MERGE (n:A {id: 1})", "MERGE"), ("MATCH (n) REMOVE n.x", "REMOVE"),
    ("DROP TABLE Company", "DROP"), ("ALTER TABLE Company ADD x STRING", "ALTER"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "FOREACH"),
])
def test_writes_are_named(text: str, word: str) -> None:
    for dialect in ("ladybug", "neo4j"):
        reason = refusal(text, dialect)  # type: ignore[arg-type]
        assert reason is not None and "read-only" in reason and word in reason


@pytest.mark.parametrize(("text", "word"), [
    ("COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", "COPY"), ("LOAD FROM '/etc/passwd' RETURN *", "LOAD"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD"), ("INSTALL json", "INSTALL"),
    ("LOAD EXTENSION json", "LOAD"), ("ATTACH 'x.lbug' AS x (dbtype lbug)", "ATTACH"), ("USE x", "USE"),
    ("EXPORT DATABASE '/tmp/x'", "EXPORT"), ("IMPORT DATABASE '/tmp/x'", "IMPORT"),
    ("CHECKPOINT", "CHECKPOINT"), ("BEGIN TRANSACTION", "BEGIN"), ("COMMIT", "COMMIT"),
    ("ROLLBACK", "ROLLBACK"), ("CREATE MACRO m(x) AS x", "CREATE"),
    ("MATCH (n) RETURN n UNION LOAD FROM 'x' RETURN *", "LOAD"),
])
def test_server_statements_are_refused_and_named(text: str, word: str) -> None:
    reason = refusal(text, "ladybug")
    assert reason is not None and word in reason


@pytest.mark.parametrize("text", [
    "CALL threads = 1", "CALL timeout=1000000", "CALL read_csv_serial('/etc/hostname') RETURN *",
    "CALL read_parquet('/x.parquet') RETURN *", "CALL file_info() RETURN *",
    "CALL project_graph('g', ['Company'], ['合作']) RETURN *", "MATCH (n) CALL disk_info() RETURN *",
    "CALL clear_warnings()", "CALL current_setting('home_directory') RETURN *",
])
def test_calls_outside_the_catalogue_are_refused(text: str) -> None:
    reason = refusal(text, "ladybug")
    assert reason is not None and "CALL" in reason


def test_neo4j_procedures_and_subqueries() -> None:
    assert refusal("CALL db.labels() YIELD label RETURN label", "neo4j") is None
    assert "CALL apoc.load.json" in str(refusal("CALL apoc.load.json('file:///etc/passwd')", "neo4j"))
    assert refusal("CALL dbms.killQueries(['q'])", "neo4j") is not None
    assert refusal("CALL { MATCH (n) RETURN n } RETURN 1", "neo4j") is not None  # not in the subset
    assert refusal("CALL db.labels() YIELD label RETURN label", "ladybug") is not None
    assert refusal("CALL DB.LABELS()", "neo4j") is not None  # Neo4j's procedure names are exact


def test_functions_outside_the_allow_list_are_refused() -> None:
    assert "nextval" in str(refusal("RETURN nextval('s')", "ladybug"))
    assert "read_csv" in str(refusal("RETURN read_csv('/etc/passwd')", "ladybug"))
    assert refusal("RETURN apoc.text.join(['a'], ',')", "neo4j") is not None
    assert refusal("RETURN toLower('A'), elementId(null)", "neo4j") is None


def test_neo4j_refuses_regular_expressions() -> None:
    assert refusal("RETURN 'a' =~ 'a+'", "ladybug") is None
    assert "=~" in str(refusal("RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+b'", "neo4j"))


@pytest.mark.parametrize("text", [
    "RETURN 1; RETURN 2", "RETURN 1;;", "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
])
def test_one_statement_per_request(text: str) -> None:
    assert "one statement" in str(refusal(text, "ladybug"))


@pytest.mark.parametrize("text", [
    "/* it's */ LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim='|') RETURN * /* ' */",
    "// it's\nCOPY (RETURN 'x' AS x) TO '/tmp/x.csv' // '",
    "/* it's */ INSTALL json FROM 'http://127.0.0.1:1/repo/' /* ' */",
    "// it's\nLOAD EXTENSION '/tmp/lib.so' // '",
    "/* it's */ CHECKPOINT /* ' */",
    "RETURN '/*' AS a, '*/' AS b; CHECKPOINT",
    "RETURN `a/*` AS x CHECKPOINT /* ` */",
    "RETURN \"it's\" /* \" */ CHECKPOINT",
])
def test_the_comment_quote_bypass_is_closed(text: str) -> None:
    assert refusal(text, "ladybug") is not None


def test_lexing_stops_at_the_first_unterminated_string() -> None:
    """The inputs that stalled the old guard for 17 s and 181 s are refused in one pass."""
    for text in ("'\\" * 4_000, "'\\" * 9_900, "'" + "a" * 19_000, "\"" + "\\\"" * 6_000):
        with pytest.raises(QueryRejected, match="unterminated string|unknown escape"):
            classify(text, "ladybug")


def test_nesting_and_length_are_bounded() -> None:
    nested = "RETURN " + "(" * MAX_NESTING + "1" + ")" * MAX_NESTING
    assert refusal(nested, "ladybug") is None
    deeper = "RETURN " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1)
    assert "nest deeper" in str(refusal(deeper, "ladybug"))
    assert "longer than" in str(refusal("RETURN 1 " + " " * 20_000, "ladybug"))
    assert "tokens" in str(refusal("RETURN " + "+".join(["1"] * 3000), "ladybug"))
    # Long flat chains are fine: the grammar repeats instead of recursing, the passes are linear.
    assert refusal("RETURN " + " + ".join(["1"] * 2400), "ladybug") is None
    assert refusal("RETURN " + "a." * 2400 + "a", "ladybug") is None


def test_every_engine_function_is_allowed_or_refused_on_purpose(embedded_store: EmbeddedStore) -> None:
    """A function or table function a new LadybugDB adds is refused until someone lists it."""
    rows = embedded_store.query("CALL show_functions() RETURN name, type", max_rows=10_000).rows
    tables = {name.lower() for name, kind in rows if "TABLE FUNCTION" in kind or "COPY" in kind}
    others = {name.lower() for name, kind in rows if name and "TABLE" not in kind and "COPY" not in kind
              and re.fullmatch(r"[a-z_][a-z0-9_]*", name.lower())}
    assert PROCEDURES["ladybug"] <= tables, "every allowed procedure exists in the engine"
    for name in sorted(tables - PROCEDURES["ladybug"]):
        assert refusal(f"CALL {name}() RETURN *", "ladybug") is not None, name
    assert others - FUNCTIONS["ladybug"] <= LADYBUG_REFUSED_FUNCTIONS, "an engine function nobody listed"
    assert FUNCTIONS["ladybug"] <= others | {"none"}, "an allowed function the engine does not have"


# -- property: nothing forbidden ever reaches the engine --------------------------------------------

FORBIDDEN = ["CREATE (n:Company {id: 'x'})", "MATCH (n) DETACH DELETE n", "MATCH (n) SET n.name = 'x'",
             "LOAD FROM '/etc/passwd' (file_format='csv') RETURN *", "COPY (RETURN 1) TO '/tmp/x.csv'",
             "INSTALL json", "LOAD EXTENSION '/tmp/x.so'", "CHECKPOINT", "ATTACH 'x' AS y (dbtype lbug)",
             "CALL threads = 1", "CALL read_csv_serial('/etc/passwd') RETURN *", "EXPORT DATABASE '/tmp/x'",
             "BEGIN TRANSACTION", "CREATE MACRO m(x) AS x",
             "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
             "CALL project_graph('g', ['Company'], ['合作'])", "USE other"]
_WORDS = re.compile(r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|FOREACH|LOAD|COPY|INSTALL|ATTACH"
                    r"|USE|EXPORT|IMPORT|CHECKPOINT|BEGIN|COMMIT|ROLLBACK|MACRO|PROJECT_GRAPH|READ_CSV_SERIAL"
                    r"|THREADS)\b", re.IGNORECASE)
_NOISE_CHARS = st.sampled_from(list("'\"`\\/*\n -;(){}[]$.:,abcRETURN1"))
_noise_text = st.text(_NOISE_CHARS, max_size=12)
_pieces = st.one_of(
    _noise_text.map(lambda t: f"/*{t.replace('*/', '')}*/"),
    _noise_text.map(lambda t: f"//{t.replace(chr(10), '')}\n"),
    _noise_text.map(lambda t: "'" + t.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "") + "'"),
    _noise_text.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "") + '"'),
    _noise_text.map(lambda t: "`" + (t.replace("`", "").replace("\n", "") or "x") + "`"),
    _noise_text,
    st.sampled_from(["RETURN 1", "MATCH (n)", "WITH 1 AS x", "UNION", ";", "'", "\\'", "`", "/*", "*/",
                     "//"]),
)


def _outside_quotes(printed: str) -> str:
    """The printed statement without its string literals and quoted names (the engine's view)."""
    return re.sub(r"`[^`]*`", " ", re.sub(r"'(?:[^'\\]|\\.)*'", " ", printed))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, max_size=4), st.sampled_from(FORBIDDEN), st.lists(_pieces, max_size=4),
       st.sampled_from(["ladybug", "neo4j"]))
def test_forbidden_clauses_never_reach_the_engine(before: list[str], payload: str, after: list[str],
                                                  dialect: str) -> None:
    """Wrapped in strings, escapes, backticks and both comment forms, a forbidden clause is refused —
    or it was swallowed by a comment or string, and nothing forbidden is printed for the engine."""
    text = " ".join([*before, payload, *after])
    try:
        printed = classify(text, dialect).text  # type: ignore[arg-type]
    except QueryRejected:
        return
    assert not _WORDS.search(_outside_quotes(printed)), (text, printed)
    list(tokens(printed))  # and the printed text lexes again


def test_a_forbidden_clause_alone_is_always_refused() -> None:
    for payload in FORBIDDEN:
        for wrapper in ("/* ' */ {} /* ' */", "// '\n{} // '", "{} // '", "/* \" */ {}", "'x' {}"):
            assert refusal(wrapper.format(payload), "ladybug") is not None, wrapper.format(payload)
