"""Writing curated data files in their canonical, diff-friendly form."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

ENTITY_KEY_ORDER = ("id", "name", "name_en", "aliases", "region", "founded")


def entity_yaml(entity: Mapping[str, Any]) -> str:
    """One entity as a block mapping list item; lists stay on one line."""
    keys = [k for k in ENTITY_KEY_ORDER if k in entity]
    keys += sorted(k for k in entity if k not in keys and k not in ("description", "sources"))
    keys += [k for k in ("sources", "description") if k in entity]
    ordered = {k: entity[k] for k in keys if k != "label"}
    body = yaml.safe_dump([ordered], allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=math.inf)
    return body


def relation_yaml(relation: Mapping[str, Any]) -> str:
    """One relation as a single-line flow mapping list item."""
    line = yaml.safe_dump(dict(relation), allow_unicode=True, sort_keys=False,
                          default_flow_style=True, width=math.inf).strip()
    return f"- {line}\n"


def write_entities(path: Path, header: str, entities: Iterable[Mapping[str, Any]]) -> None:
    """Write one label's entity file."""
    text = f"# {header}\n" + "".join(entity_yaml(e) for e in entities)
    path.write_text(text, encoding="utf-8")


def write_relations(path: Path, header: str, relations: Iterable[Mapping[str, Any]]) -> None:
    """Write one article's relation file."""
    text = f"# {header}\n" + "".join(relation_yaml(r) for r in relations)
    path.write_text(text, encoding="utf-8")
