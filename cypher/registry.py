"""The canned query library: one ``.cypher`` file per query under ``cypher/queries/``.

A file opens with a metadata header of ``//`` comment lines holding YAML::

    // name: centre_leaders
    // title_zh: 创新中心的牵头单位
    // title_en: Who leads each innovation centre
    // description: …
    // params:
    //   centre: {type: entity, default: "", example: 广东省具身智能机器人创新中心, description: …}

followed by the query text. Where the dialects differ the body holds two sections that start
with the lines ``// @neo4j`` and ``// @ladybug``. Declared parameters must equal the ``$names``
of each text, and only read statements are accepted. A ``max_hops`` or ``depth`` parameter is an
integer with a ``max``, and every variable-length pattern is written with that maximum as its
upper bound: the runner lowers it to the requested value (see ``cypher.hop_bounds``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from cypher.hop_bounds import HOPS_PARAMS, hops_param, upper_bounds
from cypher.lexer import tokens
from cypher.readonly import classify
from graph.errors import EcokgError, QueryRejected
from graph.stores.base import Dialect

QUERY_DIR = Path(__file__).resolve().parent / "queries"
ParamType = Literal["entity", "string", "int", "label", "reltype", "bool"]
PARAM_TYPES: tuple[str, ...] = ("entity", "string", "int", "label", "reltype", "bool")
PARAM_KEYS = frozenset({"type", "default", "example", "description", "min", "max"})



class QueryDefinitionError(EcokgError):
    """A canned query file is malformed."""


@dataclass(frozen=True)
class QueryParam:
    """A declared parameter of a canned query."""

    name: str
    type: ParamType
    description: str
    default: Any = None
    example: Any = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class CannedQuery:
    """A named, documented, parameterised read query with a text per dialect."""

    name: str
    title_zh: str
    title_en: str
    description: str
    params: tuple[QueryParam, ...]
    texts: dict[Dialect, str] = field(hash=False)
    path: Path = field(hash=False, compare=False)
    graph_columns: tuple[str, ...] = ()

    def text(self, dialect: Dialect) -> str:
        """The query text for a dialect."""
        return self.texts[dialect]

    def param(self, name: str) -> QueryParam:
        """A declared parameter by name."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


def parameters_in(text: str) -> set[str]:
    """The ``$names`` a query text uses (outside strings and comments)."""
    return {tok.value for tok in tokens(text) if tok.type == "PARAM"}


def parse_query_file(path: Path) -> CannedQuery:
    """Parse and check one ``.cypher`` file.

    Raises:
        QueryDefinitionError: naming the file, for a bad header, a parameter mismatch or a write.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    header: list[str] = []
    i = 0
    while i < len(lines) and lines[i].startswith("//") and not lines[i].startswith("// @"):
        header.append(lines[i][3:] if lines[i].startswith("// ") else lines[i][2:])
        i += 1
    try:
        meta = yaml.safe_load("\n".join(header)) or {}
    except yaml.YAMLError as exc:
        raise QueryDefinitionError(f"{path}: bad metadata header: {exc}") from None
    for key in ("name", "title_zh", "title_en", "description"):
        if not isinstance(meta.get(key), str):
            raise QueryDefinitionError(f"{path}: header lacks {key!r}")
    if meta["name"] != path.stem:
        raise QueryDefinitionError(f"{path}: name {meta['name']!r} differs from the file name")
    params = []
    for pname, spec in (meta.get("params") or {}).items():
        if not isinstance(spec, dict) or spec.get("type") not in PARAM_TYPES:
            raise QueryDefinitionError(f"{path}: parameter {pname!r} needs a type in {PARAM_TYPES}")
        if unknown := set(spec) - PARAM_KEYS:
            raise QueryDefinitionError(f"{path}: parameter {pname!r} has unknown keys {sorted(unknown)}")
        params.append(QueryParam(pname, spec["type"], str(spec.get("description", "")),
                                 spec.get("default"), spec.get("example"), spec.get("min"),
                                 spec.get("max")))
    texts = _dialect_texts(path, "\n".join(lines[i:]))
    declared = {p.name for p in params}
    for dialect, text in texts.items():
        used = parameters_in(text)
        if used != declared:
            raise QueryDefinitionError(
                f"{path}: {dialect} text uses {sorted(used)} but the header declares {sorted(declared)}")
        try:
            classify(text, dialect)
        except QueryRejected as exc:
            raise QueryDefinitionError(f"{path}: {dialect} text is not a read statement: {exc}") from None
    _check_hop_bounds(path, params, texts)
    return CannedQuery(meta["name"], meta["title_zh"], meta["title_en"], meta["description"].strip(),
                       tuple(params), texts, path, tuple(meta.get("graph_columns") or ()))


def _check_hop_bounds(path: Path, params: list[QueryParam], texts: dict[Dialect, str]) -> None:
    name = hops_param([p.name for p in params])
    if name is None:
        return
    if sum(p.name in HOPS_PARAMS for p in params) > 1:
        raise QueryDefinitionError(f"{path}: declare at most one of {', '.join(HOPS_PARAMS)}")
    hops = next(p for p in params if p.name == name)
    if hops.type != "int" or hops.maximum is None or (hops.minimum or 0) < 1:
        raise QueryDefinitionError(f"{path}: {name} must be an int with min >= 1 and a max")
    for dialect, text in texts.items():
        bounds = upper_bounds(text)
        if not bounds or any(b != hops.maximum for b in bounds):
            raise QueryDefinitionError(f"{path}: {dialect} text must bound its variable-length patterns "
                                       f"by the {name} maximum {hops.maximum}, found {bounds}")


def _dialect_texts(path: Path, body: str) -> dict[Dialect, str]:
    sections: dict[str, list[str]] = {}
    current = "both"
    for line in body.splitlines():
        if line.strip() in ("// @neo4j", "// @ladybug"):
            current = line.strip()[4:]
            sections[current] = []
        else:
            sections.setdefault(current, []).append(line)
    shared = "\n".join(sections.pop("both", [])).strip()
    if not sections:
        if not shared:
            raise QueryDefinitionError(f"{path}: no query text")
        return {"neo4j": shared, "ladybug": shared}
    if set(sections) != {"neo4j", "ladybug"} or shared:
        raise QueryDefinitionError(f"{path}: give either one text or both // @neo4j and // @ladybug")
    return {"neo4j": "\n".join(sections["neo4j"]).strip(), "ladybug": "\n".join(sections["ladybug"]).strip()}


@cache
def load_queries(directory: Path = QUERY_DIR) -> dict[str, CannedQuery]:
    """Every canned query of ``directory``, by name, sorted."""
    queries = [parse_query_file(p) for p in sorted(directory.glob("*.cypher"))]
    return {q.name: q for q in queries}
