"""Pinyin search keys of Chinese names: full pinyin and initials, toneless, every reading of a polyphone."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from pypinyin import Style, pinyin

MAX_READINGS = 8
"""Most readings kept per text (a name full of polyphones would otherwise explode)."""
READINGS_PER_CHARACTER = 2

_HAN = re.compile(r"[\u3400-\u9fff]")
_KEEP = re.compile(r"[^0-9a-z]")

PinyinKeys = Callable[[str], tuple[str, ...]]


def pinyin_keys(text: str) -> tuple[str, ...]:
    """Full-pinyin and initials keys of ``text``; empty when it has no Chinese character.

    Each character's most common reading first, then, one polyphone at a time, its other common
    reading (重庆 → zhongqing, chongqing; 长 → chang, zhang), at most :data:`MAX_READINGS`
    readings. Readings are looked up per character (cached), not by pypinyin's phrase
    segmentation: several times faster at start-up, and a key in any order matches the same.
    Letters and digits are kept, lowered; the rest is dropped.

    >>> pinyin_keys("优必选")
    ('youbixuan', 'ybx')
    >>> "chongqing" in pinyin_keys("重庆"), "zhang" in pinyin_keys("长")
    (True, True)
    """
    if not _HAN.search(text):
        return ()
    options: list[tuple[str, ...]] = []
    initials_of: list[bool] = []
    for run in _RUNS.findall(text):
        if _HAN.fullmatch(run):
            options.append(_readings(run))
            initials_of.append(True)
        elif other := _KEEP.sub("", run.lower()):
            options.append((other,))
            initials_of.append(False)
    # The first reading everywhere, then each polyphone's other reading on its own: a name with
    # several polyphones gets a key per misreading a user is likely to type, not their product.
    first = tuple(o[0] for o in options)
    combinations = [first] + [first[:i] + (r,) + first[i + 1:] for i, o in enumerate(options) for r in o[1:]]
    keys: list[str] = []
    for combination in combinations[:MAX_READINGS]:
        keys.append("".join(combination))
        keys.append("".join(p[:1] if syllable else p for p, syllable in zip(combination, initials_of,
                                                                             strict=True)))
    return tuple(k for k in dict.fromkeys(keys) if k)


_RUNS = re.compile(r"[\u3400-\u9fff]|[^\u3400-\u9fff]+")


@functools.lru_cache(maxsize=65536)
def _readings(char: str) -> tuple[str, ...]:
    """The toneless readings of one Chinese character: pypinyin's two most common (rarer ones —
    能 as tai, 市 as fu — would only add noise to the index)."""
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors=_mark)[0]
    readings = tuple(dict.fromkeys(_KEEP.sub("", r.lower()) for r in found if _KEEP.sub("", r.lower())))
    return readings[:READINGS_PER_CHARACTER] or ("",)


def _mark(chars: str) -> str:
    """Nothing for a character pypinyin has no reading of."""
    return ""
