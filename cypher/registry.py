"""The canned query library: the statements of ``cypher/queries/`` users run by name (a catalogue part).

A canned query's header adds Chinese and English titles, parameter defaults and examples, and the
result columns the explorer may draw as paths (``graph_columns``)::

    // name: centre_leaders
    // title_zh: 创新中心的牵头单位
    // title_en: Who leads each innovation centre
    // description: …
    // params:
    //   centre: {type: entity, default: "", example: 广东省具身智能机器人创新中心, description: …}
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.statements.catalogue import (
    QUERY_DIR,
    QueryParam,
    Statement,
    StatementDefinitionError,
    parse_statement,
    read_header,
)
from graph.stores.base import Dialect

__all__ = ["CannedQuery", "Dialect", "QueryDefinitionError", "QueryParam", "load_queries", "parse_query_file"]

QueryDefinitionError = StatementDefinitionError
USER_PARAM_TYPES = frozenset({"entity", "string", "int", "label", "reltype", "bool", "date"})


@dataclass(frozen=True)
class CannedQuery(Statement):
    """A named, documented, parameterised read query with a text per dialect."""

    title_zh: str = ""
    title_en: str = ""
    graph_columns: tuple[str, ...] = ()

    def text(self, dialect: Dialect) -> str:
        """The query text for a dialect, binder slots included."""
        return self.template(dialect)


def parse_query_file(path: Path) -> CannedQuery:
    """Parse and check one canned query file.

    Raises:
        QueryDefinitionError: naming the file, for a bad header, a parameter mismatch or a write.
    """
    meta, body = read_header(path)
    for key in ("title_zh", "title_en"):
        if not isinstance(meta.get(key), str):
            raise QueryDefinitionError(f"{path}: header lacks {key!r}")
    if meta.get("kind", "read") != "read":
        raise QueryDefinitionError(f"{path}: a canned query only reads")
    base = parse_statement(path, meta, body)
    if set(base.texts) != {"neo4j", "ladybug"}:
        raise QueryDefinitionError(f"{path}: a canned query needs one text, "
                                   "or both // @neo4j and // @ladybug")
    for param in base.params:
        if param.type not in USER_PARAM_TYPES:
            raise QueryDefinitionError(f"{path}: parameter {param.name!r} needs a type in "
                                       f"{sorted(USER_PARAM_TYPES)}")
    return CannedQuery(base.name, base.description, base.params, base.texts, base.path, base.kind,
                       base.inputs, meta["title_zh"], meta["title_en"],
                       tuple(meta.get("graph_columns") or ()))


@cache
def load_queries(directory: Path = QUERY_DIR) -> dict[str, CannedQuery]:
    """Every canned query of ``directory``, by name, sorted."""
    queries = [parse_query_file(p) for p in sorted(directory.glob("*.cypher"))]
    return {q.name: q for q in queries}
