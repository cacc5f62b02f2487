"""Bounds on the parameters a user binds to a statement: names, nesting depth and total size."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.errors import EcokgError

MAX_DEPTH = 32
"""Deepest nesting of lists and maps inside one parameter value."""
MAX_TOTAL_BYTES = 256 * 1024
"""About how much data all parameters together may hold."""
PARAM_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"
_NAME = re.compile(PARAM_NAME_PATTERN)


class ParamsError(EcokgError):
    """A bound parameter is refused; ``param`` names it (``params.name``)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"parameter {param!r}: {message}")
        self.param = param


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter names that are not identifiers, values nested too deep, or too much data.

    Iterative, so that no nesting exhausts the stack; values are JSON types (str, int, float,
    bool, None, list, dict).

    Raises:
        ParamsError: naming the parameter.
    """
    total = 0
    for name, value in params.items():
        where = f"params.{name}"
        if not isinstance(name, str) or not _NAME.match(name):
            raise ParamsError(where[:80], "a parameter name is a letter or _ then letters, digits or _ "
                                          "(at most 64)")
        stack: list[tuple[Any, int]] = [(value, 0)]
        while stack:
            item, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise ParamsError(where, f"nested deeper than {MAX_DEPTH} levels")
            if isinstance(item, str):
                total += len(item.encode("utf-8", "surrogatepass")) + 2
            elif isinstance(item, dict):
                total += 2
                for key, inner in item.items():
                    total += len(str(key)) + 4
                    stack.append((inner, depth + 1))
            elif isinstance(item, list):
                total += 2 + len(item)
                stack.extend((inner, depth + 1) for inner in item)
            elif item is None or isinstance(item, bool | int | float):
                total += 8
            else:
                raise ParamsError(where, f"a value of type {type(item).__name__} cannot be bound")
            if total > MAX_TOTAL_BYTES:
                raise ParamsError(where, f"the parameters hold more than {MAX_TOTAL_BYTES // 1024} KB")
