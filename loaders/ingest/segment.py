"""jieba, loaded lazily and quietly: part-of-speech tags for short windows of text."""

from __future__ import annotations

import logging
from functools import cache


@cache
def _posseg() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg


def tag(text: str) -> list[tuple[str, str]]:
    """(word, flag) pairs of ``text`` by jieba's part-of-speech tagger (HMM on for unknown words)."""
    return [(p.word, p.flag) for p in _posseg().cut(text)]  # type: ignore[attr-defined]


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word``; 0 for words it does not know."""
    _posseg()
    import jieba

    return int(jieba.get_FREQ(word) or 0)
