"""Reading YAML lists item by item, keeping the line each item starts on (for error messages)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.errors import DataIssue

Value = str | int | float | bool


@dataclass(frozen=True)
class Item:
    """One item of a top-level YAML list, with where it was read from."""

    path: str
    line: int
    value: Any


class YamlFileError(Exception):
    """A file that is not readable as the expected YAML; carries the issue."""

    def __init__(self, issue: DataIssue) -> None:
        super().__init__(str(issue))
        self.issue = issue


def read_list(path: Path, display: str | None = None, key: str | None = None) -> Iterator[Item]:
    """Yield the items of the top-level list of ``path`` (or of its mapping's ``key``).

    Raises:
        YamlFileError: invalid UTF-8, a YAML syntax error, or a document of the wrong shape.
    """
    name = display or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise YamlFileError(DataIssue(name, line, f"not valid UTF-8 (byte {exc.start})")) from None
    if key is None:
        fast = flow_lines(text)
        if fast is not None:
            for line, value in fast:
                yield Item(name, line, value)
            return
    yield from _read_yaml(text, name, key)


def _read_yaml(text: str, name: str, key: str | None) -> Iterator[Item]:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return
        if key is not None:
            if not isinstance(root, yaml.MappingNode):
                raise YamlFileError(DataIssue(name, root.start_mark.line + 1,
                                              f"expected a mapping with key {key!r}"))
            found = [v for k, v in root.value if k.value == key]
            if not found:
                return
            root = found[0]
        if isinstance(root, yaml.ScalarNode) and root.value in ("", "null", "~"):
            return
        if not isinstance(root, yaml.SequenceNode):
            raise YamlFileError(DataIssue(name, root.start_mark.line + 1, "expected a list"))
        for node in root.value:
            yield Item(name, node.start_mark.line + 1, loader.construct_object(node, deep=True))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlFileError(DataIssue(name, line, f"YAML syntax error: {exc.problem}")) from None
    finally:
        loader.dispose()


# --- the fast path: one flow mapping per line ------------------------------------------------

_NOT_FAST = re.compile("[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                       "|[\u0085\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]")
"""Characters the fast path leaves to PyYAML: tabs, \\r, other line breaks, control characters,
and the Unicode spaces (e.g. U+3000) that Python's ``strip`` and ``\\s`` treat as space and YAML
does not."""
_SCALAR = r"""'(?:[^']|'')*'|"[^"\\]*"|[^\s,\[\]{}'"#&*!|>%@`?:=<~-][^,\[\]{}]*"""
_VALUE = rf"(?:{_SCALAR}|\[\s*(?:(?:{_SCALAR})\s*(?:,\s*(?:{_SCALAR})\s*)*)?\])"
_PAIR = rf"([A-Za-z_][A-Za-z0-9_]*):\s+({_VALUE})\s*"
_PAIR_RE = re.compile(_PAIR)
_MAPPING_RE = re.compile(rf"\s*(?:{_PAIR}(?:,\s*{_PAIR})*)?")
_ITEM_RE = re.compile(rf"({_SCALAR})\s*")
_INT = re.compile(r"0|[1-9][0-9]*")
_FLOAT = re.compile(r"[0-9]+\.[0-9]+")
_RESOLVER = yaml.resolver.Resolver()
_STR, _BOOL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool"
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class _Unsupported(Exception):
    """A value the fast path does not resolve exactly as PyYAML would."""


def _scalar(token: str) -> Value:
    first = token[0]
    if first == "'":
        return token[1:-1].replace("''", "'")
    if first == '"':
        return token[1:-1]
    plain = token.rstrip()
    if ":" in plain or " #" in plain:
        raise _Unsupported(plain)
    if first not in _RESOLVER.yaml_implicit_resolvers:
        return plain
    if plain.isascii() and plain.isdigit() and (plain[0] != "0" or plain == "0"):
        return int(plain)
    tag = _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False))
    if tag == _STR:
        return plain
    if tag == _BOOL and plain in _BOOLS:
        return _BOOLS[plain]
    if tag == _INT_TAG and _INT.fullmatch(plain):
        return int(plain)
    if tag == _FLOAT_TAG and _FLOAT.fullmatch(plain):
        return float(plain)
    raise _Unsupported(plain)


def _value(token: str) -> Any:
    if token[0] != "[":
        return _scalar(token)
    inner = token[1:-1]
    return [_scalar(t) for t in _ITEM_RE.findall(inner)] if inner.strip() else []


def flow_lines(text: str) -> list[tuple[int, dict[str, Any]]] | None:
    """``(line, mapping)`` per item when every line is blank, a comment or ``- {flow mapping}``.

    Values are resolved as PyYAML's safe loader resolves them; None means "not this shape" and
    the caller reads the file with PyYAML (one line PyYAML would read differently is enough).
    """
    if _NOT_FAST.search(text):
        return None
    out: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        if not (line.startswith("- {") and stripped.endswith("}")):
            return None
        inner = stripped[3:-1]
        if _MAPPING_RE.fullmatch(inner) is None:
            return None
        try:
            out.append((number, {_key(k): _value(v) for k, v in _PAIR_RE.findall(inner)}))
        except _Unsupported:
            return None
    return out


@cache
def _key(token: str) -> str:
    """A key PyYAML reads as this string (``null``, ``yes``, ``on``… are not strings to it)."""
    if _RESOLVER.resolve(yaml.ScalarNode, token, (True, False)) != _STR:
        raise _Unsupported(token)
    return token
