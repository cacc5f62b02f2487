"""Mentions: where a known or newly discovered entity is named in a sentence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """An entity named at ``[start, end)`` of the Simplified article text.

    ``entity`` is the id of a known entity, or None for a discovered one (then ``name`` is the
    surface form and ``how`` says which rule found it, e.g. ``suffix:科技``).
    """

    start: int
    end: int
    label: str
    name: str
    entity: str | None = None
    how: str = "gazetteer"
    parent: Mention | None = None
    """The organisation whose name opens this one (明德大学 in 明德大学信息工程学院)."""
    alias_of: str | None = None
    """For a short name the article defined (…有限公司（下称“X”）): the written full name."""

    @property
    def known(self) -> bool:
        return self.entity is not None

    @property
    def length(self) -> int:
        return self.end - self.start


def _rank(how: str) -> int:
    """At equal length: the vocabulary rules, then names fixed by their role, then the tagger's."""
    return 2 if how.startswith("model") else 1 if how == "role" else 0


def longest_first(mentions: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions, by start.

    Items of an enumeration (``how == "list"``: their edges are the list's punctuation) come
    first; then the longest, known before discovered at equal length, rules before the tagger.
    """
    ranked = sorted(mentions, key=_precedence)
    if len(ranked) <= 1:
        return ranked
    chosen: list[Mention] = []
    for m in ranked:
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=_start)


def _precedence(m: Mention) -> tuple[bool, int, bool, int, int]:
    """:func:`longest_first`'s order: lists, then longest, known, by rule (:func:`_rank`), by start."""
    how = m.how
    return (how != "list", m.start - m.end, m.entity is None,
            2 if how.startswith("model") else 1 if how == "role" else 0, m.start)


def _start(m: Mention) -> int:
    return m.start
