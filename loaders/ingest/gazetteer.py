"""Known entities by name and alias, found longest match first with an Aho–Corasick automaton."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

import ahocorasick

from graph.model import Node
from loaders.ingest.mentions import Mention, longest_first
from loaders.ingest.text import name_key

# Labels whose names are not looked up: rounds are named by us, not by the articles.
_SKIP_LABELS = frozenset({"FundingRound"})
_MIN_LENGTH = 2
_SPACE = re.compile(r"[ \u3000\t]+")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _first(hit: tuple[int, int, str]) -> int:
    return hit[0]


def _longest(hit: tuple[int, int, str]) -> tuple[int, int]:
    return hit[0] - hit[1], hit[0]


class Gazetteer:
    """Every name and alias of the known entities, in their match form."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._keys: dict[str, tuple[str, str, str]] = {}
        for node in sorted(nodes, key=lambda n: n.id):
            if node.label in _SKIP_LABELS:
                continue
            for name in (node.name, *node.aliases, str(node.properties.get("name_en") or "")):
                key = _SPACE.sub("", name_key(name))
                if len(key) < _MIN_LENGTH or key in self._keys or key.isdigit():
                    continue
                self._keys[key] = (node.id, node.label, node.name)
                self._automaton.add_word(key, key)
        if self._keys:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._keys)

    def lookup(self, name: str) -> tuple[str, str, str] | None:
        """(id, label, name) of the entity named ``name`` exactly, or None."""
        return self._keys.get(name_key(name))

    def find(self, simple: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Known entities named in ``simple[start:end]``, longest match first, non-overlapping.

        An ASCII name must not touch ASCII letters or digits on either side (``AI`` in ``OpenAIR``).
        """
        if not self._keys:
            return []
        return longest_first(self._matches(simple, start, len(simple) if end is None else end))

    def _hits(self, simple: str, start: int, stop: int) -> list[tuple[int, int, str]]:
        """(start, end, key) of every match in ``simple[start:stop]``, overlapping ones included.

        An ASCII name must not touch ASCII letters or digits on either side (``AI`` in ``OpenAIR``).
        """
        # Spaces inside names (华 光, Model X1) are skipped: match in a space-free copy, whose
        # index k is ``k + shifts[j]`` in ``simple`` for the last run j of kept characters
        # starting at or before k (``starts[j]``, in the copy)
        starts, shifts, parts = [0], [start], []
        at = start
        for gap in _SPACE.finditer(simple, start, stop):
            parts.append(simple[at:gap.start()])
            at = gap.end()
            starts.append(starts[-1] + len(parts[-1]))
            shifts.append(at - starts[-1])
        parts.append(simple[at:stop])
        compact = "".join(parts) if len(parts) > 1 else parts[0]

        def where(k: int) -> int:
            return k + shifts[bisect_right(starts, k) - 1]

        found: list[tuple[int, int, str]] = []
        for last, key in self._automaton.iter(compact):
            first, after = where(last - len(key) + 1), where(last) + 1
            if _is_word_char(key[0]) and first > 0 and _is_word_char(simple[first - 1]):
                continue
            if _is_word_char(key[-1]) and after < len(simple) and _is_word_char(simple[after]):
                continue
            found.append((first, after, key))
        return found

    def _mention(self, first: int, after: int, key: str) -> Mention:
        entity, label, name = self._keys[key]
        return Mention(first, after, label, name, entity)

    def _matches(self, simple: str, start: int, stop: int) -> list[Mention]:
        return [self._mention(*hit) for hit in self._hits(simple, start, stop)]

    def find_in_sentences(self, simple: str, bounds: list[tuple[int, int]]) -> list[list[Mention]]:
        """:meth:`find` for every ``[start, end)`` of ``bounds`` (sentences in order), in one pass
        over the text; a match across two sentences belongs to neither."""
        if not self._keys:
            return [[] for _ in bounds]
        hits = sorted(self._hits(simple, 0, len(simple)), key=_first)
        inside: list[list[tuple[int, int, str]]] = [[] for _ in bounds]
        k = 0
        for hit in hits:
            while k < len(bounds) and bounds[k][1] <= hit[0]:
                k += 1
            if k < len(bounds) and bounds[k][0] <= hit[0] and hit[1] <= bounds[k][1]:
                inside[k].append(hit)
        # longest_first of gazetteer mentions (all known, all found alike): longest, then by start;
        # a Mention only for the hits chosen
        out: list[list[Mention]] = []
        for found in inside:
            chosen: list[tuple[int, int, str]] = []
            for hit in sorted(found, key=_longest):
                if all(hit[1] <= c[0] or c[1] <= hit[0] for c in chosen):
                    chosen.append(hit)
            out.append([self._mention(*hit) for hit in sorted(chosen, key=_first)])
        return out

    def find_all(self, simple: str) -> list[Mention]:
        """Every match in ``simple``, overlapping ones included, by start."""
        if not self._keys:
            return []
        return sorted(self._matches(simple, 0, len(simple)), key=lambda m: m.start)
