"""What an ad-hoc statement may not do, checked before it reaches a database.

Writes are refused by the database itself: the server opens LadybugDB read-only and runs Neo4j
reads in read transactions. This check adds what a read-only database would still allow —
touching the server's files (``COPY … TO``, ``LOAD FROM``, file-reading table functions),
extensions, attached databases, settings (``CALL threads = 1``), checkpoints and transactions —
and gives writes a clear message before they reach the engine. ``CALL`` may only name a
catalog function of :data:`CATALOG_CALLS` (or open a Neo4j subquery).
"""

from __future__ import annotations

import re
from typing import Literal

Dialect = Literal["neo4j", "ladybug"]

WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "FOREACH")
SERVER_STATEMENTS = ("COPY", "LOAD", "INSTALL", "ATTACH", "USE", "IMPORT", "EXPORT", "CHECKPOINT",
                     "BEGIN", "COMMIT", "ROLLBACK")
# Catalog reads a user may CALL; everything else a CALL names (file readers, graph projections,
# settings, writing procedures) is refused.
CATALOG_CALLS: dict[Dialect, frozenset[str]] = {
    "ladybug": frozenset({"show_tables", "table_info", "show_functions", "show_indexes", "show_macros",
                          "show_sequences", "show_graphs", "db_version", "storage_version",
                          "catalog_version", "current_setting", "show_warnings", "show_connection"}),
    "neo4j": frozenset({"db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
                        "db.schema.nodetypeproperties", "db.schema.reltypeproperties"}),
}

_STRING_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_BACKTICK_RE = re.compile(r"`[^`]*`")
_COMMENT_RE = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
# A keyword, not a property (n.load), a map key ({set: 1}) or part of an identifier.
_KEYWORD_RE = re.compile(
    r"(?<![.\w$])(" + "|".join(WRITE_CLAUSES + SERVER_STATEMENTS) + r")\b(?!\s*:(?!:))", re.IGNORECASE)
_CALL_RE = re.compile(r"(?<![.\w$])CALL\b\s*([A-Za-z_][\w.]*|[{(])?\s*(=)?", re.IGNORECASE)


def code_of(text: str) -> str:
    """Text with comments, string literals and quoted names blanked (for keyword scans)."""
    return _COMMENT_RE.sub(" ", _BACKTICK_RE.sub("``", _STRING_RE.sub("''", text)))


def keywords_in(text: str) -> list[str]:
    """Write and server keywords in a statement, outside strings, comments and names."""
    return sorted({m.upper() for m in _KEYWORD_RE.findall(code_of(text))})


def refused_calls(text: str, dialect: Dialect) -> list[str]:
    """What the statement's ``CALL`` clauses name that is not a catalog read."""
    refused = []
    for match in _CALL_RE.finditer(code_of(text)):
        target, assigns = match.group(1), match.group(2)
        if target in ("{", "(") and dialect == "neo4j":
            continue  # a subquery: its clauses are checked as part of the text
        if assigns or not target or target.lower() not in CATALOG_CALLS[dialect]:
            refused.append(f"CALL {target or ''}{' =' if assigns else ''}".strip())
    return refused


def refusal(text: str, dialect: Dialect) -> str | None:
    """Why an ad-hoc statement is refused, or None when it may run (read-only, no side effects)."""
    if writes := [k for k in keywords_in(text) if k in WRITE_CLAUSES]:
        return f"the graph is read-only: {', '.join(writes)} is refused"
    if server := keywords_in(text):
        return (f"{', '.join(server)} is refused: statements may not touch the server's files, "
                "extensions, databases or transactions")
    if calls := refused_calls(text, dialect):
        return (f"{', '.join(calls)} is refused: CALL may only name a catalog function "
                f"({', '.join(sorted(CATALOG_CALLS[dialect]))})")
    return None
