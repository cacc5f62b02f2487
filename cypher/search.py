"""Ranked entity search over ids, names and aliases, in Simplified or Traditional script or in pinyin."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cypher.pinyin import PinyinKeys, pinyin_keys
from graph.stores.base import QueryRunner
from graph.text import match_form

EXACT_PRIMARY, EXACT_OTHER = 1.0, 0.95
PREFIX_BASE, PREFIX_SPAN = 0.5, 0.4
SUBSTRING_BASE, SUBSTRING_SPAN = 0.1, 0.3
"""Score bands: any exact match outranks any prefix match, which outranks any substring match."""


@dataclass(frozen=True)
class SearchHit:
    """One ranked result: the entity and the surface form that matched."""

    id: str
    name: str
    name_en: str | None
    label: str
    score: float
    matched: str


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    name: str
    name_en: str | None
    label: str
    forms: tuple[tuple[str, str, bool], ...]
    """(match form, surface text, is the id or canonical name)."""
    pinyin: str = ""
    """The pinyin and initials keys of the Chinese names, each between two ``_SEP``; one string
    per entity, not a tuple of tuples, because at a million entities the keys would otherwise
    take gigabytes. Searched for needles in ASCII only."""


class SearchIndex:
    """Every entity's id, name, English name and aliases in match form."""

    def __init__(self, entries: Sequence[_Entry]) -> None:
        self._entries = list(entries)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[object]], keys: PinyinKeys = pinyin_keys) -> SearchIndex:
        """Build from ``(id, name, name_en, aliases, label)`` rows.

        Every Chinese name and alias is also indexed by its pinyin and initials (``keys``; pass a
        memoised one to share the keys with :class:`cypher.names.NameIndex`); a pinyin match
        reports the canonical name as ``matched`` and ranks like an alias.
        """
        entries = []
        for node_id, name, name_en, aliases, label in rows:
            surfaces: list[tuple[str, bool]] = [(str(node_id), True), (str(name or ""), True)]
            if name_en:
                surfaces.append((str(name_en), False))
            if isinstance(aliases, list | tuple):
                surfaces += [(str(a), False) for a in aliases if a]
            forms = tuple((_form(text), text, primary) for text, primary in surfaces if text)
            seen = {f for f, _, _ in forms}
            found = [k for k in dict.fromkeys(k for text, _ in surfaces for k in keys(text)) if k not in seen]
            pinyin = f"{_SEP}{_SEP.join(found)}{_SEP}" if found else ""
            entries.append(_Entry(str(node_id), str(name or node_id), str(name_en) if name_en else None,
                                  str(label), forms, pinyin))
        return cls(entries)

    @classmethod
    def from_store(cls, store: QueryRunner) -> SearchIndex:
        """Build from every node of a store."""
        from cypher.names import name_rows

        return cls.from_rows(name_rows(store))

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        """Entities matching ``query``: exact matches first, then prefixes, then substrings.

        Within a band, shorter matched forms score higher; ties go to the shorter name, then the id.
        """
        needle = match_form(query)
        if not needle:
            return []
        hits = []
        latin = needle.isascii()
        for entry in self._entries:
            best = _best_match(needle, entry.forms)
            if latin and entry.pinyin and (by_pinyin := _pinyin_score(needle, entry.pinyin)) is not None and (
                    best is None or by_pinyin > best[0]):
                best = (by_pinyin, entry.name)
            if best is not None:
                score, surface = best
                hits.append(SearchHit(entry.id, entry.name, entry.name_en, entry.label, score, surface))
        hits.sort(key=lambda h: (-h.score, len(h.name), h.id))
        return hits[:limit]


_SEP = "\x1f"


def _pinyin_score(needle: str, keys: str) -> float | None:
    """The score of the best band ``needle`` reaches among ``keys`` (as :func:`_score`, not primary)."""
    if f"{_SEP}{needle}{_SEP}" in keys:
        return EXACT_OTHER
    at = keys.find(f"{_SEP}{needle}")
    if at >= 0:
        return round(PREFIX_BASE + PREFIX_SPAN * len(needle) / (keys.index(_SEP, at + 1) - at - 1), 4)
    at = keys.find(needle)
    if at < 0:
        return None
    start, end = keys.rindex(_SEP, 0, at) + 1, keys.index(_SEP, at)
    return round(SUBSTRING_BASE + SUBSTRING_SPAN * len(needle) / (end - start), 4)


def _form(text: str) -> str:
    """The match form of ``text``, sharing ``text`` itself when they are equal (saves memory)."""
    form = match_form(text)
    return text if form == text else form


def _best_match(needle: str, forms: tuple[tuple[str, str, bool], ...]) -> tuple[float, str] | None:
    best: tuple[float, str] | None = None
    for form, surface, primary in forms:
        score = _score(needle, form, primary)
        if score is not None and (best is None or score > best[0]):
            best = (score, surface)
    return best


def _score(needle: str, form: str, primary: bool) -> float | None:
    if form == needle:
        return EXACT_PRIMARY if primary else EXACT_OTHER
    ratio = len(needle) / len(form)
    if form.startswith(needle):
        return round(PREFIX_BASE + PREFIX_SPAN * ratio, 4)
    if needle in form:
        return round(SUBSTRING_BASE + SUBSTRING_SPAN * ratio, 4)
    return None
