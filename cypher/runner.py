"""Running canned queries: parameter checking and coercion, name resolution, the right dialect."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cypher.names import NameIndex
from cypher.registry import CannedQuery, QueryParam
from graph.errors import EcokgError
from graph.ontology import labels_by_name, relation_types_by_name
from graph.stores.base import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS, QueryResult, QueryRunner


class ParameterError(EcokgError):
    """A request parameter is missing, unknown or malformed; ``location`` is query or body."""

    def __init__(self, name: str, message: str, location: str = "query") -> None:
        super().__init__(message if message.startswith("parameter ") else f"parameter {name!r}: {message}")
        self.param = name
        self.location = location


def coerce(param: QueryParam, raw: Any, names: NameIndex) -> Any:
    """Check and convert one raw value (often a string from a URL or the CLI)."""
    if param.type == "int":
        try:
            value = int(raw) if not isinstance(raw, bool) else None
        except (TypeError, ValueError):
            value = None
        if value is None:
            raise ParameterError(param.name, f"expected an integer, got {raw!r}")
        if param.minimum is not None and value < param.minimum or (
                param.maximum is not None and value > param.maximum):
            raise ParameterError(param.name, f"must be between {param.minimum} and {param.maximum}")
        return value
    if param.type == "bool":
        if isinstance(raw, bool):
            return raw
        if str(raw).lower() in ("true", "1", "yes"):
            return True
        if str(raw).lower() in ("false", "0", "no"):
            return False
        raise ParameterError(param.name, f"expected true or false, got {raw!r}")
    if not isinstance(raw, str):
        raise ParameterError(param.name, f"expected a string, got {raw!r}")
    text = raw.strip()
    if param.type == "entity":
        return names.resolve(text) if text else ""
    if param.type == "date":  # YYYY-MM-DD or nothing (the statement then ignores it)
        from cypher.as_of import parse_as_of

        return parse_as_of(text, param.name) or ""
    if param.type == "label":
        if text and text not in labels_by_name():
            raise ParameterError(param.name, f"unknown label {text!r}; known: {', '.join(labels_by_name())}")
        return text
    if param.type == "reltype":
        by_ascii = {r.ascii_name: r.name for r in relation_types_by_name().values()}
        text = by_ascii.get(text, text)
        if text and text not in relation_types_by_name():
            raise ParameterError(param.name, f"unknown relation type {text!r}")
        return text
    return text


def bind(query: CannedQuery, given: Mapping[str, Any], names: NameIndex) -> dict[str, Any]:
    """Parameters to send: given values coerced, defaults for the rest, unknown names refused."""
    declared = {p.name for p in query.params}
    unknown = sorted(set(given) - declared)
    if unknown:
        raise ParameterError(unknown[0], f"{query.name} takes {sorted(declared) or 'no parameters'}")
    bound: dict[str, Any] = {}
    for param in query.params:
        if param.name in given:
            bound[param.name] = coerce(param, given[param.name], names)
        elif param.default is not None:
            bound[param.name] = coerce(param, param.default, names)
        else:
            raise ParameterError(param.name, "is required")
    return bound


def run_canned(store: QueryRunner, query: CannedQuery, given: Mapping[str, Any], names: NameIndex, *,
               timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
    """Run a canned query on a store with checked, bound parameters (anchors and hop bounds filled)."""
    params = bind(query, given, names)
    text = query.bind(store.dialect, params, labels=names.labels)
    return store.query(text, params, timeout_ms=timeout_ms, max_rows=max_rows)
