"""Entity resolution: a discovered name that is another name of a known (or earlier) entity.

A name is reduced step by step — legal form (…股份有限公司, …有限公司), a bracketed place
(（深圳）), a leading place (东海市, 南湖), a trailing 科技 — and each form is looked up; known
abbreviation patterns (星海科大 ↔ 星海科学技术大学, 东海交大 ↔ 东海交通大学) are tried both ways. A
discovered entity that resolves becomes an alias proposal for the entity it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_LEGAL = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司)$")
_BRACKET_PLACE = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)]")
_LEADING_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}?(?:省|市|自治区|特别行政区)")
_TRAILING = ("科技", "智能科技", "技术")
# Abbreviations general to Chinese institution names (long form, short form).
ABBREVIATIONS = (("科学技术大学", "科大"), ("交通大学", "交大"), ("师范大学", "师大"), ("理工大学", "理工"))


def forms(name: str, places: Callable[[str], bool]) -> Iterator[str]:
    """``name`` and its reduced forms, most specific first; ``places(p)`` tells a place name."""
    seen = {name}
    yield name
    current = name
    for step in (_strip_legal, _strip_bracket, lambda n: _strip_place(n, places), _strip_trailing):
        reduced = step(current)
        if reduced and len(reduced) >= 2 and reduced not in seen:
            seen.add(reduced)
            yield reduced
            current = reduced
    for long, short in ABBREVIATIONS:
        for form in list(seen):
            for a, b in ((long, short), (short, long)):
                if a in form and (swapped := form.replace(a, b)) not in seen:
                    seen.add(swapped)
                    yield swapped


def _strip_legal(name: str) -> str:
    return _LEGAL.sub("", name)


def _strip_bracket(name: str) -> str:
    return _BRACKET_PLACE.sub("", name)


def _strip_place(name: str, places: Callable[[str], bool]) -> str:
    m = _LEADING_PLACE.match(name)
    if m and len(name) - m.end() >= 2:
        return name[m.end():]
    for k in (3, 2):
        if len(name) - k >= 2 and places(name[:k]):
            return name[k:]
    return name


def _strip_trailing(name: str) -> str:
    for t in _TRAILING:
        if name.endswith(t) and len(name) - len(t) >= 2:
            return name[: -len(t)]
    return name
