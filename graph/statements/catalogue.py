"""The statement catalogue: every Cypher statement the project sends, one ``.cypher`` file each.

``cypher/queries/`` holds the canned queries users run; ``cypher/statements/`` the service's own
reads (names, search, entity detail, ego networks, paths, counts) and the Neo4j loader's writes.
A file opens with a YAML header in ``//`` comment lines (``name``, ``description``, ``params``
with types, optionally ``kind: loader`` and ``inputs``), followed by one text, or a ``// @neo4j``
and a ``// @ladybug`` section where the dialects differ.

A text may hold *binder slots*, filled by :func:`Statement.bind` from checked values only:

* ``{{anchor:p}}`` — ``:Label`` of the entity whose id ``$p`` holds (nothing when unknown): the
  label lets both engines use the id index of one label instead of scanning every node;
* ``{{hops:p}}`` — the integer ``$p``, checked against its declared range, as the upper bound
  of a variable-length pattern (neither engine takes a parameter there);
* ``{{label:x}}`` and ``{{type:x}}`` — a label or relation type of the ontology, given as an
  input (the loader's per-label statements).

Nothing else is ever written into a text: values are parameters. :func:`variants` lists texts as
they run, for the linter and the contract tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from graph.errors import EcokgError, QueryRejected
from graph.ontology import labels_by_name, relation_types_by_name
from graph.statements.lexer import tokens
from graph.statements.readonly import classify
from graph.stores.base import Dialect
from graph.stores.schema import quote

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"
"""The ``cypher`` package beside ``graph``, which ships the catalogue's ``.cypher`` files."""
QUERY_DIR = CYPHER_DIR / "queries"
STATEMENT_DIR = CYPHER_DIR / "statements"
DIALECTS: tuple[Dialect, ...] = ("neo4j", "ladybug")
ParamType = Literal["entity", "string", "int", "label", "reltype", "bool", "date", "list", "rows"]
PARAM_TYPES: tuple[str, ...] = ("entity", "string", "int", "label", "reltype", "bool", "date", "list",
                                "rows")
PARAM_KEYS = frozenset({"type", "default", "example", "description", "min", "max"})
HEADER_KEYS = frozenset({"name", "title_zh", "title_en", "description", "params", "graph_columns", "kind",
                         "inputs"})
SLOT = re.compile(r"\{\{(anchor|hops|label|type):([A-Za-z_][A-Za-z0-9_]*)\}\}")


class StatementDefinitionError(EcokgError):
    """A catalogue file is malformed; the message names it."""


class BindError(EcokgError):
    """A binder slot got a value it does not accept (nothing is written then)."""


@dataclass(frozen=True)
class QueryParam:
    """A declared parameter of a statement."""

    name: str
    type: ParamType
    description: str
    default: Any = None
    example: Any = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Statement:
    """One named statement with a text per dialect, its parameters and its binder slots."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    texts: dict[Dialect, str] = field(hash=False)
    path: Path = field(hash=False, compare=False)
    kind: Literal["read", "loader"] = "read"
    inputs: dict[str, str] = field(default_factory=dict, hash=False)
    """Explicit inputs of ``{{label:x}}`` and ``{{type:x}}`` slots: name → ``label`` or ``reltype``."""

    def param(self, name: str) -> QueryParam:
        """A declared parameter by name."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def template(self, dialect: Dialect) -> str:
        """The text with its binder slots, as written in the file."""
        return self.texts[dialect]

    def bind(self, dialect: Dialect, params: Mapping[str, Any] | None = None, *,
             labels: Mapping[str, str] | None = None, inputs: Mapping[str, str] | None = None) -> str:
        """The text to send: every slot filled from checked values.

        Args:
            params: the bound parameter values (anchors read entity ids, hop slots integers).
            labels: id → label, for anchors (an id it does not know gets no label).
            inputs: values of the ``{{label:x}}`` and ``{{type:x}}`` slots.

        Raises:
            BindError: a hop bound out of its range, or an input that is not in the ontology.
        """
        values = params or {}
        known_labels = labels or {}

        def fill(match: re.Match[str]) -> str:
            kind, name = match[1], match[2]
            if kind == "anchor":
                value = values.get(name)
                label = known_labels.get(value) if isinstance(value, str) and value else None
                return f":{quote(label)}" if label in labels_by_name() else ""
            if kind == "hops":
                return str(_checked_hops(self.param(name), values.get(name)))
            given = (inputs or {}).get(name)
            allowed = labels_by_name() if kind == "label" else relation_types_by_name()
            if given not in allowed:
                raise BindError(f"{self.name}: input {name!r} must be a {kind} of the ontology, "
                                f"got {given!r}")
            return quote(str(given))

        return SLOT.sub(fill, self.texts[dialect])


