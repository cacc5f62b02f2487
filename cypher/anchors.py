"""Labelled anchors: ``(a {id: $p})`` becomes ``(a:Label {id: $p})`` when the entity's label is known.

LadybugDB answers ``(a:Company {id: $id})`` through the primary-key index of one table but an
unlabelled ``(a {id: $id})`` by scanning the id column of every node table — milliseconds
against hundreds of milliseconds at a million nodes. Ids are unique across labels, so naming
the label of the bound entity changes nothing but the plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.ontology import labels_by_name

_ANCHOR = re.compile(r"\((\w+) \{id: \$(\w+)\}\)")
_UNWOUND = re.compile(r"\((\w+) \{id: (\w+)\}\)")


def anchored(text: str, params: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """``text`` with each unlabelled id anchor labelled after the id its parameter holds."""
    known = labels_by_name()

    def label(match: re.Match[str]) -> str:
        value = params.get(match[2])
        found = labels.get(value) if isinstance(value, str) and value else None
        if found is None or found not in known:
            return match[0]
        return f"({match[1]}:{found} {{id: ${match[2]}}})"

    return _ANCHOR.sub(label, text)


def labelled_unwind(text: str, label: str) -> str:
    """``text`` with its ``(n {id: i})`` anchor on an unwound variable labelled ``label``.

    Raises:
        ValueError: for a label the ontology does not have (nothing else is written into the text).
    """
    if label not in labels_by_name():
        raise ValueError(f"unknown label {label!r}")
    return _UNWOUND.sub(lambda m: f"({m[1]}:{label} {{id: {m[2]}}})", text)
