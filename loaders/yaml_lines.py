"""Reading YAML lists item by item, keeping the line each item starts on (for error messages)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.errors import DataIssue


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