def _checked_hops(param: QueryParam, value: Any) -> int:
    low, high = param.minimum or 1, param.maximum or 0
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BindError(f"{param.name} must be an integer between {low} and {high}, got {value!r}")
    return value


def parameters_in(text: str) -> set[str]:
    """The ``$names`` a text uses (outside strings and comments; binder slots ignored)."""
    return {tok.value for tok in tokens(SLOT.sub(" ", text)) if tok.type == "PARAM"}


def read_header(path: Path) -> tuple[dict[str, Any], str]:
    """The YAML header of a catalogue file and the body after it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header: list[str] = []
    i = 0
    while i < len(lines) and lines[i].startswith("//") and not lines[i].startswith("// @"):
        header.append(lines[i][3:] if lines[i].startswith("// ") else lines[i][2:])
        i += 1
    try:
        meta = yaml.safe_load("\n".join(header)) or {}
    except yaml.YAMLError as exc:
        raise StatementDefinitionError(f"{path}: bad metadata header: {exc}") from None
    if not isinstance(meta, dict):
        raise StatementDefinitionError(f"{path}: the metadata header must be a mapping")
    return meta, "\n".join(lines[i:])


def parse_statement(path: Path, meta: dict[str, Any], body: str) -> Statement:
    """Check one parsed catalogue file and build its statement.

    Raises:
        StatementDefinitionError: naming the file, for a bad header, a parameter mismatch, a slot
            that names nothing, or a read statement that is not read-only.
    """
    for key in ("name", "description"):
        if not isinstance(meta.get(key), str):
            raise StatementDefinitionError(f"{path}: header lacks {key!r}")
    if meta["name"] != path.stem:
        raise StatementDefinitionError(f"{path}: name {meta['name']!r} differs from the file name")
    if unknown := set(meta) - HEADER_KEYS:
        raise StatementDefinitionError(f"{path}: unknown header keys {sorted(unknown)}")
    kind = meta.get("kind", "read")
    if kind not in ("read", "loader"):
        raise StatementDefinitionError(f"{path}: kind must be read or loader")
    params = []
    for pname, spec in (meta.get("params") or {}).items():
        if not isinstance(spec, dict) or spec.get("type") not in PARAM_TYPES:
            raise StatementDefinitionError(f"{path}: parameter {pname!r} needs a type in {PARAM_TYPES}")
        if unknown := set(spec) - PARAM_KEYS:
            raise StatementDefinitionError(f"{path}: parameter {pname!r} has unknown keys {sorted(unknown)}")
        params.append(QueryParam(pname, spec["type"], str(spec.get("description", "")), spec.get("default"),
                                 spec.get("example"), spec.get("min"), spec.get("max")))
    inputs = {str(k): str(v) for k, v in (meta.get("inputs") or {}).items()}
    if bad := {k: v for k, v in inputs.items() if v not in ("label", "reltype")}:
        raise StatementDefinitionError(f"{path}: inputs must be label or reltype, got {bad}")
    statement = Statement(meta["name"], meta["description"].strip(), tuple(params),
                          _dialect_texts(path, body), path, kind, inputs)
    _check(statement)
    return statement


def _check(statement: Statement) -> None:
    path = statement.path
    declared = {p.name: p for p in statement.params}
    for dialect, text in statement.texts.items():
        used = parameters_in(text)
        if used != set(declared):
            raise StatementDefinitionError(f"{path}: {dialect} text uses {sorted(used)} but the header "
                                           f"declares {sorted(declared)}")
        for match in SLOT.finditer(text):
            kind, name = match[1], match[2]
            if kind == "anchor" and (name not in declared or declared[name].type != "entity"):
                raise StatementDefinitionError(f"{path}: {{{{anchor:{name}}}}} needs an entity parameter")
            if kind == "hops":
                param = declared.get(name)
                if param is None or param.type != "int" or param.maximum is None or (param.minimum or 0) < 1:
                    raise StatementDefinitionError(f"{path}: {{{{hops:{name}}}}} needs an int parameter "
                                                   "with min >= 1 and a max")
                if not text[match.end():].lstrip().startswith("]") or ".." not in text[:match.start()][-4:]:
                    raise StatementDefinitionError(f"{path}: {{{{hops:{name}}}}} must be the upper bound "
                                                   "of a variable-length pattern (..{{hops:…}}])")
            if kind in ("label", "type") and statement.inputs.get(name) != ("label" if kind == "label"
                                                                            else "reltype"):
                raise StatementDefinitionError(f"{path}: {{{{{kind}:{name}}}}} needs a declared {kind} input")
        if statement.kind == "read":
            for variant in variants(statement, dialect):
                try:
                    classify(variant, dialect)
                except QueryRejected as exc:
                    raise StatementDefinitionError(f"{path}: {dialect} text is not a read statement: "
                                                   f"{exc}") from None


def variants(statement: Statement, dialect: Dialect) -> Iterator[str]:
    """Texts as they run: no anchor label and every anchor labelled ``Company``; each hop bound at
    its lowest and highest; the first and the last value of each input."""
    entity_params = [p.name for p in statement.params if p.type == "entity"]
    hops = {p.name: p for p in statement.params if p.type == "int" and p.maximum is not None}
    labels_all = list(labels_by_name())
    types_all = list(relation_types_by_name())
    first = {k: (labels_all if v == "label" else types_all)[0] for k, v in statement.inputs.items()}
    last = {k: (labels_all if v == "label" else types_all)[-1] for k, v in statement.inputs.items()}
    seen: set[str] = set()
    for anchors in (False, True):
        for extreme in ("min", "max"):
            for inputs in (first, last):
                params: dict[str, Any] = {name: "e" for name in entity_params}
                params |= {n: (p.minimum or 1) if extreme == "min" else p.maximum for n, p in hops.items()}
                labels = {"e": "Company"} if anchors else {}
                text = statement.bind(dialect, params, labels=labels, inputs=inputs)
                if text not in seen:
                    seen.add(text)
                    yield text


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
            raise StatementDefinitionError(f"{path}: no query text")
        return {"neo4j": shared, "ladybug": shared}
    if not set(sections) <= {"neo4j", "ladybug"} or shared:
        raise StatementDefinitionError(f"{path}: give one text, or a // @neo4j and a // @ladybug section "
                                       "(or one of them for a statement only that store runs)")
    texts: dict[Dialect, str] = {}
    for dialect in DIALECTS:
        if dialect in sections:
            texts[dialect] = "\n".join(sections[dialect]).strip()
    return texts


@cache
def service_statements(directory: Path = STATEMENT_DIR) -> dict[str, Statement]:
    """The service's and the loader's statements, by name."""
    out = {}
    for path in sorted(directory.glob("*.cypher")):
        meta, body = read_header(path)
        out[path.stem] = parse_statement(path, meta, body)
    return out


def statement(name: str) -> Statement:
    """One service or loader statement by name."""
    return service_statements()[name]
