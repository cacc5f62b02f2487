"""The read-only gate: only statements that parse as reading clauses run, printed from their tokens.

:func:`classify` lexes the text once (:mod:`graph.statements.lexer`), parses the tokens with an LALR(1)
grammar of the read subset (``read_grammar.lark``: MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND,
RETURN, ORDER BY, SKIP, LIMIT, UNION and CALL of a catalogue procedure) and checks every called
function and procedure against :mod:`graph.statements.functions`. The statement it returns is *printed from
the tokens*: comments are gone, strings are re-quoted, and every name is written in backticks.
So the engine receives nothing but the grammar's own keywords, quoted names, literals, parameters,
punctuation and allow-listed function names — whatever a crafted comment or quote might have meant
to our lexer, no write or server keyword can reach the engine, because none is ever printed.
Lexing and LALR parsing take time linear in the input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import lark
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from graph.errors import QueryRejected
from graph.statements.functions import Dialect, allowed_function, allowed_procedure
from graph.statements.lexer import KEYWORDS, Token, tokens

MAX_STATEMENT_CHARS = 20_000
"""Longest statement the gate reads (console statements are written by hand)."""
MAX_TOKENS = 5_000
"""Most tokens it parses: LALR parsing is linear, but at tens of microseconds a token."""
GRAMMAR = Path(__file__).resolve().with_name("read_grammar.lark")
ACCEPTED = "MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION and CALL"

WRITE_WORDS = frozenset({"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER",
                         "FOREACH", "INSERT", "RENAME"})
SERVER_WORDS = frozenset({"COPY", "LOAD", "INSTALL", "UNINSTALL", "ATTACH", "USE", "IMPORT", "EXPORT",
                          "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK", "TRANSACTION", "MACRO", "PROJECT",
                          "SHOW", "TERMINATE", "GRANT", "DENY", "REVOKE", "START", "STOP", "ENABLE",
                          "PROFILE", "EXPLAIN"})
CAST_TYPES = frozenset({"STRING", "BOOL", "BOOLEAN", "INT8", "INT16", "INT32", "INT64", "INT128", "UINT8",
                        "UINT16", "UINT32", "UINT64", "UINT128", "SERIAL", "FLOAT", "DOUBLE", "DATE",
                        "TIMESTAMP", "INTERVAL", "UUID", "BLOB"})
RANGE_KINDS: dict[Dialect, frozenset[str]] = {"ladybug": frozenset({"TRAIL", "ACYCLIC"}),
                                              "neo4j": frozenset()}


class NotReadOnly(QueryRejected):
    """A statement that is not one read statement of the accepted subset."""


@dataclass(frozen=True)
class ReadStatement:
    """A statement that passed the gate: ``text`` is what the engine runs."""

    text: str
    clauses: tuple[str, ...]
    functions: frozenset[str]
    procedures: tuple[str, ...]


def classify(text: str, dialect: Dialect) -> ReadStatement:
    """Check ``text`` is one read statement and return it printed from its tokens.

    Raises:
        NotReadOnly: naming the clause, function or token that is refused (one line).
    """
    if len(text) > MAX_STATEMENT_CHARS:
        raise NotReadOnly(f"the statement is longer than {MAX_STATEMENT_CHARS:,} characters")
    toks = _join_function_names(list(tokens(text)))
    if not toks:
        raise NotReadOnly("the statement is empty")
    if len(toks) > MAX_TOKENS:
        raise NotReadOnly(f"the statement has more than {MAX_TOKENS:,} tokens")
    try:
        notes = _parse(toks)
    except UnexpectedToken as exc:
        raise NotReadOnly(_explain(exc, toks)) from None
    except UnexpectedInput as exc:  # pragma: no cover - the lexer is ours, so only tokens are unexpected
        raise NotReadOnly(f"not a read statement: {exc}") from None
    functions, procedures = _calls(toks)
    for name in sorted(functions):
        if not allowed_function(name, dialect):
            raise NotReadOnly(f"function {name}() is refused: it is not one of the {dialect} functions a "
                              "read statement may call")
    printed: dict[int, str] = {}
    for index, name in procedures:
        canonical = allowed_procedure(name, dialect)
        if canonical is None:
            raise NotReadOnly(f"CALL {name} is refused: CALL may only name a catalogue procedure "
                              f"({', '.join(sorted(_procedure_names(dialect)))})")
        printed[index] = canonical
    if dialect == "neo4j" and notes.regex:
        raise NotReadOnly("=~ is refused on Neo4j: a Java regular expression can run without bound; "
                          "use STARTS WITH, ENDS WITH or CONTAINS")
    for kind in notes.range_kinds:
        if kind.upper() not in RANGE_KINDS[dialect]:
            raise NotReadOnly(f"variable-length pattern kind {kind!r} is not accepted")
    for type_name in notes.cast_types:
        if type_name.upper() not in CAST_TYPES:
            raise NotReadOnly(f"CAST to {type_name!r} is not accepted "
                              f"(types: {', '.join(sorted(CAST_TYPES))})")
    clauses = tuple(t.value for t in toks if t.type in _CLAUSE_WORDS)
    bare = {i for i, t in enumerate(toks) if (t.line, t.column) in notes.bare}
    return ReadStatement(render(toks, printed, bare), clauses, frozenset(functions),
                         tuple(printed.values()))


def refusal(text: str, dialect: Dialect) -> str | None:
    """Why ``text`` is refused, or None when it may run."""
    try:
        classify(text, dialect)
    except QueryRejected as exc:
        return str(exc)
    return None


# -- parsing ---------------------------------------------------------------------------------------

_CLAUSE_WORDS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "UNION", "CALL", "WHERE"})


@dataclass
class _Notes:
    """What the parse saw that the grammar alone does not judge."""

    regex: bool = False
    range_kinds: list[str] = field(default_factory=list)
    cast_types: list[str] = field(default_factory=list)
    bare: set[tuple[int, int]] = field(default_factory=set)
    """(line, column) of names printed without backticks: path kinds and CAST types, once checked."""


class _TokenFeed(Lexer):
    """Hands lark the tokens :mod:`graph.statements.lexer` already made."""

    def __init__(self, conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Iterator[lark.Token]:  # type: ignore[override]
        for tok in data:
            yield lark.Token(tok.type, tok.value, line=tok.line, column=tok.column)


@cache
def _parser() -> lark.Lark:
    return lark.Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", lexer=_TokenFeed)


def _parse(toks: Sequence[Token]) -> _Notes:
    """Parse (raising lark's UnexpectedToken) and note regex operators and path kinds."""
    tree = _parser().parse(toks)  # type: ignore[arg-type]
    notes = _Notes()
    for sub in tree.iter_subtrees():  # iterative: deep trees cannot exhaust the stack
        if sub.data == "regex_op":
            notes.regex = True
        elif sub.data in ("range_kind", "cast_type"):
            for child in sub.children:
                if isinstance(child, lark.Token) and child.type == "NAME":
                    if sub.data == "range_kind":
                        notes.range_kinds.append(str(child))
                    else:
                        notes.cast_types.append(str(child))
                    notes.bare.add((child.line or 0, child.column or 0))
    return notes


_SUBQUERY_START = frozenset({"MATCH", "OPTIONAL", "UNWIND", "WITH", "CALL", "RETURN", "LPAR"})


def _join_function_names(toks: list[Token]) -> list[Token]:
    """``name (`` and ``a.b.c (`` become one FUNCNAME token: in Cypher only a call has that shape.

    ``collect {`` and ``count {`` followed by a clause or a pattern become the subquery keywords
    COLLECT_SUB and COUNT_SUB (``count {.x}`` stays a map projection of a variable).
    """
    out: list[Token] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if (tok.type == "NAME" and tok.value.upper() in ("COLLECT", "COUNT") and i + 2 < len(toks)
                and toks[i + 1].type == "LBRACE" and toks[i + 2].type in _SUBQUERY_START):
            out.append(Token(f"{tok.value.upper()}_SUB", tok.value.upper(), tok.line, tok.column))
            i += 1
            continue
        if tok.type in ("NAME", "ALL"):
            j = i
            while j + 2 < len(toks) and toks[j + 1].type == "DOT" and toks[j + 2].type == "NAME":
                j += 2
            if j + 1 < len(toks) and toks[j + 1].type == "LPAR":
                name = ".".join(toks[k].value for k in range(i, j + 1, 2))
                out.append(Token("FUNCNAME", name, tok.line, tok.column))
                i = j + 1
                continue
            # Not a call: the whole chain (a.b.c) goes out as it is, each token once — so the
            # pass stays linear however long the chain.
            out.extend(toks[i:j + 1])
            i = j + 1
            continue
        out.append(tok)
        i += 1
    return out


def _calls(toks: Sequence[Token]) -> tuple[set[str], list[tuple[int, str]]]:
    """Function names called, and (token index, name) of each procedure a CALL names."""
    functions: set[str] = set()
    procedures: list[tuple[int, str]] = []
    for i, tok in enumerate(toks):
        if tok.type == "FUNCNAME":
            if i > 0 and toks[i - 1].type == "CALL":
                procedures.append((i, tok.value))
            else:
                functions.add(tok.value.lower() if tok.value.upper() != "ALL" else "all")
    return functions, procedures


def _procedure_names(dialect: Dialect) -> frozenset[str]:
    from graph.statements.functions import PROCEDURES

    return PROCEDURES[dialect]


def _explain(exc: UnexpectedToken, toks: Sequence[Token]) -> str:
    """One line saying what was refused."""
    tok = exc.token
    if tok.type == "$END":
        return "not a complete read statement: it ends too early"
    word = str(tok.value).upper()
    index = next((i for i, t in enumerate(toks) if t.line == tok.line and t.column == tok.column), -1)
    after_call = index > 0 and toks[index - 1].type == "CALL"
    where = f"line {tok.line}, column {tok.column}"
    if after_call:
        return (f"CALL {tok.value} is refused: CALL may only name a catalogue procedure and its "
                f"arguments, as in CALL show_tables() ({where})")
    if tok.type == "FUNCNAME":
        word = word.split(".")[0]
    if tok.type in ("NAME", "FUNCNAME") and word in WRITE_WORDS:
        return f"the graph is read-only: {word} is refused ({where})"
    if tok.type in ("NAME", "FUNCNAME") and word in SERVER_WORDS:
        return (f"{word} is refused: statements may not touch the server's files, extensions, "
                f"databases, settings or transactions ({where})")
    if tok.type == "SEMI" or (index > 0 and toks[index - 1].type == "SEMI"):
        return f"send one statement per request ({where})"
    shown = tok.value if tok.type != "STRING" else "a string"
    return (f"not a read statement of the accepted subset ({ACCEPTED}): unexpected {shown!r} at {where}")


# -- printing ------------------------------------------------------------------------------------

def render(toks: Sequence[Token], procedures: dict[int, str] | None = None,
           bare: set[int] | None = None) -> str:
    """The statement printed from its tokens: names in backticks, strings re-quoted, no comments.

    ``procedures`` maps token indexes to the checked spelling of a CALLed procedure; ``bare`` holds
    the indexes of checked words printed as they are (path kinds, CAST types).
    """
    out: list[str] = []
    for i, tok in enumerate(toks):
        kind = tok.type
        if kind == "NAME" and bare and i in bare:
            out.append(tok.value.upper())
        elif kind == "NAME":
            out.append(f"`{tok.value}`")
        elif kind == "STRING":
            out.append(quote_string(tok.value))
        elif kind == "PARAM":
            out.append(f"${tok.value}")
        elif kind == "FUNCNAME":
            out.append((procedures or {}).get(i, tok.value))
        elif kind in KEYWORDS:
            out.append(kind)
        elif kind in ("COLLECT_SUB", "COUNT_SUB"):
            out.append(tok.value)
        else:
            out.append(tok.value)
    return "".join(piece if i == 0 or not _spaced(toks[i - 1].type, toks[i].type) else " " + piece
                   for i, piece in enumerate(out))


_WORDISH = frozenset({"COLLECT_SUB", "COUNT_SUB"})
_EXPRESSION_END = frozenset({"NAME", "RPAR", "RSQB", "RBRACE", "PARAM", "STRING", "INT", "FLOAT"})
_TIGHT_BEFORE = frozenset({"RSQB", "RPAR", "RBRACE", "COMMA", "DOT", "DOTDOT", "COLON"})
_TIGHT_AFTER = frozenset({"LSQB", "LPAR", "LBRACE", "DOT", "DOTDOT"})


def _spaced(before: str, after: str) -> bool:
    """Whether a space goes between two printed tokens.

    Keywords always stand apart (LadybugDB's grammar wants ``IN [``, not ``IN[``) and a list index
    always sticks to its expression (it refuses ``x [0]``). Operators keep their spaces, so no two
    tokens print as a different one (``/`` ``*``, ``<`` ``>``).
    """
    if before in KEYWORDS or after in KEYWORDS or before in _WORDISH or after in _WORDISH:
        return True
    if after == "LSQB":
        return before not in _EXPRESSION_END
    if after == "LPAR" and before == "FUNCNAME":
        return False
    return after not in _TIGHT_BEFORE and before not in _TIGHT_AFTER


def quote_string(value: str) -> str:
    """A single-quoted literal both engines decode to ``value``."""
    body = []
    for ch in value:
        if ch == "\\":
            body.append("\\\\")
        elif ch == "'":
            body.append("\\'")
        elif ch < " " or ch == "\x7f":
            body.append(f"\\u{ord(ch):04x}")
        else:
            body.append(ch)
    return "'" + "".join(body) + "'"
