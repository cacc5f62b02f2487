"""Resolving what users type — an id, a name or any alias, Simplified or Traditional — to node ids.

Close-name suggestions also match pinyin and initials (youbixuan, ybx → 优必选).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cypher.pinyin import PinyinKeys, pinyin_keys
from graph.errors import EcokgError
from graph.statements.catalogue import statement
from graph.stores.base import QueryRunner
from graph.text import match_form

_PERIOD = re.compile(r"（[^（）]*\d{4}[^（）]*）$")
"""A trailing bracketed period such as （2025-2027年） (in match form, brackets are full-width)."""

STARTUP_TIMEOUT_MS = 300_000
"""Time limit of reading every name of a large graph."""


def name_rows(store: QueryRunner, timeout_ms: int = STARTUP_TIMEOUT_MS) -> list[list[Any]]:
    """``(id, name, name_en, aliases, label)`` of every node (the ``entity_names`` statement)."""
    text = statement("entity_names").bind(store.dialect)
    return store.query(text, timeout_ms=timeout_ms, max_rows=2**62, max_bytes=2**62).rows


class UnknownEntity(EcokgError):
    """No entity has this id, name or alias; carries close-name suggestions."""

    def __init__(self, given: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity is called {given!r}{hint}")
        self.given = given
        self.suggestions = suggestions


@dataclass
class NameIndex:
    """Every id, name, English name and alias of the graph, in match form, mapped to ids."""

    ids: set[str] = field(default_factory=set)
    by_form: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    """Label per id, when the rows carried it (lets queries anchor on one table's index)."""
    by_pinyin: dict[str, str] = field(default_factory=dict)
    """Pinyin and initials keys of Chinese names (first node to claim a key keeps it), for suggestions."""
    keys: PinyinKeys = pinyin_keys

    @classmethod
    def from_store(cls, store: QueryRunner) -> NameIndex:
        """Build the index from the nodes of a store."""
        return cls.from_rows(name_rows(store))

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]], keys: PinyinKeys = pinyin_keys) -> NameIndex:
        """Build from ``(id, name, name_en, aliases[, label])`` rows; ``keys`` gives pinyin keys."""
        index = cls(keys=keys)
        for node_id, name, name_en, aliases, *rest in rows:
            index.add(node_id, name, [name_en, *(aliases or [])])
            if rest:
                index.labels[node_id] = rest[0]
        index.keys = pinyin_keys  # let a memoised ``keys`` (and its memory) go once the index is built
        return index

    def add(self, node_id: str, name: str, other_names: list[str | None]) -> None:
        """Register a node; the first node to claim a name keeps it."""
        self.ids.add(node_id)
        self.display[node_id] = name
        for text in (node_id, name, *other_names):
            if text:
                form = match_form(text)
                self.by_form.setdefault(form, node_id)
                # The first reading's full key and initials only: the rest would cost too much
                # memory at scale for what suggestions need.
                for key in self.keys(text)[:2]:
                    self.by_pinyin.setdefault(key, node_id)
                # Titles are often cited without their period: 《…行动计划》 for 《…行动计划（2025-2027年）》.
                if (bare := _PERIOD.sub("", form)) and bare != form:
                    self.by_form.setdefault(bare, node_id)

    def resolve(self, given: str) -> str:
        """The id of the entity called ``given``.

        Raises:
            UnknownEntity: with up to five close names as suggestions.
        """
        text = given.strip()
        if text in self.ids:
            return text
        form = match_form(text)
        found = self.by_form.get(form) or self.by_form.get(_PERIOD.sub("", form))
        if found is not None:
            return found
        raise UnknownEntity(given, self.suggest(text))

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Close names for a misspelt one: pinyin or initials (exact, then prefix), substring matches,
        then similar strings."""
        form = match_form(text)
        if not form:
            return []
        hits: list[str] = []
        if form.isascii() and form.isalnum():
            exact = self.by_pinyin.get(form)
            hits += [self.display[exact]] if exact else []
            hits += [self.display[i] for k, i in self.by_pinyin.items() if k.startswith(form)][:limit]
        hits += [self.display[i] for f, i in self.by_form.items() if form in f or (len(f) > 1 and f in form)]
        close = difflib.get_close_matches(form, list(self.by_form), n=limit, cutoff=0.5)
        hits += [self.display[self.by_form[f]] for f in close]
        return list(dict.fromkeys(hits))[:limit]
